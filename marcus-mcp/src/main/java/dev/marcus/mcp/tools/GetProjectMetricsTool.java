package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.MetricsService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** {@code get_project_metrics}: a project's metrics over a window: completion, velocity, task hours, estimate accuracy, blockers, remaining critical path, tokens and cost. */
public final class GetProjectMetricsTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", Fields.PROJECT_ID, false, Fields.ID)
            .choice("time_window", "Look-back window: 1h, 24h, 7d or 30d", false, List.of("1h", "24h", "7d", "30d"));

    private final MetricsService metrics;

    @Inject
    public GetProjectMetricsTool(MetricsService metrics) {
        super("get_project_metrics",
                "A project's metrics over a window: completion, velocity, task hours, estimate accuracy, blockers, remaining critical path, tokens and cost.",
                SCHEMA, ToolProfile.ALL);
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(metrics.project(args.string("project_id", null), args.string("time_window", "7d")));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
