package dev.marcus.mcp;

import java.util.Map;

/**
 * One MCP tool: its name, description and input schema (written once, in the implementing class) and its handler.
 * Implementations are transport-neutral: stdio and HTTP serve the same instances through {@link MarcusMcpServer}.
 *
 * <p>Contract for {@link #call}: return the response object (snake_case keys, {@code success} first); a returned
 * object is never an error result, even with {@code success: false} (e.g. "no task now"). Signal a failure by
 * throwing a {@link dev.marcus.core.error.MarcusException}; the server turns it into an error result. Arguments have
 * already been checked against {@link #schema()} (required, types, sizes) when {@code call} runs.
 */
public interface MarcusTool {

    /** The tool name agents call, e.g. {@code request_next_task}. */
    String name();

    /** What the tool does, for the model reading the tool list. */
    String description();

    /** The input schema; the server publishes it and checks arguments against it. */
    ToolSchema schema();

    /** The smallest {@link ToolProfile} that lists this tool. */
    ToolProfile profile();

    /** Runs the tool. */
    Map<String, Object> call(Arguments args);
}
