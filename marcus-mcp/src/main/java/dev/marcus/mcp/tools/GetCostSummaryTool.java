package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.UsageService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code get_cost_summary}: tokens and cost reported with report_task_progress, in total and per agent and task, for a project or an experiment run. */
public final class GetCostSummaryTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("run_id", "An experiment id; limits the summary to that run", false, Fields.ID)
            .string("project_id", "A project id; all projects when omitted", false, Fields.ID);

    private final UsageService usage;

    @Inject
    public GetCostSummaryTool(UsageService usage) {
        super("get_cost_summary",
                "Tokens and cost reported with report_task_progress, in total and per agent and task, for a project or an experiment run.",
                SCHEMA, ToolProfile.ALL);
        this.usage = usage;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(usage.cost(args.string("run_id", null), args.string("project_id", null)));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
