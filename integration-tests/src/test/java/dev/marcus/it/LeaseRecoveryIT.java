package dev.marcus.it;

import static dev.marcus.it.MarcusServer.args;
import static dev.marcus.it.MarcusServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent that goes silent loses its task after the lease; the next agent gets it with the hand-off note. */
class LeaseRecoveryIT {
    private static final Map<String, String> SHORT_LEASES = Map.of(
            "MARCUS_LEASE_INITIAL_SECONDS", "2", "MARCUS_LEASE_BASE_SECONDS", "3", "MARCUS_LEASE_MAX_SECONDS", "4");

    @TempDir
    Path home;

    @Test
    void silentAgent_losesItsTask_nextAgentGetsItWithRecoveryInfo_lateCompletionIsRejected() throws Exception {
        try (MarcusServer silentOnes = MarcusServer.start(home, SHORT_LEASES);
             MarcusServer other = MarcusServer.start(home, SHORT_LEASES)) {
            String projectId = (String) silentOnes.call("create_project", args("project_name", "Lease",
                    "description", "- Only task")).get("project_id");
            silentOnes.call("register_agent", args("agent_id", "sleepy", "name", "Sleepy", "role", "dev", "project_id", projectId));
            other.call("register_agent", args("agent_id", "eager", "name", "Eager", "role", "dev", "project_id", projectId));

            Map<String, Object> first = silentOnes.call("request_next_task", args("agent_id", "sleepy"));
            String taskId = (String) map(first.get("task")).get("id");
            assertThat(silentOnes.call("report_task_progress", args("agent_id", "sleepy", "task_id", taskId,
                    "status", "in_progress", "progress", 40, "message", "schema drafted"))).containsEntry("success", true);

            // while the lease holds, the other agent gets nothing
            Map<String, Object> denied = other.call("request_next_task", args("agent_id", "eager"));
            assertThat(denied).containsEntry("success", false).containsEntry("retry_reason", "all_assigned");

            // the sleepy agent goes silent; a long poll from the other agent is woken by the recovery
            Instant asked = Instant.now();
            Map<String, Object> second = other.call("request_next_task", args("agent_id", "eager", "wait_seconds", 20));
            assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(15));
            assertThat(second).containsEntry("success", true);
            Map<String, Object> task = map(second.get("task"));
            assertThat(task).containsEntry("id", taskId);
            Map<String, Object> recovery = map(task.get("recovery_info"));
            assertThat(recovery).containsEntry("previous_agent", "sleepy").containsEntry("previous_progress", 40)
                    .containsEntry("last_message", "schema drafted");
            assertThat(((Number) task.get("lease_epoch")).longValue()).isEqualTo(2);

            Map<String, Object> late = silentOnes.call("report_task_progress", args("agent_id", "sleepy", "task_id", taskId,
                    "status", "completed", "progress", 100));
            assertThat(late).containsEntry("success", false).containsEntry("reason", "stale_completion");
            assertThat(late.get("_is_error")).isEqualTo(true);

            assertThat(other.call("report_task_progress", args("agent_id", "eager", "task_id", taskId,
                    "status", "completed", "progress", 100))).containsEntry("success", true);
        }
    }
}
