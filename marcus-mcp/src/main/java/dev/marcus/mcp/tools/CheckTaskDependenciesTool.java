package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code check_task_dependencies}: a task's dependencies and dependents, which dependencies are unfinished, whether it is on the critical path or in a cycle, and whether it can start. */
public final class CheckTaskDependenciesTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("task_id", Fields.TASK_ID, true, Fields.ID);

    private final BoardHealthService health;

    @Inject
    public CheckTaskDependenciesTool(BoardHealthService health) {
        super("check_task_dependencies",
                "A task's dependencies and dependents, which dependencies are unfinished, whether it is on the critical path or in a cycle, and whether it can start.",
                SCHEMA, ToolProfile.STANDARD);
        this.health = health;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(health.taskDependencies(args.requireString("task_id")));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
