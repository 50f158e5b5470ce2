package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.HistoryService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.MarcusTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code list_project_history_files}: lists each project's history record sets (tasks, events, decisions, artifacts) and where they are stored. */
public final class ListProjectHistoryFilesTool implements MarcusTool {
    private static final ToolSchema SCHEMA = ToolSchema.object();

    private final HistoryService history;

    @Inject
    public ListProjectHistoryFilesTool(HistoryService history) {
        this.history = history;
    }

    @Override
    public String name() {
        return "list_project_history_files";
    }

    @Override
    public String description() {
        return "Lists each project's history record sets (tasks, events, decisions, artifacts) and where they are stored.";
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
        return merge(history.historyFiles());
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
