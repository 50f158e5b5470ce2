package dev.marcus.mcp.tools;

import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ContextService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code get_task_context}: dependencies, dependents, upstream decisions and artifacts, blockers, recovery info. */
public final class GetTaskContextTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("task_id", Fields.TASK_ID, true, Fields.ID)
            .string("agent_id", "Your agent id; when given, the call renews your lease (extension)", false, Fields.ID);

    private final ContextService context;
    private final AgentService agents;

    @Inject
    public GetTaskContextTool(ContextService context, AgentService agents) {
        super("get_task_context",
                "Everything known about a task: its dependencies and dependents, the decisions and artifacts of the "
                    + "tasks it depends on, its own, its blockers and any hand-off note from a previous holder.",
                SCHEMA, ToolProfile.CORE);
        this.context = context;
        this.agents = agents;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        if (args.has("agent_id")) {
            agents.heardFrom(args.requireString("agent_id"));
        }
        ContextService.TaskContext c = context.contextFor(args.requireString("task_id"));
        Map<String, Object> out = Views.ok();
        out.put("task_id", c.task().id().value());
        out.put("task", Views.task(c.task()));
        out.put("context", RequestNextTaskTool.context(c));
        return out;
    }
}
