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

/** {@code get_system_metrics}: installation-wide metrics over a window: projects, agents, tasks by status, throughput, blockers, recoveries. */
public final class GetSystemMetricsTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .choice("time_window", "Look-back window: 1h, 24h, 7d or 30d", false, List.of("1h", "24h", "7d", "30d"));

    private final MetricsService metrics;

    @Inject
    public GetSystemMetricsTool(MetricsService metrics) {
        super("get_system_metrics",
                "Installation-wide metrics over a window: projects, agents, tasks by status, throughput, blockers, recoveries.",
                SCHEMA, ToolProfile.ALL);
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(metrics.system(args.string("time_window", "1h")));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
