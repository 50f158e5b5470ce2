package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.PredictionService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code predict_blockage_probability}: probability that a task gets blocked, from the blocked share of similar attempts and blocked upstream tasks, with mitigations. */
public final class PredictBlockageProbabilityTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("task_id", Fields.TASK_ID, true, Fields.ID)
            .bool("include_mitigation", "Include mitigations (default true)", false);

    private final PredictionService predictions;

    @Inject
    public PredictBlockageProbabilityTool(PredictionService predictions) {
        super("predict_blockage_probability",
                "Probability that a task gets blocked, from the blocked share of similar attempts and blocked upstream tasks, with mitigations.",
                SCHEMA, ToolProfile.ALL);
        this.predictions = predictions;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(predictions.blockage(args.requireString("task_id"), args.bool("include_mitigation", true)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
