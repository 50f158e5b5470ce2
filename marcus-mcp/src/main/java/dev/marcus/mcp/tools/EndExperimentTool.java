package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.ExperimentService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code end_experiment}: ends the running experiment and stores its summary (tasks completed, blockers, tokens, cost, throughput). */
public final class EndExperimentTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object();

    private final ExperimentService experiments;

    @Inject
    public EndExperimentTool(ExperimentService experiments) {
        super("end_experiment",
                "Ends the running experiment and stores its summary (tasks completed, blockers, tokens, cost, throughput).",
                SCHEMA, ToolProfile.ALL);
        this.experiments = experiments;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(experiments.end());
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
