package dev.marcus.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Task;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a human does to a running board (issue #6): edit and reprioritise tasks, rewire them, pause agents. */
class HumanActionsTest {
    private final InMemoryStorageBackend storage = new InMemoryStorageBackend();
    private final MarcusCore core = MarcusCore.builder(storage).build();
    private final String project = createProject();

    /** Schema, Docs, Emails: medium priority, no dependencies (added one by one, so no planner rule wires them). */
    private String createProject() {
        String id = core.projects().create("Shop", "- Schema", ProjectService.CreateOptions.NONE).project().id().value();
        for (String name : List.of("Docs", "Emails")) {
            core.projects().addTask(new ProjectService.AddTask(id, name, "", "medium", List.of(), List.of(), List.of(),
                    null, List.of(), null));
        }
        return id;
    }

    @AfterEach
    void close() {
        core.close();
    }

    private Task named(String name) {
        return core.projects().tasks(project).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private AssignmentService.NextTask next(String agent) {
        return core.assignments().requestNextTask(agent, 0);
    }

    @Test
    void reprioritisedTask_isHandedOutFirst_evenWithAWarmGraphCache() {
        core.agents().register("a1", "Ann", "dev", List.of(), project);
        core.agents().register("a2", "Bob", "dev", List.of(), project);
        // the first claim builds and caches the project's graph
        assertThat(((AssignmentService.Assigned) next("a1")).task().name()).isEqualTo("Schema");

        core.projects().updateTask(named("Emails").id().value(),
                new ProjectService.EditTask(null, null, "urgent", null, null, null));

        AssignmentService.Assigned second = (AssignmentService.Assigned) next("a2");
        assertThat(second.task().name()).isEqualTo("Emails");
        assertThat(second.rankReason()).contains("priority urgent");
    }

    @Test
    void updateTask_validatesEveryFieldBeforeWriting_andNamesTheField() {
        String id = named("Docs").id().value();
        long before = storage.lastEventId();

        assertThatThrownBy(() -> core.projects().updateTask(id, new ProjectService.EditTask("New", null, "whenever", null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("priority"));
        assertThatThrownBy(() -> core.projects().updateTask(id, new ProjectService.EditTask(" ", null, null, null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> core.projects().updateTask(id, new ProjectService.EditTask(null, null, null, null, -1.0, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("estimated_hours"));
        assertThatThrownBy(() -> core.projects().updateTask(id, new ProjectService.EditTask(null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("body"));

        assertThat(named("Docs").priority()).isEqualTo(Priority.MEDIUM);
        assertThat(storage.lastEventId()).isEqualTo(before);
    }

    @Test
    void updateTask_normalisesLabels() {
        Task t = core.projects().updateTask(named("Docs").id().value(),
                new ProjectService.EditTask(null, null, null, List.of(" Docs ", "docs", "", "Writing"), null, null));
        assertThat(t.labels()).containsExactly("docs", "writing");
    }

    @Test
    void addedDependency_holdsATaskBack_untilItIsDone_andRemovingItReleasesIt() {
        core.agents().register("a1", "Ann", "dev", List.of(), project);
        String schema = named("Schema").id().value();
        String docs = named("Docs").id().value();
        String emails = named("Emails").id().value();
        core.projects().addDependency(docs, schema);
        core.projects().addDependency(emails, schema);

        assertThat(storage.readyTasks(named("Schema").projectId(), 10)).extracting(Task::name).containsExactly("Schema");
        var held = (AssignmentService.Assigned) next("a1");
        core.progress().report(new ProgressService.Report("a1", held.task().id().value(), "completed", 100, "", null, null, null));
        assertThat(storage.readyTasks(named("Schema").projectId(), 10)).extracting(Task::name).containsExactly("Docs", "Emails");

        core.projects().addDependency(emails, docs);
        assertThat(storage.readyTasks(named("Schema").projectId(), 10)).extracting(Task::name).containsExactly("Docs");
        core.projects().removeDependency(emails, docs);
        assertThat(storage.readyTasks(named("Schema").projectId(), 10)).extracting(Task::name).containsExactly("Docs", "Emails");
    }

    @Test
    void addDependency_refusesSelfAndCycles_namingDependsOn() {
        String schema = named("Schema").id().value();
        String docs = named("Docs").id().value();
        core.projects().addDependency(docs, schema);

        assertThatThrownBy(() -> core.projects().addDependency(schema, schema))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("depends_on"));
        assertThatThrownBy(() -> core.projects().addDependency(schema, docs))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("depends_on");
                    assertThat(e.getMessage()).contains("cycle");
                });
        assertThat(named("Schema").dependencies()).isEmpty();
    }

    @Test
    void pausedAgent_getsNoTaskWithAReason_isNotAvailable_andAResumedOneGetsATask() {
        core.agents().register("a1", "Ann", "dev", List.of(), project);
        core.agents().pause("a1");

        var answer = next("a1");
        assertThat(answer).isInstanceOfSatisfying(AssignmentService.NoTask.class, n -> {
            assertThat(n.reason()).isEqualTo("agent_paused");
            assertThat(n.retryAfterSeconds()).isPositive();
        });
        var status = core.projects().status(project);
        assertThat(status.workersTotal()).isEqualTo(1);
        assertThat(status.workersPaused()).isEqualTo(1);
        assertThat(status.workersAvailable()).isZero();

        core.agents().resume("a1");

        assertThat(next("a1")).isInstanceOf(AssignmentService.Assigned.class);
        assertThat(core.projects().status(project).workersActive()).isEqualTo(1);
    }

    @Test
    void pausedAgent_keepsItsTask_andMayFinishIt() {
        core.agents().register("a1", "Ann", "dev", List.of(), project);
        var held = (AssignmentService.Assigned) next("a1");
        core.agents().pause("a1");

        assertThat(next("a1")).isInstanceOf(AssignmentService.AlreadyHolding.class);
        core.progress().report(new ProgressService.Report("a1", held.task().id().value(), "completed", 100, "", null, null, null));
        assertThat(next("a1")).isInstanceOfSatisfying(AssignmentService.NoTask.class,
                n -> assertThat(n.reason()).isEqualTo("agent_paused"));
    }

    @Test
    void waitingPausedAgent_isWokenByItsResume() throws Exception {
        core.agents().register("a1", "Ann", "dev", List.of(), project);
        core.agents().pause("a1");
        CompletableFuture<AssignmentService.NextTask> waiting = CompletableFuture.supplyAsync(
                () -> core.assignments().requestNextTask("a1", 20));
        Thread.sleep(300);
        assertThat(waiting).isNotDone();

        core.agents().resume("a1");

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(AssignmentService.Assigned.class);
    }

    @Test
    void resolvingABlocker_stampsItResolved() {
        core.agents().register("a1", "Ann", "dev", List.of(), project);
        var held = (AssignmentService.Assigned) next("a1");
        core.progress().reportBlocker("a1", held.task().id().value(), "no credentials", "high");

        core.progress().resolveBlocker(held.task().id().value());

        assertThat(storage.blockersFor(held.task().id())).singleElement()
                .satisfies(b -> assertThat(b.resolvedAt()).isNotNull());
    }
}
