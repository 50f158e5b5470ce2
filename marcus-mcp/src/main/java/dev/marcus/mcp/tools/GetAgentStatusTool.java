package dev.marcus.mcp.tools;

import dev.marcus.core.service.AgentService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code get_agent_status}: status, current task, completed count. Renews the agent's lease. */
public final class GetAgentStatusTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("agent_id", Fields.AGENT_ID, true, Fields.ID);

    private final AgentService agents;

    @Inject
    public GetAgentStatusTool(AgentService agents) {
        super("get_agent_status",
                "An agent's status (available or working), the task it holds and how many tasks it has completed.",
                SCHEMA, ToolProfile.STANDARD);
        this.agents = agents;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        AgentService.AgentStatusView v = agents.status(args.requireString("agent_id"));
        Map<String, Object> out = Views.ok();
        out.put("agent", Views.agent(v.agent()));
        out.put("status", v.agent().status().wire());
        out.put("current_task", v.currentTask().map(Views::task).orElse(null));
        Map<String, Object> performance = new LinkedHashMap<>();
        performance.put("completed_tasks", v.agent().completedTasks());
        out.put("performance", performance);
        return out;
    }
}
