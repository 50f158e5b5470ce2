package dev.marcus.mcp.tools;

import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ContextService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code request_next_task}: claims the best ready task for the agent. Answers that are not a task (nothing ready,
 * project complete, already holding one) come back with {@code success:false} but are not errors.
 */
public final class RequestNextTaskTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("agent_id", Fields.AGENT_ID, true, Fields.ID)
            .integer("wait_seconds", "Wait up to this many seconds (0-" + AssignmentService.MAX_WAIT_SECONDS
                    + ") for a task to become ready instead of returning at once; default 0", false);

    private final AssignmentService assignments;

    @Inject
    public RequestNextTaskTool(AssignmentService assignments) {
        super("request_next_task",
                "Claims the best task you can do now and returns it with instructions, context and lease expiry. "
                    + "Otherwise says when to ask again (retry_after_seconds), or that the project is complete (then exit).",
                SCHEMA, ToolProfile.CORE);
        this.assignments = assignments;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        AssignmentService.NextTask next = assignments.requestNextTask(args.requireString("agent_id"),
                args.integer("wait_seconds", 0));
        if (next instanceof AssignmentService.Assigned a) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("id", a.task().id().value());
            task.put("name", a.task().name());
            task.put("description", a.task().description());
            task.put("instructions", a.instructions());
            task.put("priority", a.task().priority().wire());
            task.put("labels", a.task().labels());
            task.put("dependencies", Views.ids(a.task().dependencies()));
            task.put("acceptance_criteria", a.task().acceptanceCriteria());
            task.put("estimated_hours", a.task().estimatedHours());
            task.put("project_id", a.project().id().value());
            task.put("project_name", a.project().name());
            task.put("project_root", a.project().projectRoot());
            task.put("lease_expires_at", Views.time(a.task().leaseExpiresAt()));
            task.put("lease_epoch", a.task().leaseEpoch());
            if (a.task().recoveryInfo() != null) {
                task.put("recovery_info", Views.recovery(a.task().recoveryInfo()));
            }
            task.put("context", context(a.context()));
            Map<String, Object> out = Views.ok();
            out.put("task", task);
            out.put("rank_reason", a.rankReason());
            return out;
        }
        if (next instanceof AssignmentService.AlreadyHolding h) {
            Map<String, Object> out = Views.notNow();
            out.put("error", "you already hold task " + h.task().id() + " ('" + h.task().name()
                    + "'); finish it with report_task_progress status=completed or call report_blocker first");
            out.put("current_task", Views.task(h.task()));
            return out;
        }
        if (next instanceof AssignmentService.ProjectComplete c) {
            Map<String, Object> out = Views.notNow();
            out.put("project_complete", true);
            out.put("should_exit", true);
            out.put("message", "Project '" + c.project().name() + "' is complete: all " + c.counts().total()
                    + " tasks are done. You can exit.");
            return out;
        }
        AssignmentService.NoTask none = (AssignmentService.NoTask) next;
        Map<String, Object> out = Views.notNow();
        out.put("message", none.message());
        out.put("retry_after_seconds", none.retryAfterSeconds());
        out.put("retry_reason", none.reason());
        return out;
    }

    /** The context an assignee reads first; also used by {@code get_task_context}. */
    static Map<String, Object> context(ContextService.TaskContext c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dependencies", Views.list(c.dependencies(), Views::taskRef));
        m.put("dependents", Views.list(c.dependents(), Views::taskRef));
        m.put("decisions", Views.list(c.upstreamDecisions(), Views::decision));
        m.put("dependency_artifacts", Views.list(c.upstreamArtifacts(), Views::artifact));
        m.put("own_decisions", Views.list(c.ownDecisions(), Views::decision));
        m.put("own_artifacts", Views.list(c.ownArtifacts(), Views::artifact));
        m.put("blockers", Views.list(c.blockers(), Views::blocker));
        m.put("recovery_info", c.task().recoveryInfo() == null ? null : Views.recovery(c.task().recoveryInfo()));
        return m;
    }
}
