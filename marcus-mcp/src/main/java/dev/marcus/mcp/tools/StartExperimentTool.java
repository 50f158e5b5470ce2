package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.ExperimentService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code start_experiment}: starts an experiment run recorded in Marcus's store; its figures are measured from the event log until end_experiment. One run at a time. */
public final class StartExperimentTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("experiment_name", "Name of the experiment", true, 200)
            .string("board_id", "Same as project_id (reference compatibility)", false, Fields.ID)
            .string("project_id", "The project to watch; the active project when omitted", false, Fields.ID)
            .string("run_name", "Label of this run", false, 200)
            .integer("tracking_interval", "Seconds between status polls you intend (default 30)", false)
            .object("params", "Run configuration (string values)", false, null)
            .object("tags", "Run tags (string values)", false, null);

    private final ExperimentService experiments;

    @Inject
    public StartExperimentTool(ExperimentService experiments) {
        super("start_experiment",
                "Starts an experiment run recorded in Marcus's store; its figures are measured from the event log until end_experiment. One run at a time.",
                SCHEMA, ToolProfile.ALL);
        this.experiments = experiments;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(experiments.start(args.requireString("experiment_name"), args.string("board_id", null),
                args.string("project_id", null), args.string("run_name", null), args.integer("tracking_interval", 30),
                flat(args.object("params").asMap()), flat(args.object("tags").asMap())));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }

    /** A params/tags object as string values (nested values are written as their JSON-ish text). */
    private static Map<String, String> flat(Map<String, Object> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }
}
