package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ProjectService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The human actions of issue #6 over real HTTP on port 0: edit, rewire, pause, resolve — valid and invalid calls. */
class HumanActionsApiTest {
    private final WebHarness web = new WebHarness();

    @AfterEach
    void stop() {
        web.close();
    }

    /** A project of independent tasks (added one by one, so no planner rule wires them); returns its id. */
    private String project(String name, String... tasks) {
        String id = web.project(name, "- " + tasks[0]);
        for (int i = 1; i < tasks.length; i++) {
            web.core.projects().addTask(new ProjectService.AddTask(id, tasks[i], "", "medium", List.of(), List.of(),
                    List.of(), null, List.of(), null));
        }
        return id;
    }

    private String taskId(String project, String name) {
        return web.core.projects().tasks(project).stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow().id().value();
    }

    private Task task(String id) {
        return web.storage.findTask(new TaskId(id)).orElseThrow();
    }

    private List<String> ready(String project) {
        return web.storage.readyTasks(new ProjectId(project), 100).stream().map(Task::name).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return (List<String>) o;
    }

    private static Map<?, ?> map(Object o) {
        return (Map<?, ?>) o;
    }

    // ---- PATCH /api/tasks/{taskId}

    @Test
    void patchTask_changesTheGivenFields_andRecordsBeforeAndAfter() {
        String p = project("Shop", "Schema", "API");
        String id = taskId(p, "API");

        var r = web.patch("/api/tasks/" + id, "{\"name\":\"REST API\",\"priority\":\"urgent\",\"labels\":[\"Backend\",\"http\"],"
                + "\"estimated_hours\":3.5,\"description\":\"Expose the shop\",\"acceptance_criteria\":[\"GET /items works\"]}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.get("success")).isEqualTo(true);
        Map<?, ?> t = map(r.get("task"));
        assertThat(t.get("name")).isEqualTo("REST API");
        assertThat(t.get("priority")).isEqualTo("urgent");
        assertThat(strings(t.get("labels"))).containsExactly("backend", "http");
        assertThat(t.get("estimated_hours")).isEqualTo(3.5);
        assertThat(t.get("description")).isEqualTo("Expose the shop");
        assertThat(strings(t.get("acceptance_criteria"))).containsExactly("GET /items works");
        assertThat(strings(r.get("changed"))).contains("name", "priority", "labels", "estimated_hours");
        var event = web.storage.events().stream().filter(e -> e.type() == EventType.TASK_UPDATED).findFirst().orElseThrow();
        assertThat(event.taskId().value()).isEqualTo(id);
        assertThat(event.data()).containsEntry("priority_before", "medium").containsEntry("priority_after", "urgent")
                .containsEntry("name_before", "API").containsEntry("name_after", "REST API");
    }

    @Test
    void patchTask_reprioritises_theNextAssignmentPicksTheUrgentTask() {
        String p = project("Shop", "Schema", "API", "Docs");
        web.core.agents().register("a1", "Ann", "dev", List.of(), p);
        web.core.agents().register("a2", "Bob", "dev", List.of(), p);
        // the planner's own task goes first (and warms the project's graph cache); API and Docs are alike but for order
        assertThat(((AssignmentService.Assigned) web.core.assignments().requestNextTask("a1", 0)).task().name())
                .isEqualTo("Schema");

        assertThat(web.patch("/api/tasks/" + taskId(p, "Docs"), "{\"priority\":\"urgent\"}").status()).isEqualTo(200);

        var next = (AssignmentService.Assigned) web.core.assignments().requestNextTask("a2", 0);
        assertThat(next.task().name()).isEqualTo("Docs");
    }

    @Test
    void patchTask_withAnInvalidField_is400NamingIt_andChangesNothing() {
        String p = project("Shop", "Schema");
        String id = taskId(p, "Schema");
        Task before = task(id);
        long lastEvent = web.storage.lastEventId();

        for (var bad : List.of(
                Map.entry("{\"name\":\"Ok\",\"priority\":\"whenever\"}", "priority"),
                Map.entry("{\"name\":\"\"}", "name"),
                Map.entry("{\"labels\":\"ops\"}", "labels"),
                Map.entry("{\"estimated_hours\":-2}", "estimated_hours"),
                Map.entry("{\"estimated_hours\":\"two\"}", "estimated_hours"),
                Map.entry("{\"status\":\"done\"}", "status"),
                Map.entry("{}", "body"),
                Map.entry("[1]", "body"))) {
            var r = web.patch("/api/tasks/" + id, bad.getKey());
            assertThat(r.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(r.get("field")).as(bad.getKey()).isEqualTo(bad.getValue());
            assertThat(r.get("success")).isEqualTo(false);
        }
        assertThat(task(id)).isEqualTo(before);
        assertThat(web.storage.lastEventId()).isEqualTo(lastEvent);
    }

    @Test
    void patchTask_unknownIs404() {
        assertThat(web.patch("/api/tasks/task-missing", "{\"name\":\"x\"}").status()).isEqualTo(404);
    }

    // ---- dependencies

    @Test
    void addDependency_makesATodoTaskNotReady_andRemovingItMakesItReadyAgain() {
        String p = project("Shop", "Schema", "API");
        String schema = taskId(p, "Schema");
        String api = taskId(p, "API");
        assertThat(ready(p)).containsExactly("Schema", "API");

        var added = web.post("/api/tasks/" + api + "/dependencies", "{\"depends_on\":\"" + schema + "\"}");

        assertThat(added.status()).isEqualTo(200);
        assertThat(strings(map(added.get("task")).get("dependencies"))).containsExactly(schema);
        assertThat(ready(p)).containsExactly("Schema");
        assertThat(web.get("/api/tasks/" + api).get("dependencies")).asList().hasSize(1);

        var removed = web.delete("/api/tasks/" + api + "/dependencies/" + schema);

        assertThat(removed.status()).isEqualTo(200);
        assertThat((List<?>) map(removed.get("task")).get("dependencies")).isEmpty();
        assertThat(ready(p)).containsExactly("Schema", "API");
        assertThat(web.storage.events()).extracting(e -> e.type())
                .contains(EventType.DEPENDENCY_ADDED, EventType.DEPENDENCY_REMOVED);
    }

    @Test
    void addDependency_thatWouldCloseACycle_is400_andChangesNothing() {
        String p = project("Shop", "Schema", "API");
        String schema = taskId(p, "Schema");
        String api = taskId(p, "API");
        web.post("/api/tasks/" + api + "/dependencies", "{\"depends_on\":\"" + schema + "\"}");

        var cycle = web.post("/api/tasks/" + schema + "/dependencies", "{\"depends_on\":\"" + api + "\"}");

        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.get("field")).isEqualTo("depends_on");
        assertThat((String) cycle.get("error")).contains("cycle");
        assertThat(task(schema).dependencies()).isEmpty();

        var self = web.post("/api/tasks/" + schema + "/dependencies", "{\"depends_on\":\"" + schema + "\"}");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.get("field")).isEqualTo("depends_on");
    }

    @Test
    void addDependency_onAnotherProjectsTask_is400() {
        String shop = project("Shop", "Schema");
        String blog = project("Blog", "Posts");

        var r = web.post("/api/tasks/" + taskId(shop, "Schema") + "/dependencies",
                "{\"depends_on\":\"" + taskId(blog, "Posts") + "\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.get("field")).isEqualTo("depends_on");
        assertThat((String) r.get("error")).contains("another project");
        assertThat(task(taskId(shop, "Schema")).dependencies()).isEmpty();
    }

    @Test
    void dependencies_unknownIdsAre404_missingFieldIs400_startedTaskIs409() {
        String p = project("Shop", "Schema", "API");
        String schema = taskId(p, "Schema");
        String api = taskId(p, "API");

        assertThat(web.post("/api/tasks/task-missing/dependencies", "{\"depends_on\":\"" + schema + "\"}").status()).isEqualTo(404);
        var unknownDep = web.post("/api/tasks/" + api + "/dependencies", "{\"depends_on\":\"task-missing\"}");
        assertThat(unknownDep.status()).isEqualTo(404);
        assertThat(unknownDep.get("field")).isEqualTo("depends_on");
        assertThat(web.post("/api/tasks/" + api + "/dependencies", "{}").get("field")).isEqualTo("depends_on");
        assertThat(web.delete("/api/tasks/" + api + "/dependencies/" + schema).status()).isEqualTo(404);
        assertThat(web.delete("/api/tasks/task-missing/dependencies/" + schema).status()).isEqualTo(404);

        web.core.agents().register("a1", "Ann", "dev", List.of(), p);
        var held = (AssignmentService.Assigned) web.core.assignments().requestNextTask("a1", 0);
        String other = held.task().id().value().equals(schema) ? api : schema;
        var started = web.post("/api/tasks/" + held.task().id().value() + "/dependencies", "{\"depends_on\":\"" + other + "\"}");
        assertThat(started.status()).isEqualTo(409);
        assertThat(started.get("reason")).isEqualTo("task_started");
    }

    // ---- pause / resume

    @Test
    void pausedAgent_getsNoTaskWithAReason_andAResumedOneGetsATask() {
        String p = project("Shop", "Schema");
        web.core.agents().register("a1", "Ann", "dev", List.of(), p);

        var paused = web.post("/api/agents/a1/pause", null);

        assertThat(paused.status()).isEqualTo(200);
        assertThat(map(paused.get("agent")).get("paused")).isEqualTo(true);
        assertThat(map(paused.get("agent")).get("status")).isEqualTo("paused");
        var none = web.core.assignments().requestNextTask("a1", 0);
        assertThat(none).isInstanceOfSatisfying(AssignmentService.NoTask.class, n -> {
            assertThat(n.reason()).isEqualTo("agent_paused");
            assertThat(n.retryAfterSeconds()).isPositive();
        });
        Map<?, ?> status = map(web.get("/api/projects/" + p).get("project"));
        assertThat(status.get("workers_paused")).isEqualTo(1);
        assertThat(status.get("workers_available")).isEqualTo(0);

        var resumed = web.post("/api/agents/a1/resume", null);

        assertThat(resumed.status()).isEqualTo(200);
        assertThat(map(resumed.get("agent")).get("paused")).isEqualTo(false);
        assertThat(web.core.assignments().requestNextTask("a1", 0)).isInstanceOf(AssignmentService.Assigned.class);
        assertThat(web.storage.events()).extracting(e -> e.type())
                .contains(EventType.AGENT_PAUSED, EventType.AGENT_RESUMED);
    }

    @Test
    void pausingAWorkingAgent_keepsItsTask() {
        String p = project("Shop", "Schema");
        web.core.agents().register("a1", "Ann", "dev", List.of(), p);
        var held = (AssignmentService.Assigned) web.core.assignments().requestNextTask("a1", 0);

        var r = web.post("/api/agents/a1/pause", null);

        assertThat(map(r.get("agent")).get("current_task_id")).isEqualTo(held.task().id().value());
        assertThat(web.storage.heldBy(new AgentId("a1"))).isPresent();
    }

    @Test
    void pauseAndResume_unknownAgentIs404() {
        assertThat(web.post("/api/agents/ghost/pause", null).status()).isEqualTo(404);
        assertThat(web.post("/api/agents/ghost/resume", null).status()).isEqualTo(404);
    }

    // ---- blockers

    @Test
    void resolveBlocker_stampsResolvedAt_shownInTheTaskView() {
        String p = project("Shop", "Schema");
        web.core.agents().register("a1", "Ann", "dev", List.of(), p);
        var held = (AssignmentService.Assigned) web.core.assignments().requestNextTask("a1", 0);
        String id = held.task().id().value();
        web.core.progress().reportBlocker("a1", id, "no database credentials", "high");
        assertThat(map(((List<?>) web.get("/api/tasks/" + id).get("blockers")).get(0)).get("resolved_at")).isNull();

        assertThat(web.post("/api/tasks/" + id + "/resolve-blocker", null).status()).isEqualTo(200);

        assertThat(map(((List<?>) web.get("/api/tasks/" + id).get("blockers")).get(0)).get("resolved_at")).isNotNull();
    }

    // ---- roles

    @Test
    void viewer_cannotEditRewireOrPause() {
        try (WebHarness viewer = new WebHarness(null, true)) {
            String p = viewer.project("Shop", "- Schema\n- API");
            viewer.core.agents().register("a1", "Ann", "dev", List.of(), p);
            List<Task> tasks = viewer.core.projects().tasks(p);
            String a = tasks.get(0).id().value();
            String b = tasks.get(1).id().value();

            assertThat(viewer.patch("/api/tasks/" + a, "{\"priority\":\"urgent\"}").status()).isEqualTo(403);
            assertThat(viewer.post("/api/tasks/" + a + "/dependencies", "{\"depends_on\":\"" + b + "\"}").status()).isEqualTo(403);
            assertThat(viewer.delete("/api/tasks/" + a + "/dependencies/" + b).status()).isEqualTo(403);
            assertThat(viewer.post("/api/agents/a1/pause", null).status()).isEqualTo(403);
            assertThat(viewer.post("/api/agents/a1/resume", null).status()).isEqualTo(403);
            assertThat(viewer.core.projects().tasks(p).get(0).priority().wire()).isEqualTo("medium");
            assertThat(viewer.storage.findAgent(new AgentId("a1")).orElseThrow().isPaused()).isFalse();
        }
    }
}
