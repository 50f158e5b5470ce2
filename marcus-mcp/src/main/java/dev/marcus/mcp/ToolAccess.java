package dev.marcus.mcp;

import dev.marcus.core.model.Role;
import java.util.Map;

/**
 * Who may call which tool, in one table: the least {@link Role} a caller needs, and whether the tool acts on one
 * project ({@link Reach#PROJECT}: a token scoped to a project may call it for that project) or on the installation
 * ({@link Reach#INSTALLATION}: only callers that are not scoped to one project). {@code ToolAccessTest} fails when a
 * tool of the catalog is missing here; a tool missing at run time is refused (admin, installation).
 */
public final class ToolAccess {

    /** What a tool acts on. */
    public enum Reach {
        /** Harmless: answers about the server itself. */
        NONE,
        /** One project: named by project_id, task_id or agent_id, or the token's own project. */
        PROJECT,
        /** The whole installation: projects as a set, experiments, the system. */
        INSTALLATION
    }

    /** The rule of one tool. */
    public record Rule(Role role, Reach reach) {
    }

    private static final Rule READ = new Rule(Role.VIEWER, Reach.PROJECT);
    private static final Rule WORK = new Rule(Role.DEVELOPER, Reach.PROJECT);
    private static final Rule READ_ALL = new Rule(Role.VIEWER, Reach.INSTALLATION);
    private static final Rule CHANGE_ALL = new Rule(Role.DEVELOPER, Reach.INSTALLATION);
    private static final Rule DENY = new Rule(Role.ADMIN, Reach.INSTALLATION);

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("ping", new Rule(Role.VIEWER, Reach.NONE)),
            Map.entry("authenticate", new Rule(Role.VIEWER, Reach.NONE)),
            // the agent loop
            Map.entry("register_agent", WORK),
            Map.entry("request_next_task", WORK),
            Map.entry("report_task_progress", WORK),
            Map.entry("report_blocker", WORK),
            Map.entry("log_decision", WORK),
            Map.entry("log_artifact", WORK),
            Map.entry("unassign_task", WORK),
            Map.entry("add_task", WORK),
            Map.entry("add_feature", WORK),
            Map.entry("update_project", WORK),
            Map.entry("capture_stall_snapshot", WORK),
            // reading one project
            Map.entry("get_task_context", READ),
            Map.entry("get_project_status", READ),
            Map.entry("get_agent_status", READ),
            Map.entry("list_registered_agents", READ),
            Map.entry("check_task_dependencies", READ),
            Map.entry("check_board_health", READ),
            Map.entry("check_assignment_health", READ),
            Map.entry("diagnose_project", READ),
            Map.entry("get_optimal_agent_count", READ),
            Map.entry("get_desired_agent_count", READ),
            Map.entry("get_task_assignment_score", READ),
            Map.entry("predict_completion_time", READ),
            Map.entry("predict_task_outcome", READ),
            Map.entry("predict_blockage_probability", READ),
            Map.entry("predict_cascade_effects", READ),
            Map.entry("get_project_metrics", READ),
            Map.entry("get_agent_metrics", READ),
            Map.entry("get_task_metrics", READ),
            Map.entry("query_project_history", READ),
            Map.entry("get_cost_summary", READ),
            // the installation
            Map.entry("list_projects", READ_ALL),
            Map.entry("get_current_project", READ_ALL),
            Map.entry("get_system_metrics", READ_ALL),
            Map.entry("get_usage_report", READ_ALL),
            Map.entry("list_project_history_files", READ_ALL),
            Map.entry("get_experiment_status", READ_ALL),
            Map.entry("create_project", CHANGE_ALL),
            Map.entry("create_tasks", CHANGE_ALL),
            Map.entry("add_project", CHANGE_ALL),
            Map.entry("select_project", CHANGE_ALL),
            Map.entry("switch_project", CHANGE_ALL),
            Map.entry("start_experiment", CHANGE_ALL),
            Map.entry("end_experiment", CHANGE_ALL),
            Map.entry("remove_project", new Rule(Role.ADMIN, Reach.INSTALLATION)));

    private ToolAccess() {
    }

    /** The rule of a tool; unknown tools need an unscoped admin. */
    public static Rule of(String tool) {
        return RULES.getOrDefault(tool, DENY);
    }

    /** Whether the table names this tool (for the completeness test). */
    public static boolean covers(String tool) {
        return RULES.containsKey(tool);
    }
}
