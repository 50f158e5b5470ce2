package dev.marcus.core.model;

/** Where a task stands. Wire names: {@code todo}, {@code in_progress}, {@code done}, {@code blocked}. */
public enum TaskStatus implements WireEnum {
    TODO, IN_PROGRESS, DONE, BLOCKED;

    public static TaskStatus parse(String field, String raw) {
        return WireEnum.parse(TaskStatus.class, field, raw);
    }
}
