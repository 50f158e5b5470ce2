package dev.marcus.core.port;

import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.TaskId;

/**
 * A holder's report on its task.
 *
 * @param expectedEpoch the lease epoch the agent was given, or {@code null} to trust the agent id alone
 * @param progress 0–100
 * @param tokensUsed tokens spent since the last report (0 when not reported)
 * @param costUsd cost since the last report (0 when not reported)
 */
public record ProgressReport(TaskId task, AgentId agent, Long expectedEpoch, int progress, String message,
                             long tokensUsed, double costUsd) {
}
