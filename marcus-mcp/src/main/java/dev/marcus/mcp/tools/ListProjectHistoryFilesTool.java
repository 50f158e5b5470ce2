package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.HistoryService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code list_project_history_files}: lists each project's history record sets (tasks, events, decisions, artifacts) and where they are stored. */
public final class ListProjectHistoryFilesTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object();

    private final HistoryService history;

    @Inject
    public ListProjectHistoryFilesTool(HistoryService history) {
        super("list_project_history_files",
                "Lists each project's history record sets (tasks, events, decisions, artifacts) and where they are stored.",
                SCHEMA, ToolProfile.ALL);
        this.history = history;
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
