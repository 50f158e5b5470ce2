package dev.marcus.mcp.tools;

import dev.marcus.core.model.Agent;
import dev.marcus.core.service.AgentService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code register_agent}: registers (or updates) an agent bound to a project. */
public final class RegisterAgentTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("agent_id", "A stable id for yourself, unique in this installation", true, Fields.ID)
            .string("name", "A human-readable name", true)
            .string("role", "Your role, e.g. backend developer", true)
            .strings("skills", "Your skills, matched against task labels (e.g. java, sql)", false)
            .string("project_id", "The project to work on (list_projects shows them)", true, Fields.ID);

    private final AgentService agents;

    @Inject
    public RegisterAgentTool(AgentService agents) {
        super("register_agent",
                "Registers you (or updates your registration) as an agent working on a project. Call once before request_next_task.",
                SCHEMA, ToolProfile.CORE);
        this.agents = agents;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Agent a = agents.register(args.requireString("agent_id"), args.requireString("name"), args.requireString("role"),
                args.strings("skills"), args.requireString("project_id"));
        Map<String, Object> out = Views.ok();
        out.put("agent_id", a.id().value());
        out.put("project_id", a.projectId().value());
        out.put("message", "Agent " + a.name() + " registered on project " + a.projectId() + "; call request_next_task.");
        out.put("agent", Views.agent(a));
        return out;
    }
}
