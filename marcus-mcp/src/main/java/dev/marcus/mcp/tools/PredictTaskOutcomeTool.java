package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.PredictionService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code predict_task_outcome}: probability that a task succeeds (for an agent when given), from recorded outcomes on tasks with the same labels, and its expected hours. */
public final class PredictTaskOutcomeTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("task_id", Fields.TASK_ID, true, Fields.ID)
            .string("agent_id", "The agent that would do it (optional)", false, Fields.ID);

    private final PredictionService predictions;

    @Inject
    public PredictTaskOutcomeTool(PredictionService predictions) {
        super("predict_task_outcome",
                "Probability that a task succeeds (for an agent when given), from recorded outcomes on tasks with the same labels, and its expected hours.",
                SCHEMA, ToolProfile.ALL);
        this.predictions = predictions;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(predictions.taskOutcome(args.requireString("task_id"), args.string("agent_id", null)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
