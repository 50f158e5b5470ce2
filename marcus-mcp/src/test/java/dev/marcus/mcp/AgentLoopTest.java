package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.mcp.McpHarness.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLoopTest {
    private static final String OUTLINE = """
            # Backend
            - Schema: design the tables [high]
              - every table has a primary key
            - API: the REST endpoints, after Schema
            """;

    @TempDir
    Path root;

    private McpHarness h;

    @BeforeEach
    void start() {
        h = new McpHarness(ToolProfile.STANDARD);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String createProject() {
        Reply created = h.call("create_project", Map.of("project_name", "Shop", "description", OUTLINE,
                "options", Map.of("project_root", root.toString(), "complexity", "prototype")));
        assertThat(created.isError()).as(created.body().toString()).isFalse();
        return (String) created.get("project_id");
    }

    private void register(String agent, String projectId) {
        Reply r = h.call("register_agent", Map.of("agent_id", agent, "name", agent.toUpperCase(), "role", "developer",
                "skills", List.of("java"), "project_id", projectId));
        assertThat(r.isError()).isFalse();
        assertThat(r.body()).containsEntry("success", true).containsEntry("agent_id", agent)
                .containsEntry("project_id", projectId).containsKey("message");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fullLoop_fromOutlineToProjectComplete_routesDecisionsAndArtifactsDownstream() throws Exception {
        Reply created = h.call("create_project", Map.of("project_name", "Shop", "description", OUTLINE,
                "options", Map.of("project_root", root.toString())));
        assertThat(created.isError()).isFalse();
        assertThat(created.body()).containsEntry("success", true).containsEntry("project_name", "Shop")
                .containsEntry("tasks_created", 2).containsEntry("dependencies_mapped", 1)
                .containsEntry("phases", List.of("Backend")).containsKeys("task_ids", "recommended_agents");
        String projectId = (String) created.get("project_id");
        assertThat(h.call("get_current_project", Map.of()).map("project")).containsEntry("id", projectId);

        register("a1", projectId);
        register("a2", projectId);

        Reply first = h.call("request_next_task", Map.of("agent_id", "a1"));
        assertThat(first.isError()).isFalse();
        Map<String, Object> schemaTask = first.map("task");
        assertThat(schemaTask).containsEntry("name", "Schema").containsEntry("priority", "high")
                .containsEntry("project_id", projectId).containsEntry("project_name", "Shop")
                .containsEntry("lease_epoch", 1).containsEntry("acceptance_criteria", List.of("every table has a primary key"))
                .containsKeys("instructions", "lease_expires_at", "labels", "dependencies", "context");
        String schemaId = (String) schemaTask.get("id");

        Reply waiting = h.call("request_next_task", Map.of("agent_id", "a2"));
        assertThat(waiting.isError()).isFalse();
        assertThat(waiting.body()).containsEntry("success", false).containsEntry("retry_reason", "waiting_on_dependencies")
                .containsKey("message");
        assertThat((Integer) waiting.get("retry_after_seconds")).isPositive();

        Reply holding = h.call("request_next_task", Map.of("agent_id", "a1"));
        assertThat(holding.isError()).isFalse();
        assertThat(holding.body()).containsEntry("success", false).containsKey("error");
        assertThat(holding.map("current_task")).containsEntry("id", schemaId);

        // numbers as any JSON number kind: 50.0 is the integer 50
        Reply progress = h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", schemaId,
                "status", "in_progress", "progress", 50.0, "message", "tables drafted", "tokens_used", 1200, "cost_usd", 0.5));
        assertThat(progress.isError()).as(progress.body().toString()).isFalse();
        assertThat(progress.body()).containsEntry("success", true).containsEntry("progress", 50).containsKey("message");

        Reply stranger = h.call("report_task_progress", Map.of("agent_id", "a2", "task_id", schemaId,
                "status", "completed"));
        assertThat(stranger.isError()).isTrue();
        assertThat(stranger.body()).containsEntry("success", false).containsEntry("reason", "not_task_holder");

        Reply decision = h.call("log_decision", Map.of("agent_id", "a1", "task_id", schemaId,
                "decision", "I chose PostgreSQL because it has JSONB. This affects the API."));
        assertThat(decision.isError()).isFalse();
        assertThat((String) decision.get("decision_id")).isNotBlank();
        assertThat(decision.body()).containsEntry("what", "PostgreSQL").containsEntry("why", "it has JSONB");

        Reply artifact = h.call("log_artifact", Map.of("task_id", schemaId, "filename", "schema.md",
                "content", "# Tables\n", "artifact_type", "specification", "project_root", root.toString(),
                "agent_id", "a1"));
        assertThat(artifact.isError()).as(artifact.body().toString()).isFalse();
        assertThat((String) artifact.get("artifact_id")).isNotBlank();
        assertThat(artifact.map("data")).containsEntry("location", "docs/specifications/schema.md");
        Path written = Path.of((String) artifact.map("data").get("full_path"));
        assertThat(written).hasContent("# Tables");
        assertThat(written.toRealPath()).isEqualTo(root.toRealPath().resolve("docs/specifications/schema.md"));

        Reply done = h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", schemaId,
                "status", "completed", "lease_epoch", 1, "message", "schema done"));
        assertThat(done.isError()).as(done.body().toString()).isFalse();
        assertThat(done.body()).containsEntry("success", true).containsKey("message");
        assertThat((List<String>) done.map("completion").get("unblocked_tasks")).hasSize(1);

        Reply again = h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", schemaId, "status", "completed"));
        assertThat(again.isError()).isTrue();
        assertThat(again.body()).containsEntry("reason", "task_already_complete");

        Reply second = h.call("request_next_task", Map.of("agent_id", "a2"));
        assertThat(second.isError()).isFalse();
        Map<String, Object> apiTask = second.map("task");
        assertThat(apiTask).containsEntry("name", "API").containsEntry("dependencies", List.of(schemaId));
        Map<String, Object> context = (Map<String, Object>) apiTask.get("context");
        assertThat((List<Map<String, Object>>) context.get("decisions")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("what", "PostgreSQL").containsEntry("task_id", schemaId));
        assertThat((List<Map<String, Object>>) context.get("dependency_artifacts")).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("location", "docs/specifications/schema.md"));

        Reply ctx = h.call("get_task_context", Map.of("task_id", apiTask.get("id")));
        assertThat((List<Object>) ((Map<String, Object>) ctx.get("context")).get("decisions")).hasSize(1);

        Reply status = h.call("get_project_status", Map.of());
        assertThat(status.map("project")).containsEntry("id", projectId).containsEntry("total_tasks", 2)
                .containsEntry("completed", 1).containsEntry("in_progress", 1).containsEntry("todo", 0)
                .containsEntry("blocked", 0).containsEntry("completion_percentage", 50.0);
        assertThat(status.map("workers")).containsEntry("total", 2).containsEntry("active", 1).containsEntry("available", 1);

        Reply agents = h.call("list_registered_agents", Map.of());
        assertThat(agents.body()).containsEntry("count", 2);

        Reply finished = h.call("report_task_progress", Map.of("agent_id", "a2", "task_id", apiTask.get("id"),
                "status", "completed"));
        assertThat(finished.isError()).isFalse();
        assertThat(finished.map("completion")).containsEntry("project_complete", true);

        Reply complete = h.call("request_next_task", Map.of("agent_id", "a1"));
        assertThat(complete.isError()).isFalse();
        assertThat(complete.body()).containsEntry("success", false).containsEntry("project_complete", true)
                .containsEntry("should_exit", true).containsKey("message");

        Reply a1 = h.call("get_agent_status", Map.of("agent_id", "a1"));
        assertThat(a1.body()).containsEntry("status", "available").containsEntry("current_task", null);
        assertThat(a1.map("performance")).containsEntry("completed_tasks", 1);
    }

    @Test
    void staleHolder_isRefusedWithStaleCompletion() {
        String projectId = createProject();
        register("a1", projectId);
        String taskId = (String) h.call("request_next_task", Map.of("agent_id", "a1")).map("task").get("id");

        Reply oldEpoch = h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", taskId,
                "status", "completed", "lease_epoch", 0));
        assertThat(oldEpoch.isError()).isTrue();
        assertThat(oldEpoch.body()).containsEntry("reason", "stale_completion").containsEntry("error_code", "conflict");

        Reply unassigned = h.call("unassign_task", Map.of("task_id", taskId));
        assertThat(unassigned.body()).containsEntry("success", true).containsEntry("status", "todo");

        Reply late = h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", taskId, "status", "completed"));
        assertThat(late.isError()).isTrue();
        assertThat(late.body()).containsEntry("reason", "stale_completion");

        Reply again = h.call("request_next_task", Map.of("agent_id", "a1"));
        assertThat(again.map("task")).containsEntry("id", taskId).containsEntry("lease_epoch", 2).containsKey("recovery_info");
    }

    @Test
    void blocker_freesTheAgentAndReturnsSuggestions() {
        String projectId = createProject();
        register("a1", projectId);
        String taskId = (String) h.call("request_next_task", Map.of("agent_id", "a1")).map("task").get("id");

        Reply blocked = h.call("report_blocker", Map.of("agent_id", "a1", "task_id", taskId,
                "blocker_description", "the database migration fails", "severity", "high"));
        assertThat(blocked.isError()).isFalse();
        assertThat(blocked.body()).containsEntry("success", true).containsEntry("status", "blocked").containsKey("message");
        assertThat((List<?>) blocked.get("suggestions")).isNotEmpty();
        assertThat(h.call("get_agent_status", Map.of("agent_id", "a1")).body()).containsEntry("status", "available");
        assertThat(h.call("get_project_status", Map.of()).map("project")).containsEntry("blocked", 1);
    }

    @Test
    void waitSeconds_longPollsUntilAnotherAgentFreesWork() throws Exception {
        String projectId = createProject();
        register("a1", projectId);
        register("a2", projectId);
        String schemaId = (String) h.call("request_next_task", Map.of("agent_id", "a1")).map("task").get("id");

        long started = System.nanoTime();
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(
                () -> h.call("request_next_task", Map.of("agent_id", "a2", "wait_seconds", 20)));
        Thread.sleep(300);
        assertThat(waiting).isNotDone();
        h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", schemaId, "status", "completed"));

        Reply got = waiting.get(15, TimeUnit.SECONDS);
        assertThat(got.map("task")).containsEntry("name", "API");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(15);
    }

    @Test
    void selectAndSwitchProject_changeTheActiveProject() {
        String shop = createProject();
        Reply other = h.call("create_project", Map.of("project_name", "Blog", "description", "- Write posts"));
        String blog = (String) other.get("project_id");
        assertThat(h.call("get_current_project", Map.of()).map("project")).containsEntry("id", blog);

        assertThat(h.call("select_project", Map.of("project_id", shop)).map("project")).containsEntry("id", shop);
        assertThat(h.call("get_current_project", Map.of()).map("project")).containsEntry("id", shop);
        assertThat(h.call("switch_project", Map.of("project_name", "blog")).map("project")).containsEntry("id", blog);

        Reply list = h.call("list_projects", Map.of());
        assertThat(list.body()).containsEntry("count", 2).containsEntry("active_project_id", blog);
    }

    @Test
    void ping_echoesAndReportsHealth() {
        assertThat(h.call("ping", Map.of("echo", "hello")).body()).containsEntry("success", true)
                .containsEntry("echo", "hello");
        createProject();
        Reply health = h.call("ping", Map.of("echo", "health"));
        assertThat(health.map("health")).containsEntry("leases_held", 0).containsKey("workers");
    }

    @Test
    void addTask_withBlocks_makesTheExistingTaskWait() {
        String projectId = createProject();
        String schemaId = firstTaskId(projectId);
        Reply added = h.call("add_task", Map.of("name", "Pick database", "blocks", List.of(schemaId),
                "priority", "urgent", "estimated_hours", 2));
        assertThat(added.isError()).as(added.body().toString()).isFalse();
        String newId = (String) added.get("task_id");
        assertThat(added.map("task")).containsEntry("priority", "urgent").containsEntry("estimated_hours", 2.0);

        register("a1", projectId);
        assertThat(h.call("request_next_task", Map.of("agent_id", "a1")).map("task")).containsEntry("id", newId);
        Reply ctx = h.call("get_task_context", Map.of("task_id", schemaId));
        assertThat(ctx.map("task")).containsEntry("dependencies", List.of(newId));
    }

    private String firstTaskId(String projectId) {
        return h.core.projects().tasks(projectId).get(0).id().value();
    }
}
