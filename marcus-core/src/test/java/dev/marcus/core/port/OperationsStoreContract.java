package dev.marcus.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.BlockerSeverity;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The written contract of {@link OperationsStore}; each adapter supplies a fresh store and its operations. */
public abstract class OperationsStoreContract {
    protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ProjectId A = new ProjectId("proj-a");
    private static final ProjectId B = new ProjectId("proj-b");

    /** A fresh, empty store. */
    protected abstract StorageBackend newStore();

    /** The operations port on the same database. */
    protected abstract OperationsStore operations(StorageBackend store);

    private static List<NewTask> tasks(String prefix, int n) {
        List<NewTask> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new NewTask(new TaskId("task-" + prefix + i), prefix + " " + i, "", Priority.MEDIUM, List.of(), List.of(),
                    List.of(), null, List.of(), null));
        }
        return out;
    }

    private static ProgressReport report(TaskId task, AgentId agent) {
        return new ProgressReport(task, agent, null, 100, "done", 0, 0);
    }

    @Test
    void readings_countTasksByStatusPerLiveProject_agentsActiveAndSilent_andOpenBlockers() {
        try (StorageBackend store = newStore()) {
            OperationsStore ops = operations(store);
            store.createProject(new NewProject(A, "A", "", null), tasks("a", 5), T0);
            store.createProject(new NewProject(B, "B", "", null), tasks("b", 2), T0);
            AgentId quiet = new AgentId("agent-quiet");
            AgentId busy = new AgentId("agent-busy");
            AgentId blocked = new AgentId("agent-blocked");
            for (AgentId id : List.of(quiet, busy, blocked)) {
                store.registerAgent(new AgentRegistration(id, A, id.value(), "dev", List.of()), T0);
            }
            store.claimFirstReady(quiet, List.of(new TaskId("task-a0")), T0.plusSeconds(3600), T0);
            store.claimFirstReady(busy, List.of(new TaskId("task-a1")), T0.plusSeconds(3600), T0);
            store.completeTask(report(new TaskId("task-a1"), busy), T0.plusSeconds(600));
            store.claimFirstReady(busy, List.of(new TaskId("task-a2")), T0.plusSeconds(3600), T0.plusSeconds(600));
            store.claimFirstReady(blocked, List.of(new TaskId("task-a3")), T0.plusSeconds(3600), T0);
            store.blockTask(report(new TaskId("task-a3"), blocked),
                    new Blocker("blk-1", new TaskId("task-a3"), blocked, "no access", BlockerSeverity.HIGH, T0, null), T0);
            store.touchAgent(blocked, T0.plusSeconds(600));
            store.archiveProject(B, T0);

            OperationsStore.Readings r = ops.readings(T0.plusSeconds(600), Duration.ofMinutes(5));
            assertThat(r.tasks()).singleElement().satisfies(p -> {
                assertThat(p.project()).isEqualTo(A);
                assertThat(p.counts()).isEqualTo(new TaskCounts(1, 2, 1, 1));
            });
            assertThat(r.agentsActive()).as("busy and blocked were heard from lately").isEqualTo(2);
            assertThat(r.agentsSilent()).as("quiet holds a task and was last heard at T0").isEqualTo(1);
            assertThat(r.openBlockers()).isEqualTo(1);
            assertThat(r.oldestInProgressAt()).isEqualTo(T0);
        }
    }

    @Test
    void rollUp_countsEventsPerDayAndType_fromItsCursor_andArchivedEventsCanBeDeleted() {
        try (StorageBackend store = newStore()) {
            OperationsStore ops = operations(store);
            store.createProject(new NewProject(A, "A", "", null), tasks("a", 3), T0);
            long cursor = ops.rollUp(0, 2, T0);
            assertThat(cursor).isPositive();
            long end = ops.rollUp(cursor, 100, T0);
            assertThat(ops.rollUp(end, 100, T0)).as("nothing new").isEqualTo(end);
            assertThat(ops.rollups(A, 7)).filteredOn(u -> u.eventType().equals("task_created"))
                    .singleElement().satisfies(u -> {
                        assertThat(u.day()).isEqualTo("2026-12-01");
                        assertThat(u.count()).isEqualTo(3);
                    });
            long last = store.lastEventId();
            assertThat(ops.deleteEventsThrough(last, T0)).as("none is older than the cutoff").isZero();
            int events = store.eventsAfter(0, null, 1000).size();
            assertThat(ops.deleteEventsThrough(last, T0.plusSeconds(1))).isEqualTo(events);
            assertThat(store.eventsAfter(0, null, 1000)).isEmpty();
        }
    }
}
