package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.service.ProgressService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every REST endpoint over real HTTP on port 0: the valid call and the invalid ones. */
class RestApiTest {
    private final WebHarness web = new WebHarness();

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void healthAndReadiness_answerUp() {
        assertThat(web.get("/health").get("status")).isEqualTo("up");
        var ready = web.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.get("status")).isEqualTo("ready");
    }

    @Test
    void createProject_thenListAndStatus() {
        var created = web.post("/api/projects", "{\"name\":\"Shop\",\"description\":\"# Backend\\n- Schema (2h)\\n- API (after Schema)\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.get("task_count")).isEqualTo(2);
        String id = (String) ((Map<?, ?>) created.get("project")).get("id");

        var list = web.get("/api/projects");
        assertThat((List<?>) list.get("projects")).hasSize(1);

        var status = web.get("/api/projects/" + id);
        assertThat(((Map<?, ?>) status.get("project")).get("total_tasks")).isEqualTo(2);
        assertThat(((Map<?, ?>) status.get("project")).get("todo")).isEqualTo(2);
    }

    @Test
    void createProject_answersWithThePlannersWarnings() {
        var created = web.post("/api/projects", "{\"name\":\"Feeds\",\"description\":\"- Ingest readings\\n- Alert on gaps (after the weather feed)\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat((List<?>) created.get("warnings")).singleElement().asString().contains("weather feed");
    }

    @Test
    void createProject_withoutName_is400NamingTheField() {
        var r = web.post("/api/projects", "{\"description\":\"- a\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.get("field")).isEqualTo("name");
        assertThat(r.get("success")).isEqualTo(false);
    }

    @Test
    void malformedJson_is400() {
        var r = web.post("/api/projects", "{not json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.get("field")).isEqualTo("body");
    }

    @Test
    void duplicateProjectName_is400() {
        web.project("Shop", "- a");
        var r = web.post("/api/projects", "{\"name\":\"shop\",\"description\":\"- b\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.get("field")).isEqualTo("project_name");
    }

    @Test
    void unknownProject_is404_andMalformedId_is400() {
        assertThat(web.get("/api/projects/proj-doesnotexist").status()).isEqualTo(404);
        assertThat(web.get("/api/projects/proj-doesnotexist/board").status()).isEqualTo(404);
        assertThat(web.get("/api/projects/../../etc").status()).isIn(400, 404);
        assertThat(web.get("/api/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void board_hasTasksCountsAndCriticalPath() {
        String id = web.project("Shop", "# A\n- Schema (2h)\n- API (after Schema) (3h)\n- Docs (1h)");
        var board = web.get("/api/projects/" + id + "/board");
        assertThat(board.status()).isEqualTo(200);
        assertThat((List<?>) board.get("tasks")).hasSize(3);
        // the offline planner's phase rules put Docs after the implementation: Schema → API → Docs
        assertThat((List<?>) board.get("critical_path")).hasSize(3);
        assertThat(board.get("critical_path_hours")).isEqualTo(6.0);
        assertThat(((Map<?, ?>) board.get("counts")).get("todo")).isEqualTo(3);
        assertThat(web.get("/api/projects/" + id + "/tasks").get("tasks")).asList().hasSize(3);
    }

    @Test
    void addTask_valid201_badPriority400_unknownDependency400() {
        String id = web.project("Shop", "- Schema");
        var ok = web.post("/api/projects/" + id + "/tasks", "{\"name\":\"Deploy\",\"priority\":\"urgent\",\"labels\":[\"ops\"]}");
        assertThat(ok.status()).isEqualTo(201);
        assertThat(((Map<?, ?>) ok.get("task")).get("priority")).isEqualTo("urgent");

        var bad = web.post("/api/projects/" + id + "/tasks", "{\"name\":\"X\",\"priority\":\"whenever\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("field")).isEqualTo("priority");

        var dep = web.post("/api/projects/" + id + "/tasks", "{\"name\":\"Y\",\"dependencies\":[\"task-nope\"]}");
        assertThat(dep.status()).isEqualTo(400);
        assertThat(dep.get("field")).isEqualTo("dependencies");

        var type = web.post("/api/projects/" + id + "/tasks", "{\"name\":\"Z\",\"labels\":\"ops\"}");
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.get("field")).isEqualTo("labels");
    }

    @Test
    void taskDetail_showsDecisionsAndArtifacts_unknownIs404() {
        String id = web.project("Shop", "- Schema");
        web.core.agents().register("a1", "Ann", "dev", List.of(), id);
        var next = web.core.assignments().requestNextTask("a1", 0);
        String taskId = ((dev.marcus.core.service.AssignmentService.Assigned) next).task().id().value();
        web.core.decisions().log("a1", taskId, "I chose SQLite because it is embedded. This affects deploys.");
        var detail = web.get("/api/tasks/" + taskId);
        assertThat(detail.status()).isEqualTo(200);
        assertThat((List<?>) detail.get("decisions")).hasSize(1);
        assertThat(web.get("/api/tasks/task-missing").status()).isEqualTo(404);
    }

    @Test
    void unassign_returnsTaskToTodo_doneTaskIs409() {
        String id = web.project("Shop", "- Schema\n- API");
        web.core.agents().register("a1", "Ann", "dev", List.of(), id);
        var assigned = (dev.marcus.core.service.AssignmentService.Assigned) web.core.assignments().requestNextTask("a1", 0);
        String taskId = assigned.task().id().value();
        var r = web.post("/api/tasks/" + taskId + "/unassign", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(((Map<?, ?>) r.get("task")).get("status")).isEqualTo("todo");

        var again = (dev.marcus.core.service.AssignmentService.Assigned) web.core.assignments().requestNextTask("a1", 0);
        web.core.progress().report(new ProgressService.Report("a1", again.task().id().value(), "completed", 100, "done", null, null, null));
        var refused = web.post("/api/tasks/" + again.task().id().value() + "/unassign", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.get("reason")).isEqualTo("task_already_complete");
    }

    @Test
    void resolveBlocker_putsBlockedTaskBackToTodo_notBlockedIs409() {
        String id = web.project("Shop", "- Schema");
        web.core.agents().register("a1", "Ann", "dev", List.of(), id);
        var assigned = (dev.marcus.core.service.AssignmentService.Assigned) web.core.assignments().requestNextTask("a1", 0);
        String taskId = assigned.task().id().value();
        var notBlocked = web.post("/api/tasks/" + taskId + "/resolve-blocker", null);
        assertThat(notBlocked.status()).isEqualTo(409);
        assertThat(notBlocked.get("reason")).isEqualTo("not_blocked");

        web.core.progress().reportBlocker("a1", taskId, "no database credentials", "high");
        var r = web.post("/api/tasks/" + taskId + "/resolve-blocker", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(((Map<?, ?>) r.get("task")).get("status")).isEqualTo("todo");
    }

    @Test
    void agents_listsRegisteredAgents() {
        String id = web.project("Shop", "- Schema");
        web.core.agents().register("a1", "Ann", "dev", List.of("sql"), id);
        var r = web.get("/api/projects/" + id + "/agents");
        assertThat((List<?>) r.get("agents")).hasSize(1);
    }

    @Test
    void events_filterByTypeAgentTextAndPage() {
        String id = web.project("Shop", "- Schema\n- API\n- Docs");
        web.core.agents().register("a1", "Ann", "dev", List.of(), id);
        web.core.assignments().requestNextTask("a1", 0);

        var all = web.get("/api/projects/" + id + "/events?limit=2");
        assertThat((List<?>) all.get("events")).hasSize(2);
        assertThat(all.get("has_more")).isEqualTo(true);
        long next = ((Number) all.get("next_after_id")).longValue();
        var page2 = web.get("/api/projects/" + id + "/events?after_id=" + next);
        assertThat(((List<Map<?, ?>>) page2.get("events")).get(0).get("id")).isEqualTo((int) next + 1);

        var assigned = web.get("/api/projects/" + id + "/events?type=task_assigned&agent_id=a1");
        assertThat((List<?>) assigned.get("events")).hasSize(1);
        assertThat(web.get("/api/projects/" + id + "/events?type=nonsense").status()).isEqualTo(400);
        assertThat(web.get("/api/projects/" + id + "/events?after_id=x").get("field")).isEqualTo("after_id");
        assertThat(web.get("/api/projects/" + id + "/events?q=assigned").get("events")).asList().isNotEmpty();
    }

    @Test
    void timeline_drawsLanesThroughputCycleTimesBurnDownAndForecast_badWindowIs400() {
        String id = web.project("Shop", "- Schema (2h)\n- API (after Schema)\n- Docs");
        web.core.agents().register("a1", "Ann", "dev", List.of(), id);
        var assigned = (dev.marcus.core.service.AssignmentService.Assigned) web.core.assignments().requestNextTask("a1", 0);
        web.core.progress().report(new ProgressService.Report("a1", assigned.task().id().value(), "completed", 100, "done", null, null, null));

        var r = web.get("/api/projects/" + id + "/timeline");
        assertThat(r.status()).isEqualTo(200);
        List<Map<?, ?>> lanes = (List<Map<?, ?>>) r.get("lanes");
        assertThat(lanes).singleElement().satisfies(l -> assertThat((List<?>) l.get("bars")).hasSize(1));
        assertThat((List<?>) r.get("throughput_per_hour")).hasSize(25);
        assertThat(((Map<?, ?>) r.get("cycle_time")).get("count")).isEqualTo(1);
        assertThat(r.get("remaining_tasks")).isEqualTo(2);
        assertThat((List<?>) r.get("burndown")).isNotEmpty();
        assertThat(((Map<?, ?>) r.get("forecast")).get("predicted_completion")).isNotNull();

        assertThat(web.get("/api/projects/" + id + "/timeline?window=7d").get("time_window")).isEqualTo("7d");
        var bad = web.get("/api/projects/" + id + "/timeline?window=forever");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("field")).isEqualTo("time_window");
        assertThat(web.get("/api/projects/proj-missing/timeline").status()).isEqualTo(404);
    }

    @Test
    void metrics_andHealth_serveTheCoreAnalytics() {
        String id = web.project("Shop", "- Schema\n- A (after Schema)\n- B (after Schema)\n- C (after Schema)");
        var m = web.get("/api/projects/" + id + "/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(((Map<?, ?>) m.get("metrics")).get("project_id")).isEqualTo(id);
        assertThat(((Map<?, ?>) m.get("forecast")).get("remaining_tasks")).isEqualTo(4);

        var h = web.get("/api/projects/" + id + "/health");
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.get("health_score")).isInstanceOf(Number.class);
        assertThat(((List<Map<?, ?>>) h.get("issues")).stream().map(i -> String.valueOf(i.get("type"))).toList()).contains("bottleneck");
        assertThat(((Map<?, ?>) h.get("diagnosis")).get("recommendations")).asList().isNotEmpty();
        assertThat(((Map<?, ?>) h.get("assignments")).get("healthy")).isEqualTo(true);
        assertThat(web.get("/api/projects/proj-missing/health").status()).isEqualTo(404);
    }

    @Test
    void openApi_describesEveryRoute() {
        var spec = web.get("/api/openapi.json");
        assertThat(spec.status()).isEqualTo(200);
        Map<?, ?> paths = (Map<?, ?>) spec.get("paths");
        for (String route : web.app.restRoutes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            assertThat(paths.containsKey(path)).as("openapi.json describes %s", path).isTrue();
            assertThat(((Map<?, ?>) paths.get(path)).containsKey(method)).as("openapi.json describes %s", route).isTrue();
        }
        assertThat(paths).hasSameSizeAs(web.app.restRoutes().stream().map(r -> r.substring(r.indexOf(' ') + 1)).distinct().toList());
    }
}
