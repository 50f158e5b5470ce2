package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.ExperimentService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code get_experiment_status}: the running experiment and its live figures, or the last one when none runs. */
public final class GetExperimentStatusTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object();

    private final ExperimentService experiments;

    @Inject
    public GetExperimentStatusTool(ExperimentService experiments) {
        super("get_experiment_status",
                "The running experiment and its live figures, or the last one when none runs.",
                SCHEMA, ToolProfile.ALL);
        this.experiments = experiments;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(experiments.status());
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
