package dev.marcus.core.model;

import java.time.Instant;

/**
 * The hand-off note left on a task whose holder went silent; the next assignee receives it.
 *
 * @param previousAgent who held the task
 * @param previousProgress the last progress that agent reported (0–100)
 * @param lastMessage the last message that agent reported, possibly empty
 * @param timeSpentSeconds how long the task was held before it was recovered
 * @param recoveredAt when the sweeper took the task back
 * @param reason why, e.g. {@code lease_expired} or {@code unassigned}
 */
public record RecoveryInfo(
        AgentId previousAgent,
        int previousProgress,
        String lastMessage,
        long timeSpentSeconds,
        Instant recoveredAt,
        String reason) {
}
