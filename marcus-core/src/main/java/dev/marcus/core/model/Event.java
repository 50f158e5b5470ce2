package dev.marcus.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened. Ids grow monotonically in one store, so a reader can resume after the last id it saw.
 *
 * @param projectId the project concerned, or {@code null} for installation-wide events
 * @param taskId the task concerned, or {@code null}
 * @param agentId the agent that caused it, or {@code null} (a human, the sweeper)
 * @param data small string facts, e.g. {@code progress}, {@code message}
 */
public record Event(long id, EventType type, ProjectId projectId, TaskId taskId, AgentId agentId,
                    Map<String, String> data, Instant at) {
    public Event {
        data = Map.copyOf(data);
    }
}
