package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.PredictionService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code get_task_assignment_score}: how well an agent fits a task, 0-100: skill match, its success rate on similar tasks, its speed against estimates, availability. */
public final class GetTaskAssignmentScoreTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("task_id", Fields.TASK_ID, true, Fields.ID)
            .string("agent_id", Fields.AGENT_ID, true, Fields.ID);

    private final PredictionService predictions;

    @Inject
    public GetTaskAssignmentScoreTool(PredictionService predictions) {
        super("get_task_assignment_score",
                "How well an agent fits a task, 0-100: skill match, its success rate on similar tasks, its speed against estimates, availability.",
                SCHEMA, ToolProfile.ALL);
        this.predictions = predictions;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(predictions.assignmentScore(args.requireString("task_id"), args.requireString("agent_id")));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
