package dev.marcus.mcp.tools;

import dev.marcus.core.port.Completion;
import dev.marcus.core.service.ProgressService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code report_task_progress}: progress renews the lease; {@code completed} finishes the task (holder only). */
public final class ReportTaskProgressTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("agent_id", Fields.AGENT_ID, true, Fields.ID)
            .string("task_id", Fields.TASK_ID, true, Fields.ID)
            .choice("status", "in_progress, completed or blocked", true, List.of("in_progress", "completed", "blocked"))
            .integer("progress", "Percent done, 0-100; default 0 (100 for completed)", false)
            .string("message", "What you did or found", false)
            .integer("tokens_used", "Tokens spent since your last report (extension)", false)
            .number("cost_usd", "Cost in USD since your last report (extension)", false)
            .strings("verification_commands", "Commands that prove a type:integration task works; run in the project root "
                    + "when the completion gate is enabled, and a failure refuses the completion (extension)", false)
            .integer("lease_epoch", "The lease_epoch you were given; a report from an older epoch is refused as stale (extension)", false);

    private final ProgressService progress;

    @Inject
    public ReportTaskProgressTool(ProgressService progress) {
        super("report_task_progress",
                "Reports progress on the task you hold (this keeps your lease), or finishes it with status=completed. "
                    + "Only the current holder is heard; stale holders are refused with a reason.",
                SCHEMA, ToolProfile.CORE);
        this.progress = progress;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        ProgressService.Outcome o = progress.report(new ProgressService.Report(args.requireString("agent_id"),
                args.requireString("task_id"), args.requireString("status"), args.integer("progress", null),
                args.string("message", ""), args.longValue("tokens_used"), args.number("cost_usd"),
                args.longValue("lease_epoch"), args.strings("verification_commands")));
        Map<String, Object> out = Views.ok();
        out.put("task_id", o.task().id().value());
        out.put("status", o.status());
        out.put("progress", o.task().progress());
        if (o.completion().isPresent()) {
            Completion c = o.completion().get();
            out.put("message", "Task " + o.task().id() + " completed"
                    + (c.projectComplete() ? "; the project is complete." : "; call request_next_task for more work."));
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("unblocked_tasks", Views.ids(c.unblocked()));
            done.put("completed_parents", Views.ids(c.completedParents()));
            done.put("project_complete", c.projectComplete());
            done.put("acceptance_criteria", o.task().acceptanceCriteria());
            done.put("verifications", Views.list(o.verifications(), v -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("command", v.command());
                m.put("exit_code", v.exitCode());
                m.put("millis", v.millis());
                return m;
            }));
            out.put("completion", done);
        } else if ("blocked".equals(o.status())) {
            out.put("message", "Task " + o.task().id() + " is blocked and you are free; call request_next_task.");
            out.put("suggestions", o.suggestions());
        } else {
            out.put("message", "Progress recorded; your lease runs until " + Views.time(o.task().leaseExpiresAt()) + ".");
            out.put("lease_expires_at", Views.time(o.task().leaseExpiresAt()));
            out.put("lease_epoch", o.task().leaseEpoch());
        }
        return out;
    }
}
