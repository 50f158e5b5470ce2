package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.UsageService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code get_usage_report}: activity per day over the last days: events, assignments, completions, blockers, decisions, artifacts, active agents, tokens and cost. */
public final class GetUsageReportTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .integer("days", "Days to cover (default 7)", false);

    private final UsageService usage;

    @Inject
    public GetUsageReportTool(UsageService usage) {
        super("get_usage_report",
                "Activity per day over the last days: events, assignments, completions, blockers, decisions, artifacts, active agents, tokens and cost.",
                SCHEMA, ToolProfile.ALL);
        this.usage = usage;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(usage.usage(args.integer("days", 7)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
