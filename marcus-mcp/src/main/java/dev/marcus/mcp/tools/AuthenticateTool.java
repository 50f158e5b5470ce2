package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.AccessService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code authenticate}: records who this session's client is and returns the tools its client type may use, out of
 * those this server lists. The session lives in this process; the list is advisory on stdio (one client per process).
 */
public final class AuthenticateTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("client_id", "Who you are, e.g. a runner or dashboard id", true, Fields.ID)
            .choice("client_type", "observer, developer, agent or admin", true, AccessService.CLIENT_TYPES)
            .string("role", "Your role, e.g. developer or reviewer", true, 100)
            .object("metadata", "Free facts about the client", false, null);

    private final AccessService access;
    private final Supplier<List<String>> toolNames;

    /** @param toolNames the names of every tool in the catalog, asked for at call time */
    public AuthenticateTool(AccessService access, Supplier<List<String>> toolNames) {
        super("authenticate",
                "Identifies the client (client_id, client_type observer/developer/agent/admin, role) for this session "
                    + "and returns the tools its client type may use.",
                SCHEMA, ToolProfile.ALL);
        this.access = access;
        this.toolNames = toolNames;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Map<String, Object> out = Views.ok();
        out.putAll(access.authenticate(args.requireString("client_id"), args.requireString("client_type"),
                args.requireString("role"), toolNames.get()));
        return out;
    }
}
