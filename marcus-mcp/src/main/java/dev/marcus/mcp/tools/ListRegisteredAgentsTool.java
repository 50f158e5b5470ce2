package dev.marcus.mcp.tools;

import dev.marcus.core.model.Agent;
import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code list_registered_agents}: the agents of the current project (or of {@code project_id}). */
public final class ListRegisteredAgentsTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID + " (extension)", false, Fields.ID);

    private final AgentService agents;
    private final ProjectService projects;

    @Inject
    public ListRegisteredAgentsTool(AgentService agents, ProjectService projects) {
        super("list_registered_agents",
                "Lists the agents registered to the current project with their status and current task.",
                SCHEMA, ToolProfile.STANDARD);
        this.agents = agents;
        this.projects = projects;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        String projectId = projects.resolve(args.string("project_id", null)).id().value();
        List<Agent> list = agents.list(projectId);
        Map<String, Object> out = Views.ok();
        out.put("project_id", projectId);
        out.put("agents", Views.list(list, Views::agent));
        out.put("count", list.size());
        return out;
    }
}
