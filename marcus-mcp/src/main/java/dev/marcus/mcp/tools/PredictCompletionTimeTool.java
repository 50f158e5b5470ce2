package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.PredictionService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code predict_completion_time}: predicts when the project finishes from the remaining graph, the estimates corrected by how long finished tasks really took, and the number of agents. */
public final class PredictCompletionTimeTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID)
            .bool("include_confidence", "Include the confidence interval (default true)", false);

    private final PredictionService predictions;

    @Inject
    public PredictCompletionTimeTool(PredictionService predictions) {
        super("predict_completion_time",
                "Predicts when the project finishes from the remaining graph, the estimates corrected by how long finished tasks really took, and the number of agents.",
                SCHEMA, ToolProfile.ALL);
        this.predictions = predictions;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(predictions.completionTime(args.string("project_id", null), args.bool("include_confidence", true)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
