package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.McpHarness.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every tool of issue 3 item 1 through a real MCP client, with valid and invalid arguments; crafted boards for health. */
@SuppressWarnings("unchecked")
class RemainingToolsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-01T08:00:00Z"));
    private McpHarness h;
    private String pid;
    private String t1;

    @BeforeEach
    void start() {
        h = new McpHarness(ToolProfile.ALL, now::get);
        Reply added = h.call("add_project", Map.of("name", "Board", "config", Map.of("description", "d")));
        assertThat(added.isError()).as(added.body().toString()).isFalse();
        pid = (String) added.map("project").get("id");
        t1 = add("Schema", List.of("java"), List.of());
        h.core.agents().register("a1", "A1", "dev", List.of("java"), pid);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String add(String name, List<String> labels, List<String> deps) {
        return h.core.projects().addTask(new ProjectService.AddTask(null, name, "", "medium", labels, deps, List.of(),
                2.0, List.of(), null)).id().value();
    }

    private void ok(String tool, Map<String, Object> args) {
        Reply r = h.call(tool, args);
        assertThat(r.isError()).as(tool + " " + r.body()).isFalse();
        assertThat(r.body()).as(tool).containsEntry("success", true);
    }

    private void bad(String tool, Map<String, Object> args, String field) {
        Reply r = h.call(tool, args);
        assertThat(r.isError()).as(tool + " " + r.body()).isTrue();
        assertThat(r.body()).as(tool).containsEntry("success", false);
        assertThat(r.error()).as(tool).contains(field);
    }

    @Test
    void everyTool_answersValidArguments_andNamesTheFieldOfInvalidOnes() {
        Map<String, Map<String, Object>> valid = new LinkedHashMap<>();
        valid.put("check_board_health", Map.of());
        valid.put("check_task_dependencies", Map.of("task_id", t1));
        valid.put("check_assignment_health", Map.of());
        valid.put("diagnose_project", Map.of());
        valid.put("capture_stall_snapshot", Map.of("include_conversation_hours", 2));
        valid.put("get_optimal_agent_count", Map.of("include_details", true));
        valid.put("get_desired_agent_count", Map.of("max_agents", 3));
        valid.put("predict_completion_time", Map.of("project_id", pid));
        valid.put("predict_task_outcome", Map.of("task_id", t1, "agent_id", "a1"));
        valid.put("predict_blockage_probability", Map.of("task_id", t1));
        valid.put("predict_cascade_effects", Map.of("task_id", t1, "delay_days", 2));
        valid.put("get_task_assignment_score", Map.of("task_id", t1, "agent_id", "a1"));
        valid.put("get_system_metrics", Map.of("time_window", "24h"));
        valid.put("get_agent_metrics", Map.of("agent_id", "a1"));
        valid.put("get_project_metrics", Map.of());
        valid.put("get_task_metrics", Map.of("group_by", "priority"));
        valid.put("list_project_history_files", Map.of());
        valid.put("get_usage_report", Map.of("days", 3));
        valid.put("get_cost_summary", Map.of("project_id", pid));
        valid.put("get_experiment_status", Map.of());
        valid.put("authenticate", Map.of("client_id", "dash", "client_type", "observer", "role", "viewer"));
        valid.put("update_project", Map.of("project_id", pid, "name", "Board 2"));
        valid.forEach(this::ok);
        for (String type : List.of("summary", "tasks", "blocked_tasks", "task_dependencies", "decisions", "artifacts",
                "agent_history", "agent_metrics", "timeline", "conversations")) {
            ok("query_project_history", Map.of("project_id", pid, "query_type", type, "keyword", "s"));
        }

        bad("check_task_dependencies", Map.of("task_id", "task-none"), "task_id");
        bad("capture_stall_snapshot", Map.of("include_conversation_hours", -1), "include_conversation_hours");
        bad("get_desired_agent_count", Map.of("max_agents", "many"), "max_agents");
        bad("predict_task_outcome", Map.of("task_id", t1, "agent_id", "ghost"), "agent_id");
        bad("predict_cascade_effects", Map.of("task_id", t1, "delay_days", -2), "delay_days");
        bad("get_task_assignment_score", Map.of("task_id", t1), "agent_id");
        bad("get_system_metrics", Map.of("time_window", "forever"), "time_window");
        bad("get_agent_metrics", Map.of(), "agent_id");
        bad("get_project_metrics", Map.of("project_id", "proj-none"), "project_id");
        bad("get_task_metrics", Map.of("group_by", "colour"), "group_by");
        bad("query_project_history", Map.of("project_id", pid, "query_type", "gossip"), "query_type");
        bad("query_project_history", Map.of("project_id", pid, "query_type", "timeline", "start_time", "yesterday"), "start_time");
        bad("query_project_history", Map.of("query_type", "summary"), "project_id");
        bad("get_usage_report", Map.of("days", 0), "days");
        bad("get_cost_summary", Map.of("run_id", "exp-none"), "run_id");
        bad("end_experiment", Map.of(), "experiment");
        bad("start_experiment", Map.of("run_name", "r"), "experiment_name");
        bad("authenticate", Map.of("client_id", "x", "client_type", "god", "role", "r"), "client_type");
        bad("add_project", Map.of("name", "Board 2"), "name");
        bad("add_project", Map.of("name", "Rel", "config", Map.of("project_root", "relative/dir")), "project_root");
        bad("update_project", Map.of("project_id", pid), "project_id");
        bad("remove_project", Map.of("project_id", pid), "confirm");
        bad("check_board_health", Map.of("project_id", "proj-none"), "project_id");
        bad("check_assignment_health", Map.of("project_id", 5), "project_id");
        bad("diagnose_project", Map.of("project_id", "proj-none"), "project_id");
        bad("get_optimal_agent_count", Map.of("include_details", "yes"), "include_details");
        bad("predict_completion_time", Map.of("include_confidence", 1), "include_confidence");
        bad("predict_blockage_probability", Map.of(), "task_id");
        bad("list_project_history_files", Map.of("x", "y".repeat(30_000)), "x");
        bad("get_experiment_status", Map.of("x", "y".repeat(30_000)), "x");
    }

    @Test
    void experiments_runFromStartToEnd_andOnlyOneRunsAtATime() {
        Reply started = h.call("start_experiment", Map.of("experiment_name", "baseline", "run_name", "r1",
                "params", Map.of("agents", 2), "tags", Map.of("k", "v")));
        assertThat(started.isError()).as(started.body().toString()).isFalse();
        String id = (String) started.get("experiment_id");
        bad("start_experiment", Map.of("experiment_name", "second"), "still running");
        h.core.assignments();
        h.call("request_next_task", Map.of("agent_id", "a1"));
        now.set(now.get().plus(Duration.ofHours(1)));
        h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", t1, "status", "completed",
                "tokens_used", 500, "cost_usd", 0.05));
        Reply status = h.call("get_experiment_status", Map.of());
        assertThat(status.body()).containsEntry("running", true);
        assertThat(status.map("metrics")).containsEntry("tasks_completed", 1).containsEntry("tokens_used", 500);
        Reply ended = h.call("end_experiment", Map.of());
        assertThat(ended.body()).containsEntry("status", "ended").containsEntry("experiment_id", id);
        assertThat((Map<String, Object>) ended.get("summary")).containsEntry("tasks_completed", "1");
        Reply cost = h.call("get_cost_summary", Map.of("run_id", id));
        assertThat(cost.body()).containsEntry("total_tokens", 500);
        assertThat(h.call("get_experiment_status", Map.of()).body()).containsEntry("running", false);
    }

    @Test
    void removeProject_archivesIt_butItsHistoryStaysReadable() {
        ok("remove_project", Map.of("project_id", pid, "confirm", true));
        assertThat(h.call("list_projects", Map.of()).body()).containsEntry("count", 0);
        Reply history = h.call("query_project_history", Map.of("project_id", pid, "query_type", "timeline",
                "event_type", "project_archived"));
        assertThat(history.body()).containsEntry("total", 1);
        assertThat(h.core.storage().listTasks(new ProjectId(pid))).hasSize(1);
    }

    @Test
    void authenticate_filtersTheToolListByClientType() {
        List<String> observer = (List<String>) h.call("authenticate", Map.of("client_id", "o", "client_type", "observer",
                "role", "viewer")).get("available_tools");
        List<String> admin = (List<String>) h.call("authenticate", Map.of("client_id", "ad", "client_type", "admin",
                "role", "owner")).get("available_tools");
        List<String> agent = (List<String>) h.call("authenticate", Map.of("client_id", "ag", "client_type", "agent",
                "role", "developer")).get("available_tools");
        assertThat(observer).contains("check_board_health", "get_system_metrics").doesNotContain("remove_project",
                "request_next_task", "start_experiment");
        assertThat(agent).contains("request_next_task", "report_blocker").doesNotContain("remove_project", "add_project");
        assertThat(admin).hasSize(h.server.tools().size()).contains("remove_project");
        assertThat(h.core.access().current().orElseThrow().clientId()).isEqualTo("ag");
    }

    private Map<String, Object> issue(Reply health, String type) {
        return ((List<Map<String, Object>>) health.get("issues")).stream().filter(i -> type.equals(i.get("type")))
                .findFirst().orElseThrow(() -> new AssertionError(type + " not in " + health.body()));
    }

    @Test
    void boardHealth_findsEachIssueOnACraftedBoard() {
        // bottleneck: three tasks wait for t1 directly; skill_mismatch: a design task nobody can do
        String b = add("B", List.of("java"), List.of(t1));
        add("C", List.of("java"), List.of(b));
        add("D", List.of("java"), List.of(t1));
        add("E", List.of("java"), List.of(t1));
        add("Mockups", List.of("design"), List.of());
        h.core.agents().register("a2", "A2", "dev", List.of("java"), pid);
        Reply healthy = h.call("check_board_health", Map.of());
        assertThat(issue(healthy, "bottleneck")).containsEntry("task_ids", List.of(t1)).containsEntry("dependent_count", 3)
                .containsEntry("downstream_count", 4);
        assertThat(healthy.get("bottlenecks")).isEqualTo(List.of(t1));
        issue(healthy, "skill_mismatch");
        issue(healthy, "idle_agents");

        // stale_tasks and overloaded_agents: a1 holds t1 for 5 h without a report (estimate 2 h)
        h.call("request_next_task", Map.of("agent_id", "a1"));
        now.set(now.get().plus(Duration.ofHours(5)));
        Reply stale = h.call("check_board_health", Map.of());
        issue(stale, "stale_tasks");
        issue(stale, "overloaded_agents");

        // chain_block: t1 blocked while four tasks wait on it; critical, as it heads the critical path t1 → B → C
        h.call("report_blocker", Map.of("agent_id", "a1", "task_id", t1, "blocker_description", "db down"));
        Reply blocked = h.call("check_board_health", Map.of());
        assertThat(issue(blocked, "chain_block")).containsEntry("severity", "critical").containsEntry("on_critical_path", true);
        assertThat((Integer) blocked.get("health_score")).isLessThan((Integer) healthy.get("health_score"));
        Reply diagnosis = h.call("diagnose_project", Map.of());
        assertThat((Map<String, Object>) diagnosis.get("reasons")).containsKeys("blocked", "dependency_blocked");
    }

    @Test
    void boardHealth_reportsACircularDependencyWrittenPastTheGraphRules() {
        ProjectId p = new ProjectId("proj-cycle");
        try {
            h.core.storage().createProject(new NewProject(p, "Cycle", "", null), List.of(
                    new NewTask(new TaskId("task-x"), "X", "", Priority.MEDIUM, List.of(), List.of(new TaskId("task-y")),
                            List.of(), 1.0, List.of(), null),
                    new NewTask(new TaskId("task-y"), "Y", "", Priority.MEDIUM, List.of(), List.of(new TaskId("task-x")),
                            List.of(), 1.0, List.of(), null)), now.get());
        } catch (RuntimeException storeRefusesCycles) {
            org.junit.jupiter.api.Assumptions.abort("this store refuses cycles itself: " + storeRefusesCycles.getMessage());
        }
        Reply r = h.call("check_board_health", Map.of("project_id", "proj-cycle"));
        assertThat(issue(r, "circular_dependency")).containsEntry("severity", "critical");
        assertThat((Integer) r.get("health_score")).isLessThanOrEqualTo(75);
    }
}
