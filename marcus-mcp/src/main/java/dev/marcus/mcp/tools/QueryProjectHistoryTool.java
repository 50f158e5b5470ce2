package dev.marcus.mcp.tools;

import dev.marcus.core.analytics.HistoryService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.Map;

/** {@code query_project_history}: reads a project's history: summary, tasks, blocked_tasks, task_dependencies, decisions, artifacts, agent_history, agent_metrics, timeline or conversations, with filters. */
public final class QueryProjectHistoryTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("project_id", "The project id", true, Fields.ID)
            .choice("query_type", "What to read", true, HistoryService.QUERY_TYPES)
            .string("status", "Task status filter (todo, in_progress, done, blocked)", false, 32)
            .string("agent_id", "Agent filter", false, Fields.ID)
            .string("task_id", "Task filter", false, Fields.ID)
            .string("artifact_type", "Artifact type filter", false, 32)
            .string("event_type", "Event type filter for timeline/conversations, e.g. task_completed", false, 64)
            .string("keyword", "Case-insensitive text filter", false, 500)
            .string("start_time", "ISO-8601 lower bound", false, 64)
            .string("end_time", "ISO-8601 upper bound", false, 64)
            .integer("limit", "Most results to return (default 100, the newest)", false);

    private final HistoryService history;

    @Inject
    public QueryProjectHistoryTool(HistoryService history) {
        super("query_project_history",
                "Reads a project's history: summary, tasks, blocked_tasks, task_dependencies, decisions, artifacts, agent_history, agent_metrics, timeline or conversations, with filters.",
                SCHEMA, ToolProfile.ALL);
        this.history = history;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        return merge(history.query(args.requireString("project_id"), args.requireString("query_type"),
                new HistoryService.Filters(args.string("status", null), args.string("agent_id", null),
                        args.string("task_id", null), args.string("artifact_type", null), args.string("event_type", null),
                        args.string("keyword", null), args.string("start_time", null), args.string("end_time", null),
                        args.integer("limit", null))));
    }

    private static Map<String, Object> merge(Map<String, Object> report) {
        Map<String, Object> out = Views.ok();
        out.putAll(report);
        return out;
    }
}
