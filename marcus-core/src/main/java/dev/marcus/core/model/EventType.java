package dev.marcus.core.model;

/** Everything that can happen; each state change appends one of these in the same transaction. */
public enum EventType implements WireEnum {
    PROJECT_CREATED,
    /** Which planner made a project's or a call's tasks, and the phases it found. */
    PROJECT_PLANNED,
    PROJECT_SELECTED,
    PROJECT_COMPLETED,
    PROJECT_UPDATED,
    PROJECT_ARCHIVED,
    TASK_CREATED,
    TASK_ASSIGNED,
    TASK_PROGRESS,
    TASK_COMPLETED,
    TASK_BLOCKED,
    TASK_UNASSIGNED,
    LEASE_RECOVERED,
    DECISION_LOGGED,
    ARTIFACT_LOGGED,
    AGENT_REGISTERED,
    EXPERIMENT_STARTED,
    EXPERIMENT_ENDED;

    public static EventType parse(String field, String raw) {
        return WireEnum.parse(EventType.class, field, raw);
    }
}
