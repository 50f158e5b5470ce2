package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.PredictionService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code predict_cascade_effects}: what a delay of a task does downstream: which tasks slip and by how much, and how much the project slips (critical-path method with slack). */
public final class PredictCascadeEffectsTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("task_id", Fields.TASK_ID, true, Fields.ID)
            .number("delay_days", "Delay in days (default 1; a day is 24 hours)", false);

    private final PredictionService predictions;

    @Inject
    public PredictCascadeEffectsTool(PredictionService predictions) {
        super("predict_cascade_effects",
                "What a delay of a task does downstream: which tasks slip and by how much, and how much the project slips (critical-path method with slack).",
                SCHEMA, ToolProfile.ALL);
        this.predictions = predictions;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(predictions.cascade(args.requireString("task_id"), args.has("delay_days") ? args.number("delay_days") : 1.0));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
