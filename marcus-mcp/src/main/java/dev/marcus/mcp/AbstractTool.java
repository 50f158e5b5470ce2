package dev.marcus.mcp;

import java.util.Objects;

/**
 * The parts every tool declares once — name, description, schema, smallest profile — held in one place so that a
 * tool class is its constructor and its {@link #call}.
 */
public abstract class AbstractTool implements MarcusTool {
    private final String name;
    private final String description;
    private final ToolSchema schema;
    private final ToolProfile profile;

    protected AbstractTool(String name, String description, ToolSchema schema, ToolProfile profile) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final ToolSchema schema() {
        return schema;
    }

    @Override
    public final ToolProfile profile() {
        return profile;
    }
}
