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

/** {@code get_agent_metrics}: an agent's outcomes over a window: completed, blocked, recovered, success rate, task hours, success per label, tokens and cost. */
public final class GetAgentMetricsTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("agent_id", Fields.AGENT_ID, true, Fields.ID)
            .choice("time_window", "Look-back window: 1h, 24h, 7d or 30d", false, List.of("1h", "24h", "7d", "30d"));

    private final MetricsService metrics;

    @Inject
    public GetAgentMetricsTool(MetricsService metrics) {
        super("get_agent_metrics",
                "An agent's outcomes over a window: completed, blocked, recovered, success rate, task hours, success per label, tokens and cost.",
                SCHEMA, ToolProfile.ALL);
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(metrics.agent(args.requireString("agent_id"), args.string("time_window", "7d")));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
