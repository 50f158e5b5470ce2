package dev.marcus.core.model;

import dev.marcus.core.error.ValidationException;

/** Identifies a agent. Non-blank, at most 128 characters, no control characters. */
public record AgentId(String value) implements Comparable<AgentId> {
    public AgentId {
        Ids.check("agent_id", value);
    }

    /** Parses user input, naming {@code field} in the error when it is not a valid id. */
    public static AgentId parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException(field, "is required and must not be blank");
        }
        Ids.check(field, raw.strip());
        return new AgentId(raw.strip());
    }

    @Override
    public int compareTo(AgentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
