package dev.marcus.mcp.tools;

import dev.marcus.core.service.ProgressService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code report_blocker}: the task becomes blocked, the agent is freed, suggestions come back. */
public final class ReportBlockerTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("agent_id", Fields.AGENT_ID, true, Fields.ID)
            .string("task_id", Fields.TASK_ID, true, Fields.ID)
            .string("blocker_description", "What stops you, what you tried", true)
            .choice("severity", "low, medium or high; default medium", false, List.of("low", "medium", "high"));

    private final ProgressService progress;

    @Inject
    public ReportBlockerTool(ProgressService progress) {
        super("report_blocker",
                "Reports that you cannot continue the task you hold: it becomes blocked, you are freed for other work, "
                    + "and suggestions come back.",
                SCHEMA, ToolProfile.CORE);
        this.progress = progress;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        ProgressService.Outcome o = progress.reportBlocker(args.requireString("agent_id"), args.requireString("task_id"),
                args.requireString("blocker_description"), args.string("severity", null));
        Map<String, Object> out = Views.ok();
        out.put("suggestions", o.suggestions());
        out.put("message", "Task " + o.task().id() + " is blocked and you are free; call request_next_task.");
        out.put("task_id", o.task().id().value());
        out.put("status", o.task().status().wire());
        return out;
    }
}
