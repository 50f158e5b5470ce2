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
    /** A human changed a task's name, description, priority, labels, estimate or acceptance criteria. */
    TASK_UPDATED,
    /** A human made a task wait for another one. */
    DEPENDENCY_ADDED,
    /** A human removed a task's dependency. */
    DEPENDENCY_REMOVED,
    LEASE_RECOVERED,
    DECISION_LOGGED,
    ARTIFACT_LOGGED,
    AGENT_REGISTERED,
    /** A human paused an agent: it gets no new task until resumed. */
    AGENT_PAUSED,
    AGENT_RESUMED,
    EXPERIMENT_STARTED,
    EXPERIMENT_ENDED,
    /** Something outside Marcus (a GitHub pull request) was linked to a task, or its state changed. */
    TASK_LINKED;

    public static EventType parse(String field, String raw) {
        return WireEnum.parse(EventType.class, field, raw);
    }
}
