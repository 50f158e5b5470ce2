package dev.marcus.mcp.tools;

import dev.marcus.core.model.Decision;
import dev.marcus.core.service.DecisionService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code log_decision}: stores what / why / impact, visible to the tasks downstream. */
public final class LogDecisionTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("agent_id", Fields.AGENT_ID, true, Fields.ID)
            .string("task_id", Fields.TASK_ID, true, Fields.ID)
            .string("decision", "\"I chose X because Y. This affects Z.\"", true, 10_000);

    private final DecisionService decisions;

    @Inject
    public LogDecisionTool(DecisionService decisions) {
        super("log_decision",
                "Records an architectural or design decision on a task (\"I chose X because Y. This affects Z.\"); "
                    + "agents on dependent tasks see it in their context.",
                SCHEMA, ToolProfile.CORE);
        this.decisions = decisions;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Decision d = decisions.log(args.requireString("agent_id"), args.requireString("task_id"),
                args.requireString("decision"));
        Map<String, Object> out = Views.ok();
        out.put("decision_id", d.id());
        out.put("what", d.what());
        out.put("why", d.why());
        out.put("impact", d.impact());
        return out;
    }
}
