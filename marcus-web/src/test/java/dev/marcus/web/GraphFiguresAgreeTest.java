package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.marcus.core.model.Ids;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.mcp.MarcusTool;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;

/**
 * A property over random project graphs driven into random states by real agents (claims, progress reports,
 * completions, blockers): the dashboard's {@code GET /api/projects/{id}/board}, {@code get_project_metrics},
 * {@code check_board_health} and {@code get_optimal_agent_count} give one critical path, one length and one list of
 * bottlenecks, and the length is the sum of what the path's tasks have left by the board's own figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class GraphFiguresAgreeTest {
    private WebHarness web;

    @BeforeAll
    void start() {
        web = new WebHarness();
    }

    @AfterAll
    void stop() {
        web.close();
    }

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void boardMetricsHealthAndAgentCount_agreeOnTheCriticalPathItsHoursAndTheBottlenecks(long seed) {
        Random r = new Random(seed);
        String project = randomProject(r, "p" + seed);
        drive(r, project, "s" + seed);

        Map<String, Object> board = web.get("/api/projects/" + project + "/board").body();
        Map<String, Object> metrics = tool("get_project_metrics", Map.of("project_id", project));
        Map<String, Object> health = tool("check_board_health", Map.of("project_id", project));
        Map<String, Object> agents = tool("get_optimal_agent_count", Map.of("project_id", project));

        for (Map<String, Object> other : List.of(metrics, health, agents)) {
            assertThat(other.get("critical_path")).as("critical path, seed " + seed).isEqualTo(board.get("critical_path"));
            assertThat(((Number) other.get("critical_path_hours")).doubleValue()).as("hours, seed " + seed)
                    .isEqualTo(((Number) board.get("critical_path_hours")).doubleValue());
            assertThat(other.get("bottlenecks")).as("bottlenecks, seed " + seed).isEqualTo(board.get("bottlenecks"));
        }
        assertThat(((Number) metrics.get("remaining_critical_path_hours")).doubleValue())
                .isEqualTo(((Number) board.get("critical_path_hours")).doubleValue());

        // the length is what the path's tasks have left, read from the board's own task figures
        Map<String, Map<String, Object>> tasks = new HashMap<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) board.get("tasks")) {
            tasks.put((String) t.get("id"), t);
        }
        double sum = 0;
        for (String id : (List<String>) board.get("critical_path")) {
            Map<String, Object> t = tasks.get(id);
            assertThat(t.get("status")).isNotEqualTo("done");
            double estimate = t.get("estimated_hours") == null ? 1 : ((Number) t.get("estimated_hours")).doubleValue();
            boolean partly = "in_progress".equals(t.get("status")) || "blocked".equals(t.get("status"));
            sum += partly ? estimate * (100 - ((Number) t.get("progress")).intValue()) / 100.0 : estimate;
        }
        assertThat(((Number) board.get("critical_path_hours")).doubleValue()).isCloseTo(sum, within(0.011));

        // health names every bottleneck: as a bottleneck issue, or as a blocked chain marked as one
        List<String> named = new ArrayList<>();
        for (Map<String, Object> i : (List<Map<String, Object>>) health.get("issues")) {
            if ("bottleneck".equals(i.get("type")) || ("chain_block".equals(i.get("type")) && Boolean.TRUE.equals(i.get("bottleneck")))) {
                named.addAll((List<String>) i.get("task_ids"));
            }
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf((List<String>) board.get("bottlenecks"));
        assertThat(agents.get("optimal_agents")).isEqualTo(board.get("recommended_agents"));
    }

    /** Up to 30 tasks; each depends on earlier ones with a random density; estimates missing, whole or fractional. */
    private String randomProject(Random r, String name) {
        int n = 2 + r.nextInt(29);
        double density = r.nextDouble() * 0.35;
        List<NewTask> tasks = new ArrayList<>();
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TaskId id = new TaskId(Ids.random("task"));
            List<TaskId> deps = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (r.nextDouble() < density) {
                    deps.add(ids.get(j));
                }
            }
            int est = r.nextInt(8);
            Double hours = est == 0 ? null : est == 7 ? 0.75 : (double) est;
            tasks.add(new NewTask(id, "Task " + i, "", Priority.values()[r.nextInt(4)], List.of(), deps, List.of(), hours,
                    List.of(), null));
            ids.add(id);
        }
        ProjectId p = new ProjectId(Ids.random("proj"));
        web.storage.createProject(new NewProject(p, name, "random graph", null), tasks, Instant.now());
        return p.value();
    }

    /** Agents claim what is ready and finish it, report partial progress, or report a blocker. */
    private void drive(Random r, String project, String prefix) {
        int agents = 1 + r.nextInt(4);
        for (int a = 0; a < agents; a++) {
            web.core.agents().register(prefix + "-a" + a, "Agent " + a, "dev", List.of(), project);
        }
        int steps = r.nextInt(25);
        java.util.Set<String> busy = new java.util.HashSet<>();
        for (int s = 0; s < steps && busy.size() < agents; s++) {
            String agent = prefix + "-a" + r.nextInt(agents);
            if (busy.contains(agent)) {
                continue;
            }
            if (!(web.core.assignments().requestNextTask(agent, 0) instanceof AssignmentService.Assigned got)) {
                continue;
            }
            String task = got.task().id().value();
            int roll = r.nextInt(10);
            if (roll < 6) {
                web.core.progress().report(new ProgressService.Report(agent, task, "completed", 100, "done", null, null, null));
            } else if (roll < 9) {
                web.core.progress().report(new ProgressService.Report(agent, task, "in_progress", 5 + r.nextInt(90),
                        "working", null, null, null));
                busy.add(agent); // it keeps its task
            } else {
                web.core.progress().reportBlocker(agent, task, "waiting for a decision", "medium");
            }
        }
    }

    private Map<String, Object> tool(String name, Map<String, Object> args) {
        MarcusTool tool = web.mcp.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        McpSchema.CallToolResult result = web.mcp.invoke(tool, args);
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        assertThat(result.isError()).as(name + ": " + text).isNotEqualTo(Boolean.TRUE);
        return WebJson.MAPPER.readValue(text, new TypeReference<Map<String, Object>>() { });
    }
}
