package dev.marcus.core.model;

import java.util.Map;

/** An event before the store has given it an id and a time. */
public record NewEvent(EventType type, ProjectId projectId, TaskId taskId, AgentId agentId, Map<String, String> data) {
    public NewEvent {
        data = Map.copyOf(data);
    }
}
