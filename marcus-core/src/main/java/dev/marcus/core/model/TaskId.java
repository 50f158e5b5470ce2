package dev.marcus.core.model;

import dev.marcus.core.error.ValidationException;

/** Identifies a task. Non-blank, at most 128 characters, no control characters. */
public record TaskId(String value) implements Comparable<TaskId> {
    public TaskId {
        Ids.check("task_id", value);
    }

    /** Parses user input, naming {@code field} in the error when it is not a valid id. */
    public static TaskId parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException(field, "is required and must not be blank");
        }
        Ids.check(field, raw.strip());
        return new TaskId(raw.strip());
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
