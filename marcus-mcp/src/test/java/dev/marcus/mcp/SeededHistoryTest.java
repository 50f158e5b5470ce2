package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Task;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.McpHarness.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Predictions and metrics on a history seeded with a controllable clock. The expected figures are worked out by hand
 * in the comments from the seeded durations, not taken from the implementation.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
class SeededHistoryTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-01T08:00:00Z"));
    private McpHarness h;
    private String a;
    private String b;
    private String c;
    private String d;

    private void advance(double hours) {
        now.set(now.get().plus(Duration.ofMillis(Math.round(hours * 3_600_000))));
    }

    private String add(String name, double hours, List<String> labels, List<String> deps) {
        return h.core.projects().addTask(new ProjectService.AddTask(null, name, "", "medium", labels, deps, List.of(),
                hours, List.of(), null)).id().value();
    }

    private void claim(String agent, String expectedTask) {
        Reply r = h.call("request_next_task", Map.of("agent_id", agent));
        assertThat(r.map("task")).as(r.body().toString()).containsEntry("id", expectedTask);
    }

    private void complete(String agent, String task, long tokens, double cost) {
        h.core.progress().report(new ProgressService.Report(agent, task, "completed", 100, "done", tokens, cost, null));
    }

    @BeforeEach
    void seed() {
        h = new McpHarness(ToolProfile.ALL, now::get);
        h.call("add_project", Map.of("name", "Seeded", "config", Map.of("description", "seeded history")));
        // a (2 h, java) -> b (4 h, java) -> d (3 h, ui); c (1 h, ui) -> d
        a = add("A", 2, List.of("java"), List.of());
        b = add("B", 4, List.of("java"), List.of(a));
        c = add("C", 1, List.of("ui"), List.of());
        d = add("D", 3, List.of("ui"), List.of(b, c));
        String pid = h.core.projects().current().orElseThrow().id().value();
        h.core.agents().register("x", "X", "dev", List.of("java"), pid);
        h.core.agents().register("y", "Y", "dev", List.of("ui"), pid);
        // x: A in 3 h (ratio 1.5), then B in 6 h (ratio 1.5); y: C blocked after 1 h
        claim("x", a);
        claim("y", c);
        advance(1);
        h.core.progress().reportBlocker("y", c, "no design yet", "high");
        advance(2);
        complete("x", a, 1000, 0.10);
        claim("x", b);
        advance(6);
        complete("x", b, 3000, 0.30);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void completionTime_usesTheMedianEstimateRatio_andTheRemainingCriticalPath() {
        // remaining: C (1 h, blocked) and D (3 h) after it; ratio median(1.5, 1.5) = 1.5
        // critical path = (1 + 3) * 1.5 = 6 h; work = 6 h over 2 agents = 3 h; prediction = max(6, 3) = 6 h
        Reply r = h.call("predict_completion_time", Map.of());
        assertThat(r.isError()).as(r.body().toString()).isFalse();
        assertThat(r.body()).containsEntry("estimate_ratio", 1.5).containsEntry("critical_path_hours", 6.0)
                .containsEntry("predicted_hours", 6.0).containsEntry("samples", 2).containsEntry("workers", 2)
                .containsEntry("predicted_completion", now.get().plus(Duration.ofHours(6)).toString());
        // two equal ratios: no spread; confidence 2 / (2 + 5)
        assertThat(r.map("confidence_interval")).containsEntry("spread", 0.0).containsEntry("confidence", 0.286);
    }

    @Test
    void taskOutcome_andAssignmentScore_comeFromTheAgentsRecordOnTheSameLabels() {
        // x on java tasks: 2 completed of 2 -> (2 + 1) / (2 + 2) = 0.75
        Reply outcome = h.call("predict_task_outcome", Map.of("task_id", b, "agent_id", "x"));
        assertThat(outcome.body()).containsEntry("success_probability", 0.75).containsEntry("expected_hours", 6.0);
        // y on ui tasks: 0 of 1 completed, 1 blocked -> success 1/3, blockage 2/3
        Reply y = h.call("predict_task_outcome", Map.of("task_id", d, "agent_id", "y"));
        assertThat(y.body()).containsEntry("success_probability", 0.333).containsEntry("blockage_probability", 0.667);
        // x for D (labels [ui]): skill 0, success (0 + 1) / (0 + 2) = 0.5, speed ratio 1.5 / 1.5 = 1, available 1
        // score = 100 * (0.4 * 0 + 0.3 * 0.5 + 0.2 * 1 + 0.1 * 1) = 45
        Reply score = h.call("get_task_assignment_score", Map.of("task_id", d, "agent_id", "x"));
        assertThat(score.body()).containsEntry("score", 45.0);
    }

    @Test
    void blockage_andCascade_followTheBlockedHistoryAndTheSlack() {
        // ui attempts: 1 blocked of 1 -> (1 + 1) / (1 + 2) = 0.667; C is upstream of D and blocked -> 1 - 0.333 * 0.5
        assertThat(h.call("predict_blockage_probability", Map.of("task_id", c)).body())
                .containsEntry("blockage_probability", 0.667);
        assertThat(h.call("predict_blockage_probability", Map.of("task_id", d)).body())
                .containsEntry("blockage_probability", 0.833);
        // C delayed by 1 day: D finishes 24 h later, and so does the project
        Reply cascade = h.call("predict_cascade_effects", Map.of("task_id", c, "delay_days", 1));
        assertThat(cascade.body()).containsEntry("affected_count", 1).containsEntry("project_delay_hours", 24.0);
    }

    @Test
    void metrics_countTheSeededOutcomes() {
        // x: 2 completed, avg (3 + 6) / 2 = 4.5 h, tokens 4000, cost 0.40
        Reply x = h.call("get_agent_metrics", Map.of("agent_id", "x", "time_window", "24h"));
        assertThat(x.body()).containsEntry("tasks_completed", 2).containsEntry("success_rate", 1.0)
                .containsEntry("avg_task_hours", 4.5).containsEntry("tokens_used", 4000).containsEntry("cost_usd", 0.4);
        Reply project = h.call("get_project_metrics", Map.of("time_window", "24h"));
        // 2 completed in a 1-day window
        assertThat(project.body()).containsEntry("tasks_completed_in_window", 2).containsEntry("velocity_per_day", 2.0)
                .containsEntry("completion_percentage", 50.0);
        Reply system = h.call("get_system_metrics", Map.of("time_window", "24h"));
        assertThat(system.body()).containsEntry("tasks_completed", 2).containsEntry("blockers_reported", 1);
        Reply cost = h.call("get_cost_summary", Map.of());
        assertThat(cost.body()).containsEntry("total_tokens", 4000).containsEntry("total_cost_usd", 0.4);
        Reply grouped = h.call("get_task_metrics", Map.of("group_by", "label"));
        assertThat(((Map<String, Map<String, Object>>) (Map) grouped.map("groups")).get("java"))
                .containsEntry("count", 2).containsEntry("completed", 2).containsEntry("avg_actual_hours", 4.5);
    }

    @Test
    void optimalAgentCount_isThePeakParallelismOfTheRemainingGraph() {
        // remaining: C (1 h) then D (3 h): one chain, peak 1, critical path 4 h
        Reply r = h.call("get_optimal_agent_count", Map.of("include_details", true));
        assertThat(r.body()).containsEntry("optimal_agents", 1).containsEntry("critical_path_hours", 4.0)
                .containsEntry("total_work_hours", 4.0);
        assertThat((List<String>) r.get("critical_path")).containsExactly(c, d);
    }
}
