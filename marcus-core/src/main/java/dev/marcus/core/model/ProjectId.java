package dev.marcus.core.model;

import dev.marcus.core.error.ValidationException;

/** Identifies a project. Non-blank, at most 128 characters, no control characters. */
public record ProjectId(String value) implements Comparable<ProjectId> {
    public ProjectId {
        Ids.check("project_id", value);
    }

    /** Parses user input, naming {@code field} in the error when it is not a valid id. */
    public static ProjectId parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException(field, "is required and must not be blank");
        }
        Ids.check(field, raw.strip());
        return new ProjectId(raw.strip());
    }

    @Override
    public int compareTo(ProjectId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
