package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.ExperimentService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.MarcusTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code get_experiment_status}: the running experiment and its live figures, or the last one when none runs. */
public final class GetExperimentStatusTool implements MarcusTool {
    private static final ToolSchema SCHEMA = ToolSchema.object();

    private final ExperimentService experiments;

    @Inject
    public GetExperimentStatusTool(ExperimentService experiments) {
        this.experiments = experiments;
    }

    @Override
    public String name() {
        return "get_experiment_status";
    }

    @Override
    public String description() {
        return "The running experiment and its live figures, or the last one when none runs.";
    }

    @Override
    public ToolSchema schema() {
        return SCHEMA;
    }

    @Override
    public ToolProfile profile() {
        return ToolProfile.ALL;
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
