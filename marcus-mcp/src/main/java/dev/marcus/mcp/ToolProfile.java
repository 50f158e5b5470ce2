package dev.marcus.mcp;

import dev.marcus.core.error.ValidationException;
import java.util.Locale;

/**
 * How many tools a client sees ({@code MARCUS_TOOLS}): every listed tool costs each agent context tokens.
 * Profiles are nested: {@code core} ⊂ {@code standard} ⊂ {@code all}.
 */
public enum ToolProfile {
    /** The agent loop: register, request, progress, blocker, context, decision, artifact, ping, project status. */
    CORE,
    /** The default: the agent loop plus project and agent administration. */
    STANDARD,
    /** Everything, including analytics and diagnostics. */
    ALL;

    /** The profile used when {@code MARCUS_TOOLS} is not set. */
    public static final ToolProfile DEFAULT = STANDARD;

    /** Whether a tool whose smallest profile is {@code toolProfile} is listed under this profile. */
    public boolean includes(ToolProfile toolProfile) {
        return toolProfile.ordinal() <= ordinal();
    }

    /** Parses {@code core}, {@code standard} or {@code all} (case-insensitive); blank or null means the default. */
    public static ToolProfile parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        for (ToolProfile p : values()) {
            if (p.name().equalsIgnoreCase(raw.strip())) {
                return p;
            }
        }
        throw new ValidationException("MARCUS_TOOLS", "'" + raw + "' is not one of core, standard, all");
    }

    /** The wire name, e.g. {@code core}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
