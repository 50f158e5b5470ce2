package dev.marcus.mcp.tools;

import dev.marcus.core.model.Task;
import dev.marcus.core.service.ProgressService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code unassign_task}: a manual unstick; the task goes back to todo and its lease is dropped. */
public final class UnassignTaskTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("task_id", Fields.TASK_ID, true, Fields.ID)
            .string("agent_id", "When given, only unassign if this agent holds the task", false, Fields.ID);

    private final ProgressService progress;

    @Inject
    public UnassignTaskTool(ProgressService progress) {
        super("unassign_task",
                "Returns a task to todo and drops its lease (a manual unstick, or releasing a blocked task).",
                SCHEMA, ToolProfile.STANDARD);
        this.progress = progress;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Task t = progress.unassign(args.requireString("task_id"), args.string("agent_id", null));
        Map<String, Object> out = Views.ok();
        out.put("task_id", t.id().value());
        out.put("status", t.status().wire());
        out.put("message", "Task " + t.id() + " is back in todo; any agent may claim it.");
        return out;
    }
}
