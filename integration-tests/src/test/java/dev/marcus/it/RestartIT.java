package dev.marcus.it;

import static dev.marcus.it.MarcusServer.args;
import static dev.marcus.it.MarcusServer.list;
import static dev.marcus.it.MarcusServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing the server mid-project loses nothing: a new process continues where the old one stopped. */
class RestartIT {
    @TempDir
    Path home;

    @Test
    void killedServer_isReplacedByANewOne_withEveryAcknowledgedChangeKept() {
        String projectId;
        String first;
        MarcusServer server = MarcusServer.start(home, Map.of());
        try {
            projectId = (String) server.call("create_project", args("project_name", "Restart",
                    "description", "- First\n- Second (after First)")).get("project_id");
            server.call("register_agent", args("agent_id", "a1", "name", "A1", "role", "dev", "project_id", projectId));
            first = (String) map(server.call("request_next_task", args("agent_id", "a1")).get("task")).get("id");
            assertThat(server.call("report_task_progress", args("agent_id", "a1", "task_id", first, "status", "in_progress",
                    "progress", 60, "message", "almost"))).containsEntry("success", true);
            assertThat(server.call("log_decision", args("agent_id", "a1", "task_id", first,
                    "decision", "I chose SQLite because it is embedded. This affects Second."))).containsEntry("success", true);
        } finally {
            server.kill();
        }

        try (MarcusServer again = MarcusServer.start(home, Map.of())) {
            Map<String, Object> status = again.call("get_agent_status", args("agent_id", "a1"));
            assertThat(status).containsEntry("success", true);
            assertThat(again.call("request_next_task", args("agent_id", "a1")))
                    .as("the agent still holds its task after the restart")
                    .containsEntry("success", false)
                    .containsKey("current_task");
            Map<String, Object> ctx = again.call("get_task_context", args("task_id", first));
            assertThat(ctx.toString()).contains("almost").contains("SQLite");
            assertThat(again.call("report_task_progress", args("agent_id", "a1", "task_id", first, "status", "completed",
                    "progress", 100))).containsEntry("success", true);
            Map<String, Object> next = again.call("request_next_task", args("agent_id", "a1"));
            assertThat(map(next.get("task"))).containsEntry("name", "Second");
            assertThat(list(map(map(next.get("task")).get("context")).get("decisions")).toString()).contains("SQLite");
            Map<String, Object> project = map(again.call("get_project_status", args("project_id", projectId)).get("project"));
            assertThat(project).containsEntry("completed", 1).containsEntry("in_progress", 1).containsEntry("total_tasks", 2);
        }
    }
}
