package dev.marcus.it;

import static dev.marcus.it.MarcusServer.args;
import static dev.marcus.it.MarcusServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica dies with {@code kill -9} while its agents hold tasks: on PostgreSQL the tasks come back through lease
 * recovery (run by the surviving process once the dead one's advisory lock went with its connections), carry the
 * hand-off note naming the dead replica's agents, and the agents on the other replica finish every task exactly once.
 */
class PostgresReplicaKillIT {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    private static final Map<String, String> SHORT_LEASES = Map.of(
            "MARCUS_LEASE_INITIAL_SECONDS", "2", "MARCUS_LEASE_BASE_SECONDS", "3", "MARCUS_LEASE_MAX_SECONDS", "4");
    private static final ProjectId PROJECT = new ProjectId("pg-kill");
    private static final int TASKS = 12;
    private static final int AGENTS_PER_PROCESS = 4;

    @TempDir
    Path home;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void replicaKilledMidRun_itsTasksComeBackThroughLeaseRecovery_andTheOtherReplicaFinishesAll() throws Exception {
        List<NewTask> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            // the last four wait for the first one, so part of the project can only go on after a recovered task is done
            List<TaskId> deps = i >= TASKS - 4 ? List.of(new TaskId("k0")) : List.of();
            tasks.add(new NewTask(new TaskId("k" + i), "Task " + i, "", Priority.MEDIUM, List.of(), deps, List.of(),
                    null, List.of(), null));
        }
        try (PostgresStorageBackend db = PG.open()) {
            db.createProject(new NewProject(PROJECT, "Kill", "", null), tasks, Instant.now());
        }
        Map<String, String> env = new HashMap<>(SHORT_LEASES);
        env.put("DATABASE_URL", PG.urlString());
        env.put("MARCUS_DATABASE_SCHEMA", PG.schema());

        Map<String, String> heldOnA = new HashMap<>();
        Map<String, Map<String, Object>> recoveredBy = new ConcurrentHashMap<>();
        Map<String, String> completedBy = new ConcurrentHashMap<>();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        MarcusServer a = MarcusServer.start(Files.createDirectories(home.resolve("replica-a")), env);
        try (MarcusServer b = MarcusServer.start(Files.createDirectories(home.resolve("replica-b")), env)) {
            for (int i = 0; i < AGENTS_PER_PROCESS; i++) {
                assertThat(a.call("register_agent", args("agent_id", "a-" + i, "name", "A" + i, "role", "dev",
                        "project_id", PROJECT.value()))).containsEntry("success", true);
                assertThat(b.call("register_agent", args("agent_id", "b-" + i, "name", "B" + i, "role", "dev",
                        "project_id", PROJECT.value()))).containsEntry("success", true);
            }
            // A's agents take a task each and report some progress; then A dies without a word
            for (int i = 0; i < AGENTS_PER_PROCESS; i++) {
                String agent = "a-" + i;
                Map<String, Object> next = a.call("request_next_task", args("agent_id", agent));
                assertThat(next).containsEntry("success", true);
                String taskId = (String) map(next.get("task")).get("id");
                heldOnA.put(taskId, agent);
                assertThat(a.call("report_task_progress", args("agent_id", agent, "task_id", taskId,
                        "status", "in_progress", "progress", 30, "message", "started by " + agent)))
                        .containsEntry("success", true);
            }
            assertThat(heldOnA).hasSize(AGENTS_PER_PROCESS);
            long pidA = a.process().pid();
            a.kill();
            assertThat(a.process().isAlive()).as("process A (pid %d) is dead", pidA).isFalse();
            assertThat(b.process().isAlive()).isTrue();
            long killedAt = System.nanoTime();

            ExecutorService pool = Executors.newFixedThreadPool(AGENTS_PER_PROCESS);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < AGENTS_PER_PROCESS; i++) {
                    String agent = "b-" + i;
                    futures.add(pool.submit(() -> {
                        runAgent(b, agent, recoveredBy, completedBy, violations);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(2, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            System.out.printf("PostgresReplicaKillIT: %d tasks finished on B %d ms after A was killed%n",
                    TASKS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        } finally {
            a.close();
        }

        assertThat(violations).isEmpty();
        assertThat(completedBy).hasSize(TASKS);
        assertThat(completedBy.values()).allMatch(agent -> agent.startsWith("b-"));
        // every task A's agents held came back with a note naming the agent that had it
        assertThat(recoveredBy.keySet()).containsExactlyInAnyOrderElementsOf(heldOnA.keySet());
        heldOnA.forEach((taskId, agent) -> assertThat(recoveredBy.get(taskId))
                .as("recovery_info of %s", taskId)
                .containsEntry("previous_agent", agent)
                .containsEntry("previous_progress", 30)
                .containsEntry("last_message", "started by " + agent));

        try (PostgresStorageBackend db = PG.open()) {
            List<Task> stored = db.listTasks(PROJECT);
            List<Event> events = db.eventsAfter(0, PROJECT, 100_000);
            assertThat(db.findProject(PROJECT).orElseThrow().isComplete()).isTrue();
            Map<TaskId, Long> completions = new HashMap<>();
            events.stream().filter(e -> e.type() == EventType.TASK_COMPLETED)
                    .forEach(e -> completions.merge(e.taskId(), 1L, Long::sum));
            for (Task t : stored) {
                assertThat(completions.get(t.id())).as("completions of %s", t.id()).isEqualTo(1L);
            }
            List<String> recoveredInLog = events.stream().filter(e -> e.type() == EventType.LEASE_RECOVERED)
                    .map(e -> e.taskId().value()).toList();
            assertThat(recoveredInLog).containsExactlyInAnyOrderElementsOf(heldOnA.keySet());
            AgentLoopEndToEndIT.assertDependencyOrderHeld(stored, events);
        }
    }

    private static void runAgent(MarcusServer server, String agent, Map<String, Map<String, Object>> recoveredBy,
                                 Map<String, String> completedBy, List<String> violations) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Map<String, Object> next = server.call("request_next_task", args("agent_id", agent));
            if (Boolean.TRUE.equals(next.get("project_complete"))) {
                return;
            }
            if (!Boolean.TRUE.equals(next.get("success"))) {
                if (!next.containsKey("retry_after_seconds")) {
                    violations.add(agent + ": unexpected answer " + next);
                    return;
                }
                Thread.sleep(100);
                continue;
            }
            Map<String, Object> task = map(next.get("task"));
            String taskId = (String) task.get("id");
            if (task.get("recovery_info") != null) {
                recoveredBy.put(taskId, map(task.get("recovery_info")));
            }
            Map<String, Object> done = server.call("report_task_progress", args("agent_id", agent, "task_id", taskId,
                    "status", "completed", "progress", 100, "message", "done"));
            if (!Boolean.TRUE.equals(done.get("success"))) {
                violations.add(agent + " could not complete " + taskId + ": " + done);
            }
            String before = completedBy.putIfAbsent(taskId, agent);
            if (before != null) {
                violations.add(taskId + " completed by " + before + " and by " + agent);
            }
        }
        violations.add(agent + " did not see the project complete in time");
    }
}
