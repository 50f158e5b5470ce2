package dev.marcus.storage.sql;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Table and column names of the storage schema (see the Flyway scripts); no code generation. */
final class Db {
    private Db() {
    }

    static final String DEFAULT_WORKSPACE = "default";

    // ---- projects
    static final Table<Record> PROJECTS = table(name("projects"));
    static final Field<String> P_WORKSPACE = field(name("projects", "workspace_id"), SQLDataType.VARCHAR);
    static final Field<String> P_ID = field(name("projects", "id"), SQLDataType.VARCHAR);
    static final Field<Long> P_SEQ = field(name("projects", "seq"), SQLDataType.BIGINT);
    static final Field<String> P_NAME = field(name("projects", "name"), SQLDataType.VARCHAR);
    static final Field<String> P_DESCRIPTION = field(name("projects", "description"), SQLDataType.VARCHAR);
    static final Field<String> P_ROOT = field(name("projects", "project_root"), SQLDataType.VARCHAR);
    static final Field<Long> P_COMPLETED_AT = field(name("projects", "completed_at"), SQLDataType.BIGINT);
    static final Field<Long> P_CREATED_AT = field(name("projects", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> P_UPDATED_AT = field(name("projects", "updated_at"), SQLDataType.BIGINT);
    static final Field<Long> P_ARCHIVED_AT = field(name("projects", "archived_at"), SQLDataType.BIGINT);

    // ---- tasks
    static final Table<Record> TASKS = table(name("tasks"));
    static final Field<String> T_WORKSPACE = field(name("tasks", "workspace_id"), SQLDataType.VARCHAR);
    static final Field<String> T_ID = field(name("tasks", "id"), SQLDataType.VARCHAR);
    static final Field<String> T_PROJECT = field(name("tasks", "project_id"), SQLDataType.VARCHAR);
    static final Field<Long> T_SEQ = field(name("tasks", "seq"), SQLDataType.BIGINT);
    static final Field<String> T_NAME = field(name("tasks", "name"), SQLDataType.VARCHAR);
    static final Field<String> T_DESCRIPTION = field(name("tasks", "description"), SQLDataType.VARCHAR);
    static final Field<String> T_STATUS = field(name("tasks", "status"), SQLDataType.VARCHAR);
    static final Field<String> T_PRIORITY = field(name("tasks", "priority"), SQLDataType.VARCHAR);
    static final Field<String> T_LABELS = field(name("tasks", "labels"), SQLDataType.VARCHAR);
    static final Field<Double> T_ESTIMATED_HOURS = field(name("tasks", "estimated_hours"), SQLDataType.DOUBLE);
    static final Field<String> T_CRITERIA = field(name("tasks", "acceptance_criteria"), SQLDataType.VARCHAR);
    static final Field<String> T_PARENT = field(name("tasks", "parent_id"), SQLDataType.VARCHAR);
    static final Field<Integer> T_PENDING_DEPS = field(name("tasks", "pending_deps"), SQLDataType.INTEGER);
    static final Field<Integer> T_SUBTASKS = field(name("tasks", "subtask_count"), SQLDataType.INTEGER);
    static final Field<Integer> T_OPEN_SUBTASKS = field(name("tasks", "open_subtasks"), SQLDataType.INTEGER);
    static final Field<String> T_ASSIGNEE = field(name("tasks", "assignee"), SQLDataType.VARCHAR);
    static final Field<Long> T_EPOCH = field(name("tasks", "lease_epoch"), SQLDataType.BIGINT);
    static final Field<Long> T_LEASE_EXPIRES_AT = field(name("tasks", "lease_expires_at"), SQLDataType.BIGINT);
    static final Field<Long> T_ASSIGNED_AT = field(name("tasks", "assigned_at"), SQLDataType.BIGINT);
    static final Field<Integer> T_PROGRESS = field(name("tasks", "progress"), SQLDataType.INTEGER);
    static final Field<String> T_LAST_MESSAGE = field(name("tasks", "last_message"), SQLDataType.VARCHAR);
    static final Field<Long> T_LAST_REPORT_AT = field(name("tasks", "last_report_at"), SQLDataType.BIGINT);
    static final Field<String> T_RECOVERY = field(name("tasks", "recovery_info"), SQLDataType.VARCHAR);
    static final Field<Long> T_TOKENS = field(name("tasks", "tokens_used"), SQLDataType.BIGINT);
    static final Field<Double> T_COST = field(name("tasks", "cost_usd"), SQLDataType.DOUBLE);
    static final Field<Long> T_COMPLETED_AT = field(name("tasks", "completed_at"), SQLDataType.BIGINT);
    static final Field<Long> T_CREATED_AT = field(name("tasks", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> T_UPDATED_AT = field(name("tasks", "updated_at"), SQLDataType.BIGINT);

    // ---- task_dependencies: task_id waits for depends_on
    static final Table<Record> DEPS = table(name("task_dependencies"));
    static final Field<String> D_WORKSPACE = field(name("task_dependencies", "workspace_id"), SQLDataType.VARCHAR);
    static final Field<String> D_TASK = field(name("task_dependencies", "task_id"), SQLDataType.VARCHAR);
    static final Field<String> D_DEPENDS_ON = field(name("task_dependencies", "depends_on"), SQLDataType.VARCHAR);
    static final Field<Long> D_CREATED_AT = field(name("task_dependencies", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> D_UPDATED_AT = field(name("task_dependencies", "updated_at"), SQLDataType.BIGINT);

    // ---- agents
    static final Table<Record> AGENTS = table(name("agents"));
    static final Field<String> A_WORKSPACE = field(name("agents", "workspace_id"), SQLDataType.VARCHAR);
    static final Field<String> A_ID = field(name("agents", "id"), SQLDataType.VARCHAR);
    static final Field<Long> A_SEQ = field(name("agents", "seq"), SQLDataType.BIGINT);
    static final Field<String> A_PROJECT = field(name("agents", "project_id"), SQLDataType.VARCHAR);
    static final Field<String> A_NAME = field(name("agents", "name"), SQLDataType.VARCHAR);
    static final Field<String> A_ROLE = field(name("agents", "role"), SQLDataType.VARCHAR);
    static final Field<String> A_SKILLS = field(name("agents", "skills"), SQLDataType.VARCHAR);
    static final Field<Integer> A_COMPLETED = field(name("agents", "completed_tasks"), SQLDataType.INTEGER);
    static final Field<Long> A_REGISTERED_AT = field(name("agents", "registered_at"), SQLDataType.BIGINT);
    static final Field<Long> A_LAST_SEEN_AT = field(name("agents", "last_seen_at"), SQLDataType.BIGINT);
    /** V6: when a human paused the agent, NULL while it is not paused. */
    static final Field<Long> A_PAUSED_AT = field(name("agents", "paused_at"), SQLDataType.BIGINT);
    static final Field<Long> A_CREATED_AT = field(name("agents", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> A_UPDATED_AT = field(name("agents", "updated_at"), SQLDataType.BIGINT);

    // ---- decisions
    static final Table<Record> DECISIONS = table(name("decisions"));
    static final Field<String> DC_WORKSPACE = field(name("decisions", "workspace_id"), SQLDataType.VARCHAR);
    static final Field<String> DC_ID = field(name("decisions", "id"), SQLDataType.VARCHAR);
    static final Field<Long> DC_SEQ = field(name("decisions", "seq"), SQLDataType.BIGINT);
    static final Field<String> DC_PROJECT = field(name("decisions", "project_id"), SQLDataType.VARCHAR);
    static final Field<String> DC_TASK = field(name("decisions", "task_id"), SQLDataType.VARCHAR);
    static final Field<String> DC_AGENT = field(name("decisions", "agent_id"), SQLDataType.VARCHAR);
    static final Field<String> DC_TEXT = field(name("decisions", "text"), SQLDataType.VARCHAR);
    static final Field<String> DC_WHAT = field(name("decisions", "what"), SQLDataType.VARCHAR);
    static final Field<String> DC_WHY = field(name("decisions", "why"), SQLDataType.VARCHAR);
    static final Field<String> DC_IMPACT = field(name("decisions", "impact"), SQLDataType.VARCHAR);
    static final Field<Long> DC_CREATED_AT = field(name("decisions", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> DC_UPDATED_AT = field(name("decisions", "updated_at"), SQLDataType.BIGINT);

    // ---- artifacts
    static final Table<Record> ARTIFACTS = table(name("artifacts"));
    static final Field<String> AR_WORKSPACE = field(name("artifacts", "workspace_id"), SQLDataType.VARCHAR);
    static final Field<String> AR_ID = field(name("artifacts", "id"), SQLDataType.VARCHAR);
    static final Field<Long> AR_SEQ = field(name("artifacts", "seq"), SQLDataType.BIGINT);
    static final Field<String> AR_PROJECT = field(name("artifacts", "project_id"), SQLDataType.VARCHAR);
    static final Field<String> AR_TASK = field(name("artifacts", "task_id"), SQLDataType.VARCHAR);
    static final Field<String> AR_FILENAME = field(name("artifacts", "filename"), SQLDataType.VARCHAR);
    static final Field<String> AR_TYPE = field(name("artifacts", "type"), SQLDataType.VARCHAR);
    static final Field<String> AR_LOCATION = field(name("artifacts", "location"), SQLDataType.VARCHAR);
    static final Field<String> AR_DESCRIPTION = field(name("artifacts", "description"), SQLDataType.VARCHAR);
    static final Field<Long> AR_SIZE = field(name("artifacts", "size_bytes"), SQLDataType.BIGINT);
    static final Field<Long> AR_CREATED_AT = field(name("artifacts", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> AR_UPDATED_AT = field(name("artifacts", "updated_at"), SQLDataType.BIGINT);

    // ---- blockers
    static final Table<Record> BLOCKERS = table(name("blockers"));
    static final Field<String> B_WORKSPACE = field(name("blockers", "workspace_id"), SQLDataType.VARCHAR);
    static final Field<String> B_ID = field(name("blockers", "id"), SQLDataType.VARCHAR);
    static final Field<Long> B_SEQ = field(name("blockers", "seq"), SQLDataType.BIGINT);
    static final Field<String> B_TASK = field(name("blockers", "task_id"), SQLDataType.VARCHAR);
    static final Field<String> B_AGENT = field(name("blockers", "agent_id"), SQLDataType.VARCHAR);
    static final Field<String> B_DESCRIPTION = field(name("blockers", "description"), SQLDataType.VARCHAR);
    static final Field<String> B_SEVERITY = field(name("blockers", "severity"), SQLDataType.VARCHAR);
    static final Field<Long> B_RESOLVED_AT = field(name("blockers", "resolved_at"), SQLDataType.BIGINT);
    static final Field<Long> B_CREATED_AT = field(name("blockers", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> B_UPDATED_AT = field(name("blockers", "updated_at"), SQLDataType.BIGINT);

    // ---- events (id assigned by the database, monotonically growing)
    static final Table<Record> EVENTS = table(name("events"));
    static final Field<Long> E_ID = field(name("events", "id"), SQLDataType.BIGINT);
    static final Field<String> E_WORKSPACE = field(name("events", "workspace_id"), SQLDataType.VARCHAR);
    static final Field<String> E_TYPE = field(name("events", "type"), SQLDataType.VARCHAR);
    static final Field<String> E_PROJECT = field(name("events", "project_id"), SQLDataType.VARCHAR);
    static final Field<String> E_TASK = field(name("events", "task_id"), SQLDataType.VARCHAR);
    static final Field<String> E_AGENT = field(name("events", "agent_id"), SQLDataType.VARCHAR);
    static final Field<String> E_DATA = field(name("events", "data"), SQLDataType.VARCHAR);
    static final Field<Long> E_AT = field(name("events", "at"), SQLDataType.BIGINT);
    static final Field<Long> E_CREATED_AT = field(name("events", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> E_UPDATED_AT = field(name("events", "updated_at"), SQLDataType.BIGINT);

    // ---- settings: small named values per workspace (the active project)
    static final Table<Record> SETTINGS = table(name("settings"));
    static final Field<String> S_WORKSPACE = field(name("settings", "workspace_id"), SQLDataType.VARCHAR);
    static final Field<String> S_NAME = field(name("settings", "name"), SQLDataType.VARCHAR);
    static final Field<String> S_VALUE = field(name("settings", "value"), SQLDataType.VARCHAR);
    static final Field<Long> S_CREATED_AT = field(name("settings", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> S_UPDATED_AT = field(name("settings", "updated_at"), SQLDataType.BIGINT);

    // ---- experiments (V2): runs recorded in Marcus's own store
    static final Table<Record> EXPERIMENTS = table(name("experiments"));
    static final Field<String> X_WORKSPACE = field(name("experiments", "workspace_id"), SQLDataType.VARCHAR);
    static final Field<String> X_ID = field(name("experiments", "id"), SQLDataType.VARCHAR);
    static final Field<Long> X_SEQ = field(name("experiments", "seq"), SQLDataType.BIGINT);
    static final Field<String> X_NAME = field(name("experiments", "name"), SQLDataType.VARCHAR);
    static final Field<String> X_RUN_NAME = field(name("experiments", "run_name"), SQLDataType.VARCHAR);
    static final Field<String> X_PROJECT = field(name("experiments", "project_id"), SQLDataType.VARCHAR);
    static final Field<String> X_PARAMS = field(name("experiments", "params"), SQLDataType.VARCHAR);
    static final Field<String> X_TAGS = field(name("experiments", "tags"), SQLDataType.VARCHAR);
    static final Field<Integer> X_INTERVAL = field(name("experiments", "tracking_interval"), SQLDataType.INTEGER);
    static final Field<String> X_SUMMARY = field(name("experiments", "summary"), SQLDataType.VARCHAR);
    static final Field<Long> X_STARTED_AT = field(name("experiments", "started_at"), SQLDataType.BIGINT);
    static final Field<Long> X_ENDED_AT = field(name("experiments", "ended_at"), SQLDataType.BIGINT);
    static final Field<Long> X_CREATED_AT = field(name("experiments", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> X_UPDATED_AT = field(name("experiments", "updated_at"), SQLDataType.BIGINT);

    static final String ACTIVE_PROJECT = "active_project";
}
