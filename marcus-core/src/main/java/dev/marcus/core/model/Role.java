package dev.marcus.core.model;

/**
 * What a person or an agent token may do, in increasing power: a {@code viewer} reads, a {@code developer} also
 * changes projects, tasks and agents, an {@code admin} also manages users, tokens and the audit trail.
 */
public enum Role implements WireEnum {
    VIEWER, DEVELOPER, ADMIN;

    /** Whether this role includes everything {@code required} may do. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    public static Role parse(String field, String raw) {
        return WireEnum.parse(Role.class, field, raw);
    }
}
