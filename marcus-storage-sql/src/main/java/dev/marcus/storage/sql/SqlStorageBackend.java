package dev.marcus.storage.sql;

import static dev.marcus.storage.sql.Db.*;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.MarcusException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.Artifact;
import dev.marcus.core.model.ArtifactType;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.BlockerSeverity;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.Experiment;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.NewEvent;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.RecoveryInfo;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskEdit;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.Completion;
import dev.marcus.core.port.GraphCheck;
import dev.marcus.core.port.ProgressReport;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.TaskContextRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link StorageBackend} port on a relational database through jOOQ, written once for every dialect.
 *
 * <p>Readiness is materialised: {@code tasks.pending_deps} counts unfinished dependencies and
 * {@code tasks.subtask_count} / {@code open_subtasks} count subtasks; every write that changes them updates them in
 * the same transaction, and claims read ready rows through the partial index {@code tasks_ready}. A unique partial
 * index on {@code tasks(assignee)} makes a second task for one agent impossible.
 *
 * <p>Subclasses supply connections (a jOOQ {@link ConnectionProvider}) and override the dialect hooks: how a write
 * transaction starts ({@link #beginWrite}), which failures are worth retrying ({@link #isRetryable}), how
 * claim candidates are locked ({@link #lockCandidates}), how sequences and settings are written.
 */
public abstract class SqlStorageBackend implements StorageBackend {
    static {
        // jOOQ prints a banner and tips on first use unless told not to; a library must stay quiet
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    private static final int MAX_ATTEMPTS = 8;
    private static final int IN_CHUNK = 500;
    // constants inlined (not bound) so that SQLite's planner can match the partial index tasks_ready
    private static final Condition READY = T_STATUS.eq(inline(TaskStatus.TODO.wire()))
            .and(T_ASSIGNEE.isNull())
            .and(T_PENDING_DEPS.eq(inline(0)))
            .and(T_SUBTASKS.eq(inline(0)));
    /**
     * READY for rows looked up by id. Equivalent to {@link #READY} (the counters are never negative), but written so
     * that it does not imply the predicate of the partial index {@code tasks_ready}: a planner that believes that index
     * small (statistics older than a new project) would otherwise walk all of it instead of the primary key.
     */
    protected static final Condition READY_BY_ID = T_STATUS.eq(inline(TaskStatus.TODO.wire()))
            .and(T_ASSIGNEE.isNull())
            .and(T_PENDING_DEPS.le(inline(0)))
            .and(T_SUBTASKS.le(inline(0)));
    private static final List<Field<?>> TASK_COLUMNS = List.of(T_ID, T_PROJECT, T_SEQ, T_NAME, T_DESCRIPTION, T_STATUS,
            T_PRIORITY, T_LABELS, T_ESTIMATED_HOURS, T_CRITERIA, T_PARENT, T_PENDING_DEPS, T_SUBTASKS, T_OPEN_SUBTASKS,
            T_ASSIGNEE, T_EPOCH, T_LEASE_EXPIRES_AT, T_ASSIGNED_AT, T_PROGRESS, T_LAST_MESSAGE, T_LAST_REPORT_AT,
            T_RECOVERY, T_TOKENS, T_COST, T_COMPLETED_AT, T_CREATED_AT, T_UPDATED_AT);
    private static final List<Field<?>> PROJECT_COLUMNS = List.of(P_ID, P_NAME, P_DESCRIPTION, P_ROOT, P_CREATED_AT,
            P_UPDATED_AT, P_COMPLETED_AT, P_ARCHIVED_AT);
    private static final List<Field<?>> EXPERIMENT_COLUMNS = List.of(X_ID, X_NAME, X_RUN_NAME, X_PROJECT, X_PARAMS,
            X_TAGS, X_INTERVAL, X_SUMMARY, X_STARTED_AT, X_ENDED_AT);

    private final ConnectionProvider connections;
    private final SQLDialect dialect;
    private final Settings settings;
    private final JsonColumns json;
    private final String workspace;
    private final SqlAccountStore accounts = new SqlAccountStore(this);
    private final String schemaVersion;
    private final SqlJobQueue jobs = new SqlJobQueue(this);
    private final SqlOperations operations = new SqlOperations(this);
    private final SqlIntegrationStore integrations = new SqlIntegrationStore(this);

    /**
     * @param connections where connections come from; {@link #close()} does not close it, subclasses do
     * @param dialect the jOOQ dialect of the database
     * @param store how error messages name this store, e.g. {@code sqlite:/home/me/.marcus/marcus.db}
     */
    protected SqlStorageBackend(ConnectionProvider connections, SQLDialect dialect, String store) {
        this(connections, dialect, store, null);
    }

    /**
     * @param schemaVersion the schema version the dialect brought the store to (see {@link SchemaMigrations}), or null
     */
    protected SqlStorageBackend(ConnectionProvider connections, SQLDialect dialect, String store, String schemaVersion) {
        this.schemaVersion = schemaVersion;
        this.connections = connections;
        this.dialect = dialect;
        this.settings = new Settings()
                .withExecuteLogging(false)
                .withRenderSchema(false);
        this.json = new JsonColumns(JsonMapper.builder().build(), store);
        this.workspace = DEFAULT_WORKSPACE;
    }

    @Override
    public String schemaVersion() {
        return schemaVersion;
    }

    // ==== dialect hooks =========================================================================================

    /** Starts a write transaction on {@code c}. The default turns auto-commit off; SQLite issues BEGIN IMMEDIATE. */
    protected void beginWrite(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    /** Starts a read-only transaction (one consistent snapshot for the few queries of a read). */
    protected void beginRead(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    protected void commit(Connection c) throws SQLException {
        c.commit();
        c.setAutoCommit(true);
    }

    protected void rollback(Connection c) throws SQLException {
        c.rollback();
        c.setAutoCommit(true);
    }

    /** True when the whole transaction may simply be run again (lock timeouts, serialization failures). */
    protected boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** True when the failure is a broken constraint (unique, check, foreign key). */
    protected boolean isConstraintViolation(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }

    /**
     * Locks the rows a claim or a sweep is about to take. The default takes nothing extra (SQLite serialises
     * writers); PostgreSQL returns {@code select.forUpdate().skipLocked()}.
     */
    protected <R extends Record> ResultQuery<R> lockCandidates(SelectForUpdateStep<R> select) {
        return select;
    }

    /**
     * Decides, inside a completion's transaction and before anything else looks, whether the project may now be
     * complete; {@code false} means surely not. The default says "maybe" and the caller then counts unfinished tasks
     * (SQLite serialises writers, so that count is exact). Databases that run writers side by side must make sure
     * that of two concurrent last completions at least one sees the other (else both would leave the project open):
     * see PostgreSQL's override.
     */
    protected boolean projectMayBeComplete(DSLContext ctx, ProjectId project) {
        return true;
    }

    /**
     * Completes the task of {@code report} inside the caller's write transaction with fewer round trips, when the
     * database can: the port's {@link #completeTask} contract for the common case. Empty means nothing was written and
     * the shared step-by-step completion runs in the same transaction (refusals with their reasons, subtasks). The
     * default is always empty. An override must end with {@link #completeProjectIfDone}.
     */
    protected Optional<Completion> completeAtOnce(DSLContext ctx, ProgressReport report, Instant now) {
        return Optional.empty();
    }

    /** The data of the {@code task_completed} event of {@code report}, as every write stores event data. */
    protected final String completionEventData(ProgressReport report) {
        return json.map(spend(report, Map.of("message", nullToEmpty(report.message()))));
    }

    /**
     * Claims the first still-ready task of {@code wanted} (in that order) for {@code agent} inside the caller's write
     * transaction: the port's {@link #claimFirstReady} contract, including the agent checks and the event. The default
     * checks, locks and updates candidates one statement at a time; a database may override it with fewer round
     * trips, using {@link #taskColumns()} and {@link #readTask} to return the row.
     */
    protected Optional<Task> claim(DSLContext ctx, AgentId agent, List<String> wanted, Instant leaseExpiresAt, Instant now) {
        return claimStepByStep(ctx, agent, wanted, leaseExpiresAt, now);
    }

    /**
     * Locks rows a write is about to judge and change, waiting for other writers that hold them (a dependency edit
     * reads two tasks' states that a completion or a claim may be changing). The default takes nothing extra (SQLite
     * serialises writers); PostgreSQL returns {@code select.forUpdate()}.
     */
    protected <R extends Record> ResultQuery<R> lockRows(SelectForUpdateStep<R> select) {
        return select;
    }

    /** The next value of a {@code seq} column: creation order. Writers are serialised, so max + 1 is safe here. */
    protected long nextSequence(DSLContext ctx, Table<?> table, Field<Long> seq) {
        Long current = ctx.select(max(seq))
                .from(table)
                .fetchOne(0, Long.class);
        return current == null ? 1 : current + 1;
    }

    /**
     * Called first in the lease sweep's transaction: true when this transaction may sweep. The default always may
     * (SQLite serialises writers); PostgreSQL takes a transaction-scoped advisory lock so that one process sweeps at
     * a time and the others skip their turn.
     */
    protected boolean tryLockSweep(DSLContext ctx) {
        return true;
    }

    /** The workspace (tenant) every row of this backend belongs to. */
    protected final String workspace() {
        return workspace;
    }

    /** Writes a named setting of the workspace (an upsert: update, else insert). */
    protected void putSetting(DSLContext ctx, String key, String value, Instant now) {
        int updated = ctx.update(SETTINGS)
                .set(S_VALUE, value)
                .set(S_UPDATED_AT, ms(now))
                .where(S_WORKSPACE.eq(workspace))
                .and(S_NAME.eq(key))
                .execute();
        if (updated == 0) {
            ctx.insertInto(SETTINGS)
                    .set(S_WORKSPACE, workspace)
                    .set(S_NAME, key)
                    .set(S_VALUE, value)
                    .set(S_CREATED_AT, ms(now))
                    .set(S_UPDATED_AT, ms(now))
                    .execute();
        }
    }

    // ==== transactions ==========================================================================================

    /** Runs {@code work} in one write transaction, retrying it when the database says it may. */
    protected final <T> T write(String what, Function<DSLContext, T> work) {
        return run(true, what, work);
    }

    /** Runs {@code work} in one read transaction. */
    protected final <T> T read(String what, Function<DSLContext, T> work) {
        return run(false, what, work);
    }

    /**
     * Runs {@code work}, which must issue exactly one statement, without opening a transaction: the statement is
     * its own snapshot, and on PostgreSQL it saves the round trips of {@code BEGIN} and {@code COMMIT}.
     */
    protected final <T> T readOne(String what, Function<DSLContext, T> work) {
        return run(null, what, work);
    }

    /** @param write true: write transaction; false: read transaction; null: no transaction (auto-commit) */
    private <T> T run(Boolean write, String what, Function<DSLContext, T> work) {
        for (int attempt = 1; ; attempt++) {
            Connection c;
            try {
                c = connections.acquire();
            } catch (DataAccessException e) {
                throw unavailable(what, e);
            }
            boolean begun = false;
            try {
                if (write == null) {
                    return work.apply(DSL.using(c, dialect, settings));
                }
                if (write) {
                    beginWrite(c);
                } else {
                    beginRead(c);
                }
                begun = true;
                T result = work.apply(DSL.using(c, dialect, settings));
                commit(c);
                return result;
            } catch (MarcusException e) {
                rollbackQuietly(c, begun);
                throw e;
            } catch (SQLException | DataAccessException e) {
                rollbackQuietly(c, begun);
                SQLException sql = sqlCause(e);
                if (sql != null && isRetryable(sql) && attempt < MAX_ATTEMPTS) {
                    backOff(attempt);
                    continue;
                }
                if (sql != null && isConstraintViolation(sql)) {
                    throw new ConflictException("constraint_violation", describe() + ": " + what
                            + " broke a constraint: " + sql.getMessage());
                }
                throw unavailable(what, e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c, begun);
                throw e;
            } finally {
                connections.release(c);
            }
        }
    }

    private void rollbackQuietly(Connection c, boolean begun) {
        if (!begun) {
            return;
        }
        try {
            rollback(c);
        } catch (SQLException | RuntimeException e) {
            // the connection may still be inside a transaction: close it so that the provider drops it
            try {
                c.close();
            } catch (SQLException ignored) {
                // the original failure is what the caller needs
            }
        }
    }

    private static void backOff(int attempt) {
        long millis = Math.min(200, 5L << attempt) + ThreadLocalRandom.current().nextLong(10);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private BackendUnavailableException unavailable(String what, Exception e) {
        SQLException sql = sqlCause(e);
        String cause = sql != null ? sql.getMessage() : e.getMessage();
        return new BackendUnavailableException(describe() + ": " + what + " failed: " + cause, e);
    }

    /** The first {@link SQLException} in the cause chain of {@code e}, or {@code null}. */
    protected static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /**
     * The accounts (users, sessions, API tokens, audit trail) kept in this same database, through the same
     * transactions and error translation.
     */
    public dev.marcus.core.port.AccountStore accounts() {
        return accounts;
    }

    /** The background-job queue kept in this same database (migration V17), shared by every process on it. */
    public dev.marcus.core.port.JobQueue jobs() {
        return jobs;
    }

    /** Scrape figures, roll-ups and event housekeeping, as aggregate queries on this same database. */
    public dev.marcus.core.port.OperationsStore operations() {
        return operations;
    }

    /** Webhooks, the GitHub hook's secret and task links (migration V18) in this same database. */
    public dev.marcus.core.port.IntegrationStore integrations() {
        return integrations;
    }

    // ==== projects ==============================================================================================

    @Override
    public Project createProject(NewProject project, List<NewTask> tasks, Instant now) {
        return write("create project " + project.id(), ctx -> {
            if (projectRow(ctx, project.id()) != null) {
                throw new ConflictException("project_exists", "project '" + project.id() + "' already exists");
            }
            // the unique index projects_live_name guards the race; this check gives the clear reason
            if (ctx.fetchExists(ctx.selectOne()
                    .from(PROJECTS)
                    .where(P_WORKSPACE.eq(workspace))
                    .and(DSL.lower(P_NAME).eq(project.name().toLowerCase(java.util.Locale.ROOT)))
                    .and(P_ARCHIVED_AT.isNull()))) {
                throw new ConflictException("project_name_taken", "project_name: a project named '" + project.name()
                        + "' already exists");
            }
            ctx.insertInto(PROJECTS)
                    .set(P_WORKSPACE, workspace)
                    .set(P_ID, project.id().value())
                    .set(P_SEQ, nextSequence(ctx, PROJECTS, P_SEQ))
                    .set(P_NAME, project.name())
                    .set(P_DESCRIPTION, nullToEmpty(project.description()))
                    .set(P_ROOT, project.projectRoot())
                    .set(P_CREATED_AT, ms(now))
                    .set(P_UPDATED_AT, ms(now))
                    .execute();
            event(ctx, EventType.PROJECT_CREATED, project.id(), null, null, Map.of("name", project.name()), now);
            insertTasks(ctx, project.id(), tasks, now);
            return toProject(projectRow(ctx, project.id()));
        });
    }

    @Override
    public Optional<Project> findProject(ProjectId id) {
        return readOne("find project " + id, ctx -> Optional.ofNullable(projectRow(ctx, id)).map(SqlStorageBackend::toProject));
    }

    @Override
    public List<Project> listProjects() {
        return read("list projects", ctx -> ctx.select(PROJECT_COLUMNS)
                .from(PROJECTS)
                .orderBy(P_CREATED_AT, P_SEQ)
                .fetch(SqlStorageBackend::toProject));
    }

    @Override
    public void setActiveProject(ProjectId id, Instant now) {
        write("select project " + id, ctx -> {
            requireProject(ctx, id);
            putSetting(ctx, ACTIVE_PROJECT, id.value(), now);
            event(ctx, EventType.PROJECT_SELECTED, id, null, null, Map.of(), now);
            return null;
        });
    }

    @Override
    public Optional<ProjectId> activeProject() {
        return read("read active project", ctx -> Optional.ofNullable(ctx.select(S_VALUE)
                        .from(SETTINGS)
                        .where(S_WORKSPACE.eq(workspace))
                        .and(S_NAME.eq(ACTIVE_PROJECT))
                        .fetchOne(S_VALUE))
                .map(ProjectId::new));
    }

    @Override
    public Project updateProject(ProjectId id, String name, String description, String projectRoot, Instant now) {
        return write("update project " + id, ctx -> {
            requireProject(ctx, id);
            Map<String, String> data = new LinkedHashMap<>();
            var update = ctx.update(PROJECTS)
                    .set(P_UPDATED_AT, ms(now));
            if (name != null) {
                update = update.set(P_NAME, name);
                data.put("name", name);
            }
            if (description != null) {
                update = update.set(P_DESCRIPTION, description);
                data.put("description", "changed");
            }
            if (projectRoot != null) {
                update = update.set(P_ROOT, projectRoot);
                data.put("project_root", projectRoot);
            }
            update.where(P_ID.eq(id.value()))
                    .execute();
            event(ctx, EventType.PROJECT_UPDATED, id, null, null, data, now);
            return toProject(projectRow(ctx, id));
        });
    }

    @Override
    public Project archiveProject(ProjectId id, Instant now) {
        return write("archive project " + id, ctx -> {
            requireProject(ctx, id);
            Project p = toProject(projectRow(ctx, id));
            if (p.isArchived()) {
                return p;
            }
            ctx.update(PROJECTS)
                    .set(P_ARCHIVED_AT, ms(now))
                    .set(P_UPDATED_AT, ms(now))
                    .where(P_ID.eq(id.value()))
                    .execute();
            // forget it as the active project, so commands without a project_id do not act on it
            ctx.deleteFrom(SETTINGS)
                    .where(S_WORKSPACE.eq(workspace))
                    .and(S_NAME.eq(ACTIVE_PROJECT))
                    .and(S_VALUE.eq(id.value()))
                    .execute();
            event(ctx, EventType.PROJECT_ARCHIVED, id, null, null, Map.of("name", p.name()), now);
            return toProject(projectRow(ctx, id));
        });
    }

    // ==== experiments ===========================================================================================

    @Override
    public Experiment startExperiment(Experiment run, Instant now) {
        if (run.endedAt() != null) {
            throw new ValidationException("experiment", "a new run must not have ended");
        }
        return write("start experiment " + run.id(), ctx -> {
            Record running = ctx.select(EXPERIMENT_COLUMNS)
                    .from(EXPERIMENTS)
                    .where(X_WORKSPACE.eq(workspace))
                    .and(X_ENDED_AT.isNull())
                    .fetchOne();
            if (running != null) {
                throw new ConflictException("experiment_running", "experiment '" + running.get(X_NAME) + "' ("
                        + running.get(X_ID) + ") is still running; end it with end_experiment first");
            }
            if (ctx.fetchCount(EXPERIMENTS, X_ID.eq(run.id())) > 0) {
                throw new ConflictException("experiment_exists", "experiment '" + run.id() + "' already exists");
            }
            if (run.projectId() != null) {
                requireProject(ctx, run.projectId());
            }
            ctx.insertInto(EXPERIMENTS)
                    .set(X_WORKSPACE, workspace)
                    .set(X_ID, run.id())
                    .set(X_SEQ, nextSequence(ctx, EXPERIMENTS, X_SEQ))
                    .set(X_NAME, run.name())
                    .set(X_RUN_NAME, run.runName())
                    .set(X_PROJECT, run.projectId() == null ? null : run.projectId().value())
                    .set(X_PARAMS, json.map(run.params()))
                    .set(X_TAGS, json.map(run.tags()))
                    .set(X_INTERVAL, run.trackingIntervalSeconds())
                    .set(X_SUMMARY, json.map(run.summary()))
                    .set(X_STARTED_AT, ms(run.startedAt()))
                    .set(X_CREATED_AT, ms(now))
                    .set(X_UPDATED_AT, ms(now))
                    .execute();
            event(ctx, EventType.EXPERIMENT_STARTED, run.projectId(), null, null,
                    Map.of("experiment_id", run.id(), "name", run.name()), now);
            return experimentRow(ctx, run.id()).orElseThrow();
        });
    }

    @Override
    public Experiment endExperiment(String id, Map<String, String> summary, Instant now) {
        return write("end experiment " + id, ctx -> {
            Experiment e = experimentRow(ctx, id).orElseThrow(() -> new NotFoundException("experiment_id",
                    "experiment '" + id + "' does not exist"));
            if (!e.isRunning()) {
                throw new ConflictException("experiment_ended", "experiment '" + id + "' has already ended");
            }
            ctx.update(EXPERIMENTS)
                    .set(X_SUMMARY, json.map(summary))
                    .set(X_ENDED_AT, ms(now))
                    .set(X_UPDATED_AT, ms(now))
                    .where(X_ID.eq(id))
                    .execute();
            event(ctx, EventType.EXPERIMENT_ENDED, e.projectId(), null, null,
                    Map.of("experiment_id", id, "name", e.name()), now);
            return experimentRow(ctx, id).orElseThrow();
        });
    }

    @Override
    public Optional<Experiment> findExperiment(String id) {
        return read("find experiment " + id, ctx -> experimentRow(ctx, id));
    }

    @Override
    public List<Experiment> listExperiments() {
        return read("list experiments", ctx -> ctx.select(EXPERIMENT_COLUMNS)
                .from(EXPERIMENTS)
                .where(X_WORKSPACE.eq(workspace))
                .orderBy(X_SEQ)
                .fetch(this::toExperiment));
    }

    private Optional<Experiment> experimentRow(DSLContext ctx, String id) {
        return Optional.ofNullable(ctx.select(EXPERIMENT_COLUMNS)
                        .from(EXPERIMENTS)
                        .where(X_ID.eq(id))
                        .fetchOne())
                .map(this::toExperiment);
    }

    private Experiment toExperiment(Record r) {
        return new Experiment(r.get(X_ID), r.get(X_NAME), r.get(X_RUN_NAME),
                r.get(X_PROJECT) == null ? null : new ProjectId(r.get(X_PROJECT)),
                json.map("experiments.params", r.get(X_PARAMS)), json.map("experiments.tags", r.get(X_TAGS)),
                r.get(X_INTERVAL), json.map("experiments.summary", r.get(X_SUMMARY)),
                inst(r.get(X_STARTED_AT)), inst(r.get(X_ENDED_AT)));
    }

    // ==== tasks =================================================================================================

    @Override
    public List<Task> addTasks(ProjectId projectId, List<NewTask> tasks, GraphCheck check, Instant now) {
        return write("add tasks to project " + projectId, ctx -> {
            requireProject(ctx, projectId);
            check.check(tasksWhere(ctx, T_PROJECT.eq(projectId.value())), tasks);
            insertTasks(ctx, projectId, tasks, now);
            ctx.update(PROJECTS)
                    .set(P_COMPLETED_AT, (Long) null)
                    .set(P_UPDATED_AT, ms(now))
                    .where(P_ID.eq(projectId.value()))
                    .and(P_COMPLETED_AT.isNotNull())
                    .execute();
            List<String> ids = tasks.stream().map(t -> t.id().value()).toList();
            List<Task> added = new ArrayList<>(ids.size());
            for (List<String> chunk : chunks(ids)) {
                added.addAll(tasksWhere(ctx, T_ID.in(chunk)));
            }
            added.sort(java.util.Comparator.comparingLong(Task::sequence));
            return added;
        });
    }

    /** Inserts tasks, their dependency edges and subtask links, keeping readiness counters right. */
    private void insertTasks(DSLContext ctx, ProjectId projectId, List<NewTask> tasks, Instant now) {
        if (tasks.isEmpty()) {
            return;
        }
        Map<String, NewTask> batch = new LinkedHashMap<>();
        for (NewTask t : tasks) {
            if (batch.put(t.id().value(), t) != null) {
                throw new ValidationException("task_id", "'" + t.id() + "' is used twice");
            }
        }
        // every existing task the batch refers to, with what we need to judge it
        Set<String> referenced = new LinkedHashSet<>();
        for (NewTask t : tasks) {
            t.dependencies().forEach(d -> referenced.add(d.value()));
            t.blocks().forEach(b -> referenced.add(b.value()));
            if (t.parentId() != null) {
                referenced.add(t.parentId().value());
            }
        }
        referenced.removeAll(batch.keySet());
        Map<String, Record> existing = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(referenced))) {
            for (Record r : ctx.select(T_ID, T_PROJECT, T_STATUS, T_ASSIGNEE)
                    .from(TASKS)
                    .where(T_ID.in(chunk))
                    .fetch()) {
                if (projectId.value().equals(r.get(T_PROJECT))) {
                    existing.put(r.get(T_ID), r);
                }
            }
        }
        // chunked: one IN list of a whole large batch exceeds SQLite's statement size limit
        List<String> clashing = new ArrayList<>();
        for (List<String> chunk : chunks(new ArrayList<>(batch.keySet()))) {
            clashing.addAll(ctx.select(T_ID)
                    .from(TASKS)
                    .where(T_ID.in(chunk))
                    .fetch(T_ID));
        }
        if (!clashing.isEmpty()) {
            throw new ValidationException("task_id", "'" + clashing.get(0) + "' already exists");
        }
        for (NewTask t : tasks) {
            for (TaskId d : t.dependencies()) {
                if (!batch.containsKey(d.value()) && !existing.containsKey(d.value())) {
                    throw new ValidationException("dependencies", "task '" + d + "' does not exist in project " + projectId);
                }
            }
            for (TaskId b : t.blocks()) {
                Record target = existing.get(b.value());
                if (target == null) {
                    throw new ValidationException("blocks", "task '" + b + "' does not exist in project " + projectId);
                }
                if (!unstarted(target)) {
                    throw new ConflictException("task_started", "task '" + b + "' is already " + target.get(T_STATUS)
                            + (target.get(T_ASSIGNEE) == null ? "" : " by " + target.get(T_ASSIGNEE))
                            + "; a new task cannot block it");
                }
            }
            if (t.parentId() != null && !batch.containsKey(t.parentId().value())) {
                Record parent = existing.get(t.parentId().value());
                if (parent == null) {
                    throw new ValidationException("parent_task_id", "task '" + t.parentId() + "' does not exist in project " + projectId);
                }
                if (!unstarted(parent)) {
                    throw new ConflictException("task_started", "task '" + t.parentId() + "' is already "
                            + parent.get(T_STATUS) + "; subtasks can only be added to a task nobody has started");
                }
            }
        }
        long seq = nextSequence(ctx, TASKS, T_SEQ);
        Map<TaskId, Integer> subtasksOf = new HashMap<>();
        for (NewTask other : tasks) {
            if (other.parentId() != null) {
                subtasksOf.merge(other.parentId(), 1, Integer::sum);
            }
        }
        for (NewTask t : tasks) {
            Set<TaskId> deps = new LinkedHashSet<>(t.dependencies());
            int pending = 0;
            for (TaskId d : deps) {
                Record r = existing.get(d.value());
                if (r == null || !TaskStatus.DONE.wire().equals(r.get(T_STATUS))) {
                    pending++;
                }
            }
            int subtasks = subtasksOf.getOrDefault(t.id(), 0);
            ctx.insertInto(TASKS)
                    .set(T_WORKSPACE, workspace)
                    .set(T_ID, t.id().value())
                    .set(T_PROJECT, projectId.value())
                    .set(T_SEQ, seq++)
                    .set(T_NAME, t.name())
                    .set(T_DESCRIPTION, nullToEmpty(t.description()))
                    .set(T_STATUS, TaskStatus.TODO.wire())
                    .set(T_PRIORITY, (t.priority() == null ? Priority.MEDIUM : t.priority()).wire())
                    .set(T_LABELS, json.list(t.labels()))
                    .set(T_ESTIMATED_HOURS, t.estimatedHours())
                    .set(T_CRITERIA, json.list(t.acceptanceCriteria()))
                    .set(T_PARENT, t.parentId() == null ? null : t.parentId().value())
                    .set(T_PENDING_DEPS, pending)
                    .set(T_SUBTASKS, subtasks)
                    .set(T_OPEN_SUBTASKS, subtasks)
                    .set(T_CREATED_AT, ms(now))
                    .set(T_UPDATED_AT, ms(now))
                    .execute();
        }
        for (NewTask t : tasks) {
            for (TaskId d : new LinkedHashSet<>(t.dependencies())) {
                insertEdge(ctx, t.id().value(), d.value(), now);
            }
            for (TaskId b : new LinkedHashSet<>(t.blocks())) {
                insertEdge(ctx, b.value(), t.id().value(), now);
                // the new task is unfinished, so the blocked task waits for one more
                ctx.update(TASKS)
                        .set(T_PENDING_DEPS, T_PENDING_DEPS.plus(1))
                        .set(T_UPDATED_AT, ms(now))
                        .where(T_ID.eq(b.value()))
                        .execute();
            }
            if (t.parentId() != null && !batch.containsKey(t.parentId().value())) {
                ctx.update(TASKS)
                        .set(T_SUBTASKS, T_SUBTASKS.plus(1))
                        .set(T_OPEN_SUBTASKS, T_OPEN_SUBTASKS.plus(1))
                        .set(T_UPDATED_AT, ms(now))
                        .where(T_ID.eq(t.parentId().value()))
                        .execute();
            }
            Map<String, String> data = new LinkedHashMap<>();
            data.put("name", t.name());
            if (t.parentId() != null) {
                data.put("parent_id", t.parentId().value());
            }
            event(ctx, EventType.TASK_CREATED, projectId, t.id(), null, data, now);
        }
    }

    private static boolean unstarted(Record r) {
        return TaskStatus.TODO.wire().equals(r.get(T_STATUS)) && r.get(T_ASSIGNEE) == null;
    }

    private void insertEdge(DSLContext ctx, String task, String dependsOn, Instant now) {
        int exists = ctx.fetchCount(DEPS, D_TASK.eq(task).and(D_DEPENDS_ON.eq(dependsOn)));
        if (exists > 0) {
            return;
        }
        ctx.insertInto(DEPS)
                .set(D_WORKSPACE, workspace)
                .set(D_TASK, task)
                .set(D_DEPENDS_ON, dependsOn)
                .set(D_CREATED_AT, ms(now))
                .set(D_UPDATED_AT, ms(now))
                .execute();
    }

    @Override
    public Task updateTask(TaskId id, TaskEdit edit, Instant now) {
        return write("update task " + id, ctx -> {
            Task before = requireTask(ctx, id);
            Map<String, String> changes = edit.changes(before);
            if (changes.isEmpty()) {
                return before;
            }
            var update = ctx.update(TASKS)
                    .set(T_UPDATED_AT, ms(now));
            if (edit.name() != null) {
                update = update.set(T_NAME, edit.name());
            }
            if (edit.description() != null) {
                update = update.set(T_DESCRIPTION, edit.description());
            }
            if (edit.priority() != null) {
                update = update.set(T_PRIORITY, edit.priority().wire());
            }
            if (edit.labels() != null) {
                update = update.set(T_LABELS, json.list(edit.labels()));
            }
            if (edit.estimatedHours() != null) {
                update = update.set(T_ESTIMATED_HOURS, edit.estimatedHours());
            }
            if (edit.acceptanceCriteria() != null) {
                update = update.set(T_CRITERIA, json.list(edit.acceptanceCriteria()));
            }
            update.where(T_ID.eq(id.value()))
                    .execute();
            event(ctx, EventType.TASK_UPDATED, before.projectId(), id, null, changes, now);
            return taskRow(ctx, id).orElseThrow();
        });
    }

    @Override
    public Task addDependency(TaskId taskId, TaskId dependsOn, GraphCheck check, Instant now) {
        return write("add dependency " + taskId + " -> " + dependsOn, ctx -> {
            lockEdgeEnds(ctx, taskId, dependsOn);
            Task task = requireTask(ctx, taskId);
            Task dep = taskRow(ctx, dependsOn).orElseThrow(() -> new NotFoundException("depends_on",
                    "task '" + dependsOn + "' does not exist"));
            refuseForeignOrSelf(task, dep);
            if (task.isDone()) {
                throw new ConflictException("task_already_complete", "task '" + taskId + "' is already done; "
                        + "a finished task cannot wait for anything");
            }
            if (task.status() == TaskStatus.IN_PROGRESS) {
                throw new ConflictException("task_started", "task '" + taskId + "' is in progress"
                        + (task.assignee() == null ? "" : " by " + task.assignee())
                        + "; unassign it first to make it wait for another task");
            }
            if (task.dependencies().contains(dependsOn)) {
                return task;
            }
            List<Task> after = new ArrayList<>();
            for (Task t : tasksWhere(ctx, T_PROJECT.eq(task.projectId().value()))) {
                if (t.id().equals(taskId)) {
                    List<TaskId> deps = new ArrayList<>(t.dependencies());
                    deps.add(dependsOn);
                    after.add(t.withDependencies(deps));
                } else {
                    after.add(t);
                }
            }
            check.check(after, List.of());
            insertEdge(ctx, taskId.value(), dependsOn.value(), now);
            var update = ctx.update(TASKS)
                    .set(T_UPDATED_AT, ms(now));
            if (!dep.isDone()) {
                update = update.set(T_PENDING_DEPS, T_PENDING_DEPS.plus(1));
            }
            update.where(T_ID.eq(taskId.value()))
                    .execute();
            event(ctx, EventType.DEPENDENCY_ADDED, task.projectId(), taskId, null, Map.of(
                    "depends_on", dependsOn.value(),
                    "depends_on_status", dep.status().wire()), now);
            return taskRow(ctx, taskId).orElseThrow();
        });
    }

    @Override
    public Task removeDependency(TaskId taskId, TaskId dependsOn, Instant now) {
        return write("remove dependency " + taskId + " -> " + dependsOn, ctx -> {
            lockEdgeEnds(ctx, taskId, dependsOn);
            Task task = requireTask(ctx, taskId);
            if (!task.dependencies().contains(dependsOn)) {
                throw new NotFoundException("depends_on", "task '" + taskId + "' does not depend on '" + dependsOn + "'");
            }
            if (task.isDone()) {
                throw new ConflictException("task_already_complete", "task '" + taskId + "' is already done; "
                        + "its dependencies are history");
            }
            Task dep = requireTask(ctx, dependsOn);
            ctx.deleteFrom(DEPS)
                    .where(D_TASK.eq(taskId.value()))
                    .and(D_DEPENDS_ON.eq(dependsOn.value()))
                    .execute();
            var update = ctx.update(TASKS)
                    .set(T_UPDATED_AT, ms(now));
            if (!dep.isDone()) {
                update = update.set(T_PENDING_DEPS, T_PENDING_DEPS.minus(1));
            }
            update.where(T_ID.eq(taskId.value()))
                    .execute();
            event(ctx, EventType.DEPENDENCY_REMOVED, task.projectId(), taskId, null, Map.of(
                    "depends_on", dependsOn.value(),
                    "depends_on_status", dep.status().wire()), now);
            return taskRow(ctx, taskId).orElseThrow();
        });
    }

    /**
     * Locks the dependency's row, then the dependent's (the order a completion takes them in), before either is read:
     * a completion of the dependency that commits meanwhile would otherwise miss the new edge (or count a removed one)
     * and leave {@code pending_deps} wrong for good, and a claim of the dependent would slip past the new edge.
     */
    private void lockEdgeEnds(DSLContext ctx, TaskId task, TaskId dependsOn) {
        lockRows(ctx.select(T_ID)
                .from(TASKS)
                .where(T_ID.eq(dependsOn.value())))
                .fetch();
        lockRows(ctx.select(T_ID)
                .from(TASKS)
                .where(T_ID.eq(task.value())))
                .fetch();
    }

    private static void refuseForeignOrSelf(Task task, Task dep) {
        if (task.id().equals(dep.id())) {
            throw new ValidationException("depends_on", "task '" + task.name() + "' cannot depend on itself");
        }
        if (!task.projectId().equals(dep.projectId())) {
            throw new ValidationException("depends_on", "task '" + dep.id() + "' belongs to another project ("
                    + dep.projectId() + "); dependencies stay within one project");
        }
    }

    @Override
    public Optional<Task> findTask(TaskId id) {
        return read("find task " + id, ctx -> taskRow(ctx, id));
    }

    @Override
    public List<Task> listTasks(ProjectId projectId) {
        return read("list tasks of project " + projectId, ctx -> {
            return fetchTasks(ctx, ctx.select(TASK_COLUMNS)
                    .from(TASKS)
                    .where(T_PROJECT.eq(projectId.value()))
                    .orderBy(T_SEQ), projectId);
        });
    }

    @Override
    public List<Task> readyTasks(ProjectId projectId, int limit) {
        return read("list ready tasks of project " + projectId, ctx -> {
            // served by the partial index tasks_ready (project_id, seq)
            return fetchTasks(ctx, ctx.select(TASK_COLUMNS)
                    .from(TASKS)
                    .where(T_PROJECT.eq(projectId.value()))
                    .and(READY)
                    .orderBy(T_PROJECT, T_SEQ)
                    .limit(Math.max(0, limit)), null);
        });
    }

    @Override
    public TaskCounts countTasks(ProjectId projectId) {
        return readOne("count tasks of project " + projectId, ctx -> {
            Map<String, Integer> byStatus = new HashMap<>();
            for (Record r : ctx.select(T_STATUS, count())
                    .from(TASKS)
                    .where(T_PROJECT.eq(projectId.value()))
                    .groupBy(T_STATUS)
                    .fetch()) {
                byStatus.put(r.get(T_STATUS), r.get(1, Integer.class));
            }
            return new TaskCounts(byStatus.getOrDefault("todo", 0), byStatus.getOrDefault("in_progress", 0),
                    byStatus.getOrDefault("blocked", 0), byStatus.getOrDefault("done", 0));
        });
    }

    @Override
    public Optional<Task> heldBy(AgentId agent) {
        return read("find the task of agent " + agent, ctx -> tasksWhere(ctx, T_ASSIGNEE.eq(agent.value())).stream().findFirst());
    }

    // ==== coordination ==========================================================================================

    @Override
    public Optional<Task> claimFirstReady(AgentId agent, List<TaskId> candidates, Instant leaseExpiresAt, Instant now) {
        List<String> wanted = candidates.stream().map(TaskId::value).distinct().toList();
        return write("claim a task for agent " + agent, ctx -> {
            try {
                return claim(ctx, agent, wanted, leaseExpiresAt, now);
            } catch (DataAccessException e) {
                SQLException sql = sqlCause(e);
                if (sql != null && isConstraintViolation(sql)) {
                    // a concurrent claim by the same agent won (databases that do not serialise writers)
                    throw agentBusy(agent, "another task");
                }
                throw e;
            }
        });
    }

    private Optional<Task> claimStepByStep(DSLContext ctx, AgentId agent, List<String> wanted, Instant leaseExpiresAt,
                                           Instant now) {
        {
            requireAgent(ctx, agent);
            // judged here, in the claim's transaction, so that a pause racing a request can never be lost
            Long pausedAt = ctx.select(A_PAUSED_AT)
                    .from(AGENTS)
                    .where(A_ID.eq(agent.value()))
                    .fetchOne(A_PAUSED_AT);
            if (pausedAt != null) {
                throw agentPaused(agent, pausedAt);
            }
            String held = ctx.select(T_ID)
                    .from(TASKS)
                    .where(T_ASSIGNEE.eq(agent.value()))
                    .fetchOne(T_ID);
            if (held != null) {
                throw agentBusy(agent, held);
            }
            if (wanted.isEmpty()) {
                return Optional.empty();
            }
            Set<String> ready = new LinkedHashSet<>();
            for (List<String> chunk : chunks(wanted)) {
                ready.addAll(ctx.select(T_ID)
                        .from(TASKS)
                        .where(T_ID.in(chunk))
                        .and(READY_BY_ID)
                        .fetch(T_ID));
            }
            for (String id : wanted) {
                if (!ready.contains(id)) {
                    continue;
                }
                int claimed = ctx.update(TASKS)
                        .set(T_STATUS, TaskStatus.IN_PROGRESS.wire())
                        .set(T_ASSIGNEE, agent.value())
                        .set(T_EPOCH, T_EPOCH.plus(1))
                        .set(T_LEASE_EXPIRES_AT, ms(leaseExpiresAt))
                        .set(T_ASSIGNED_AT, ms(now))
                        .set(T_PROGRESS, 0)
                        .set(T_LAST_MESSAGE, "")
                        .set(T_LAST_REPORT_AT, (Long) null)
                        .set(T_UPDATED_AT, ms(now))
                        .where(T_ID.eq(id))
                        .and(READY_BY_ID)
                        .execute();
                if (claimed == 1) {
                    Task task = taskRow(ctx, new TaskId(id)).orElseThrow();
                    touch(ctx, agent, now);
                    event(ctx, EventType.TASK_ASSIGNED, task.projectId(), task.id(), agent, Map.of(
                            "lease_epoch", Long.toString(task.leaseEpoch()),
                            "lease_expires_at", leaseExpiresAt.toString()), now);
                    return Optional.of(task);
                }
            }
            return Optional.empty();
        }
    }

    /** The refusal of a claim for an agent a human paused. */
    protected static ConflictException agentPaused(AgentId agent, long pausedAt) {
        return new ConflictException("agent_paused", "agent '" + agent + "' was paused by a human at "
                + Instant.ofEpochMilli(pausedAt) + "; it gets no new task until it is resumed");
    }

    /** The refusal of a claim for an agent that holds a task already. */
    protected static ConflictException agentBusy(AgentId agent, String held) {
        return new ConflictException("agent_busy", "agent '" + agent + "' already holds task '" + held
                + "'; finish it or report a blocker before asking for another");
    }

    @Override
    public Task recordProgress(ProgressReport report, Instant leaseExpiresAt, Instant now) {
        return write("record progress on task " + report.task(), ctx -> {
            Task task = requireHolder(ctx, report);
            var update = ctx.update(TASKS)
                    .set(T_LEASE_EXPIRES_AT, ms(leaseExpiresAt))
                    .set(T_LAST_REPORT_AT, ms(now))
                    .set(T_TOKENS, T_TOKENS.plus(report.tokensUsed()))
                    .set(T_COST, T_COST.plus(report.costUsd()))
                    .set(T_UPDATED_AT, ms(now));
            if (report.progress() >= 0) {
                update = update.set(T_PROGRESS, Math.min(100, report.progress()));
            }
            if (report.message() != null && !report.message().isEmpty()) {
                update = update.set(T_LAST_MESSAGE, report.message());
            }
            update.where(T_ID.eq(task.id().value()))
                    .execute();
            event(ctx, EventType.TASK_PROGRESS, task.projectId(), task.id(), report.agent(), spend(report, Map.of(
                    "progress", Integer.toString(Math.max(0, report.progress())),
                    "message", nullToEmpty(report.message()))), now);
            touch(ctx, report.agent(), now);
            return taskRow(ctx, task.id()).orElseThrow();
        });
    }

    @Override
    public Completion completeTask(ProgressReport report, Instant now) {
        return write("complete task " + report.task(), ctx -> {
            Optional<Completion> atOnce = completeAtOnce(ctx, report, now);
            if (atOnce.isPresent()) {
                return atOnce.get();
            }
            Task task = requireHolder(ctx, report);
            var update = ctx.update(TASKS)
                    .set(T_STATUS, TaskStatus.DONE.wire())
                    .set(T_ASSIGNEE, (String) null)
                    .set(T_LEASE_EXPIRES_AT, (Long) null)
                    .set(T_PROGRESS, 100)
                    .set(T_LAST_REPORT_AT, ms(now))
                    .set(T_TOKENS, T_TOKENS.plus(report.tokensUsed()))
                    .set(T_COST, T_COST.plus(report.costUsd()))
                    .set(T_COMPLETED_AT, ms(now))
                    .set(T_UPDATED_AT, ms(now));
            if (report.message() != null && !report.message().isEmpty()) {
                update = update.set(T_LAST_MESSAGE, report.message());
            }
            update.where(T_ID.eq(task.id().value()))
                    .execute();
            ctx.update(AGENTS)
                    .set(A_COMPLETED, A_COMPLETED.plus(1))
                    .set(A_LAST_SEEN_AT, ms(now))
                    .set(A_UPDATED_AT, ms(now))
                    .where(A_ID.eq(report.agent().value()))
                    .execute();
            event(ctx, EventType.TASK_COMPLETED, task.projectId(), task.id(), report.agent(),
                    spend(report, Map.of("message", nullToEmpty(report.message()))), now);
            return afterCompletion(ctx, task, now);
        });
    }

    /** Propagates a finished task: dependents' counters, parents whose last subtask it was, the project. */
    private Completion afterCompletion(DSLContext ctx, Task finished, Instant now) {
        List<String> touched = new ArrayList<>();
        List<TaskId> completedParents = new ArrayList<>();
        List<String> queue = new ArrayList<>();
        queue.add(finished.id().value());
        while (!queue.isEmpty()) {
            String done = queue.remove(0);
            List<String> dependents = ctx.select(D_TASK)
                    .from(DEPS)
                    .where(D_DEPENDS_ON.eq(done))
                    .fetch(D_TASK);
            for (List<String> chunk : chunks(dependents)) {
                ctx.update(TASKS)
                        .set(T_PENDING_DEPS, T_PENDING_DEPS.minus(1))
                        .set(T_UPDATED_AT, ms(now))
                        .where(T_ID.in(chunk))
                        .execute();
            }
            touched.addAll(dependents);
            // the finished task's parent is known; a parent finished on the way is read
            String parent = done.equals(finished.id().value())
                    ? (finished.parentId() == null ? null : finished.parentId().value())
                    : ctx.select(T_PARENT)
                            .from(TASKS)
                            .where(T_ID.eq(done))
                            .fetchOne(T_PARENT);
            if (parent == null) {
                continue;
            }
            ctx.update(TASKS)
                    .set(T_OPEN_SUBTASKS, T_OPEN_SUBTASKS.minus(1))
                    .set(T_UPDATED_AT, ms(now))
                    .where(T_ID.eq(parent))
                    .execute();
            int finishedParent = ctx.update(TASKS)
                    .set(T_STATUS, TaskStatus.DONE.wire())
                    .set(T_ASSIGNEE, (String) null)
                    .set(T_LEASE_EXPIRES_AT, (Long) null)
                    .set(T_PROGRESS, 100)
                    .set(T_COMPLETED_AT, ms(now))
                    .set(T_UPDATED_AT, ms(now))
                    .where(T_ID.eq(parent))
                    .and(T_OPEN_SUBTASKS.eq(0))
                    .and(T_STATUS.ne(TaskStatus.DONE.wire()))
                    .execute();
            if (finishedParent == 1) {
                completedParents.add(new TaskId(parent));
                event(ctx, EventType.TASK_COMPLETED, finished.projectId(), new TaskId(parent), null,
                        Map.of("reason", "all_subtasks_done"), now);
                queue.add(parent);
            }
        }
        List<TaskId> unblocked = new ArrayList<>();
        if (!touched.isEmpty()) {
            for (List<String> chunk : chunks(new ArrayList<>(new LinkedHashSet<>(touched)))) {
                ctx.select(T_ID)
                        .from(TASKS)
                        .where(T_ID.in(chunk))
                        .and(READY_BY_ID)
                        .orderBy(T_SEQ)
                        .fetch(T_ID)
                        .forEach(id -> unblocked.add(new TaskId(id)));
            }
        }
        boolean complete = completeProjectIfDone(ctx, finished.projectId(), now);
        return new Completion(taskRow(ctx, finished.id()).orElseThrow(), unblocked, completedParents, complete);
    }

    /**
     * The last step of a completion, after its task (and what it propagated) is written: true when the project has
     * no unfinished task left; the first completion to see that marks the project complete and appends
     * {@code project_completed} (exactly once).
     */
    protected final boolean completeProjectIfDone(DSLContext ctx, ProjectId project, Instant now) {
        // one probe of the tasks_status index: is any task of the project not done?
        boolean complete = projectMayBeComplete(ctx, project) && !ctx.fetchExists(ctx.selectOne()
                .from(TASKS)
                .where(T_PROJECT.eq(project.value()))
                .and(T_STATUS.in(TaskStatus.TODO.wire(), TaskStatus.IN_PROGRESS.wire(), TaskStatus.BLOCKED.wire())));
        if (complete) {
            int marked = ctx.update(PROJECTS)
                    .set(P_COMPLETED_AT, ms(now))
                    .set(P_UPDATED_AT, ms(now))
                    .where(P_ID.eq(project.value()))
                    .and(P_COMPLETED_AT.isNull())
                    .execute();
            if (marked == 1) {
                event(ctx, EventType.PROJECT_COMPLETED, project, null, null, Map.of(), now);
            }
        }
        return complete;
    }

    @Override
    public Task blockTask(ProgressReport report, Blocker blocker, Instant now) {
        return write("block task " + report.task(), ctx -> {
            Task task = requireHolder(ctx, report);
            ctx.update(TASKS)
                    .set(T_STATUS, TaskStatus.BLOCKED.wire())
                    .set(T_ASSIGNEE, (String) null)
                    .set(T_LEASE_EXPIRES_AT, (Long) null)
                    .set(T_LAST_MESSAGE, blocker.description())
                    .set(T_LAST_REPORT_AT, ms(now))
                    .set(T_TOKENS, T_TOKENS.plus(report.tokensUsed()))
                    .set(T_COST, T_COST.plus(report.costUsd()))
                    .set(T_UPDATED_AT, ms(now))
                    .where(T_ID.eq(task.id().value()))
                    .execute();
            ctx.insertInto(BLOCKERS)
                    .set(B_WORKSPACE, workspace)
                    .set(B_ID, blocker.id())
                    .set(B_SEQ, nextSequence(ctx, BLOCKERS, B_SEQ))
                    .set(B_TASK, task.id().value())
                    .set(B_AGENT, report.agent().value())
                    .set(B_DESCRIPTION, blocker.description())
                    .set(B_SEVERITY, blocker.severity().wire())
                    .set(B_RESOLVED_AT, ms(blocker.resolvedAt()))
                    .set(B_CREATED_AT, ms(blocker.createdAt() == null ? now : blocker.createdAt()))
                    .set(B_UPDATED_AT, ms(now))
                    .execute();
            touch(ctx, report.agent(), now);
            event(ctx, EventType.TASK_BLOCKED, task.projectId(), task.id(), report.agent(), spend(report, Map.of(
                    "blocker_id", blocker.id(),
                    "description", blocker.description(),
                    "severity", blocker.severity().wire())), now);
            return taskRow(ctx, task.id()).orElseThrow();
        });
    }

    @Override
    public Task unassignTask(TaskId taskId, AgentId expectedHolder, String reason, Instant now) {
        return write("unassign task " + taskId, ctx -> {
            Task task = requireTask(ctx, taskId);
            if (task.isDone()) {
                throw new ConflictException("task_already_complete", "task '" + taskId + "' is already done");
            }
            if (expectedHolder != null && !expectedHolder.equals(task.assignee())) {
                throw new ConflictException("not_task_holder", "agent '" + expectedHolder + "' does not hold task '"
                        + taskId + "'" + (task.assignee() == null ? "" : "; '" + task.assignee() + "' does"));
            }
            if (task.status() == TaskStatus.TODO && task.assignee() == null) {
                return task;
            }
            String why = reason == null || reason.isBlank() ? "unassigned" : reason;
            var update = ctx.update(TASKS)
                    .set(T_STATUS, TaskStatus.TODO.wire())
                    .set(T_ASSIGNEE, (String) null)
                    .set(T_LEASE_EXPIRES_AT, (Long) null)
                    .set(T_ASSIGNED_AT, (Long) null)
                    .set(T_UPDATED_AT, ms(now));
            if (task.assignee() != null) {
                update = update
                        .set(T_RECOVERY, json.recovery(handoff(task, now, why)))
                        .set(T_PROGRESS, 0);
            }
            update.where(T_ID.eq(taskId.value()))
                    .execute();
            // the task is free to be worked on again: whatever blocked it no longer stands
            int resolved = ctx.update(BLOCKERS)
                    .set(B_RESOLVED_AT, ms(now))
                    .set(B_UPDATED_AT, ms(now))
                    .where(B_TASK.eq(taskId.value()))
                    .and(B_RESOLVED_AT.isNull())
                    .execute();
            Map<String, String> data = new LinkedHashMap<>();
            data.put("reason", why);
            data.put("previous_status", task.status().wire());
            if (resolved > 0) {
                data.put("resolved_blockers", Integer.toString(resolved));
            }
            if (task.assignee() != null) {
                data.put("previous_agent", task.assignee().value());
            }
            event(ctx, EventType.TASK_UNASSIGNED, task.projectId(), task.id(), null, data, now);
            return taskRow(ctx, taskId).orElseThrow();
        });
    }

    private static RecoveryInfo handoff(Task task, Instant now, String reason) {
        long spent = task.assignedAt() == null ? 0 : Math.max(0, Duration.between(task.assignedAt(), now).toSeconds());
        return new RecoveryInfo(task.assignee(), task.progress(), nullToEmpty(task.lastMessage()), spent, now, reason);
    }

    @Override
    public boolean renewLease(TaskId task, AgentId agent, Instant leaseExpiresAt, Instant now) {
        return write("renew the lease on task " + task, ctx -> ctx.update(TASKS)
                .set(T_LEASE_EXPIRES_AT, ms(leaseExpiresAt))
                .set(T_UPDATED_AT, ms(now))
                .where(T_ID.eq(task.value()))
                .and(T_ASSIGNEE.eq(agent.value()))
                .and(T_STATUS.eq(TaskStatus.IN_PROGRESS.wire()))
                .execute() == 1);
    }

    @Override
    public List<Task> recoverExpiredLeases(Instant now) {
        return write("recover expired leases", ctx -> {
            if (!tryLockSweep(ctx)) {
                return List.of();
            }
            // served by the partial index tasks_leases
            List<String> expired = lockCandidates(ctx.select(T_ID)
                    .from(TASKS)
                    .where(T_ASSIGNEE.isNotNull())
                    .and(T_LEASE_EXPIRES_AT.lt(ms(now)))
                    .orderBy(T_SEQ))
                    .fetch(T_ID);
            List<Task> recovered = new ArrayList<>();
            for (String id : expired) {
                Task task = taskRow(ctx, new TaskId(id)).orElseThrow();
                int taken = ctx.update(TASKS)
                        .set(T_STATUS, TaskStatus.TODO.wire())
                        .set(T_ASSIGNEE, (String) null)
                        .set(T_LEASE_EXPIRES_AT, (Long) null)
                        .set(T_ASSIGNED_AT, (Long) null)
                        .set(T_PROGRESS, 0)
                        .set(T_RECOVERY, json.recovery(handoff(task, now, "lease_expired")))
                        .set(T_UPDATED_AT, ms(now))
                        .where(T_ID.eq(id))
                        .and(T_ASSIGNEE.eq(task.assignee().value()))
                        .and(T_EPOCH.eq(task.leaseEpoch()))
                        .execute();
                if (taken == 1) {
                    event(ctx, EventType.LEASE_RECOVERED, task.projectId(), task.id(), null, Map.of(
                            "previous_agent", task.assignee().value(),
                            "previous_progress", Integer.toString(task.progress()),
                            "reason", "lease_expired"), now);
                    recovered.add(taskRow(ctx, task.id()).orElseThrow());
                }
            }
            return recovered;
        });
    }

    /** Loads the task and refuses anyone but its current holder, with the reasons the port documents. */
    private Task requireHolder(DSLContext ctx, ProgressReport report) {
        Task task = requireTask(ctx, report.task());
        if (task.isDone()) {
            throw new ConflictException("task_already_complete", "task '" + task.id() + "' is already done");
        }
        if (report.expectedEpoch() != null && report.expectedEpoch() != task.leaseEpoch()) {
            throw new ConflictException("stale_completion", "agent '" + report.agent() + "' reported with lease epoch "
                    + report.expectedEpoch() + " but task '" + task.id() + "' is at epoch " + task.leaseEpoch()
                    + "; it was handed to another agent since");
        }
        if (report.agent().equals(task.assignee())) {
            return task;
        }
        if (task.recoveryInfo() != null && report.agent().equals(task.recoveryInfo().previousAgent())) {
            throw new ConflictException("stale_completion", "agent '" + report.agent() + "' no longer holds task '"
                    + task.id() + "': it was taken back (" + task.recoveryInfo().reason() + ") at "
                    + task.recoveryInfo().recoveredAt());
        }
        throw new ConflictException("not_task_holder", "agent '" + report.agent() + "' does not hold task '"
                + task.id() + "'" + (task.assignee() == null ? " (nobody does)" : "; '" + task.assignee() + "' does"));
    }

    // ==== agents ================================================================================================

    @Override
    public Agent registerAgent(AgentRegistration registration, Instant now) {
        return write("register agent " + registration.id(), ctx -> {
            requireProject(ctx, registration.projectId());
            int updated = ctx.update(AGENTS)
                    .set(A_PROJECT, registration.projectId().value())
                    .set(A_NAME, registration.name())
                    .set(A_ROLE, nullToEmpty(registration.role()))
                    .set(A_SKILLS, json.list(registration.skills()))
                    .set(A_LAST_SEEN_AT, ms(now))
                    .set(A_UPDATED_AT, ms(now))
                    .where(A_ID.eq(registration.id().value()))
                    .execute();
            if (updated == 0) {
                ctx.insertInto(AGENTS)
                        .set(A_WORKSPACE, workspace)
                        .set(A_ID, registration.id().value())
                        .set(A_SEQ, nextSequence(ctx, AGENTS, A_SEQ))
                        .set(A_PROJECT, registration.projectId().value())
                        .set(A_NAME, registration.name())
                        .set(A_ROLE, nullToEmpty(registration.role()))
                        .set(A_SKILLS, json.list(registration.skills()))
                        .set(A_COMPLETED, 0)
                        .set(A_REGISTERED_AT, ms(now))
                        .set(A_LAST_SEEN_AT, ms(now))
                        .set(A_CREATED_AT, ms(now))
                        .set(A_UPDATED_AT, ms(now))
                        .execute();
            }
            event(ctx, EventType.AGENT_REGISTERED, registration.projectId(), null, registration.id(), Map.of(
                    "name", registration.name(),
                    "role", nullToEmpty(registration.role())), now);
            return agentsWhere(ctx, A_ID.eq(registration.id().value())).get(0);
        });
    }

    @Override
    public Optional<Agent> findAgent(AgentId id) {
        return readOne("find agent " + id, ctx -> agentsWhere(ctx, A_ID.eq(id.value())).stream().findFirst());
    }

    @Override
    public List<Agent> listAgents(ProjectId projectId) {
        return read("list agents of project " + projectId, ctx -> agentsWhere(ctx, A_PROJECT.eq(projectId.value())));
    }

    @Override
    public Agent setAgentPaused(AgentId id, boolean paused, Instant now) {
        return write((paused ? "pause" : "resume") + " agent " + id, ctx -> {
            Agent agent = agentsWhere(ctx, A_ID.eq(id.value())).stream().findFirst()
                    .orElseThrow(() -> new NotFoundException("agent_id", "agent '" + id + "' is not registered"));
            if (agent.isPaused() == paused) {
                return agent;
            }
            ctx.update(AGENTS)
                    .set(A_PAUSED_AT, paused ? ms(now) : null)
                    .set(A_UPDATED_AT, ms(now))
                    .where(A_ID.eq(id.value()))
                    .execute();
            Map<String, String> data = new LinkedHashMap<>();
            if (agent.currentTask() != null) {
                data.put("current_task_id", agent.currentTask().value());
            }
            event(ctx, paused ? EventType.AGENT_PAUSED : EventType.AGENT_RESUMED, agent.projectId(), null, id, data, now);
            return agentsWhere(ctx, A_ID.eq(id.value())).get(0);
        });
    }

    @Override
    public void touchAgent(AgentId id, Instant now) {
        write("note agent " + id + " was seen", ctx -> {
            requireAgent(ctx, id);
            touch(ctx, id, now);
            return null;
        });
    }

    private void touch(DSLContext ctx, AgentId id, Instant now) {
        ctx.update(AGENTS)
                .set(A_LAST_SEEN_AT, ms(now))
                .set(A_UPDATED_AT, ms(now))
                .where(A_ID.eq(id.value()))
                .execute();
    }

    private List<Agent> agentsWhere(DSLContext ctx, Condition condition) {
        // the held task comes from tasks.assignee, the single source of truth (no copy on the agent row)
        Field<String> current = select(T_ID)
                .from(TASKS)
                .where(T_ASSIGNEE.eq(A_ID))
                .asField("current_task");
        return ctx.select(A_ID, A_PROJECT, A_NAME, A_ROLE, A_SKILLS, A_COMPLETED, A_REGISTERED_AT, A_LAST_SEEN_AT,
                        A_PAUSED_AT, current)
                .from(AGENTS)
                .where(condition)
                .orderBy(A_SEQ)
                .fetch(r -> new Agent(
                        new AgentId(r.get(A_ID)),
                        new ProjectId(r.get(A_PROJECT)),
                        r.get(A_NAME),
                        r.get(A_ROLE),
                        json.list("agents.skills", r.get(A_SKILLS)),
                        r.get(current) == null ? null : new TaskId(r.get(current)),
                        r.get(A_COMPLETED),
                        inst(r.get(A_REGISTERED_AT)),
                        inst(r.get(A_LAST_SEEN_AT)),
                        inst(r.get(A_PAUSED_AT))));
    }

    // ==== decisions, artifacts, blockers ========================================================================

    @Override
    public Decision addDecision(Decision d) {
        return write("log a decision on task " + d.taskId(), ctx -> {
            Task task = requireTask(ctx, d.taskId());
            ctx.insertInto(DECISIONS)
                    .set(DC_WORKSPACE, workspace)
                    .set(DC_ID, d.id())
                    .set(DC_SEQ, nextSequence(ctx, DECISIONS, DC_SEQ))
                    .set(DC_PROJECT, task.projectId().value())
                    .set(DC_TASK, d.taskId().value())
                    .set(DC_AGENT, d.agentId().value())
                    .set(DC_TEXT, d.text())
                    .set(DC_WHAT, nullToEmpty(d.what()))
                    .set(DC_WHY, nullToEmpty(d.why()))
                    .set(DC_IMPACT, nullToEmpty(d.impact()))
                    .set(DC_CREATED_AT, ms(d.createdAt()))
                    .set(DC_UPDATED_AT, ms(d.createdAt()))
                    .execute();
            event(ctx, EventType.DECISION_LOGGED, task.projectId(), task.id(), d.agentId(), Map.of(
                    "decision_id", d.id(),
                    "what", nullToEmpty(d.what())), d.createdAt());
            return d;
        });
    }

    @Override
    public List<Decision> decisionsFor(Collection<TaskId> tasks) {
        List<String> ids = tasks.stream().map(TaskId::value).distinct().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return read("list decisions", ctx -> decisions(ctx, ids));
    }

    private List<Decision> decisions(DSLContext ctx, List<String> ids) {
        {
            List<Decision> out = new ArrayList<>();
            for (List<String> chunk : chunks(ids)) {
                out.addAll(ctx.select(DC_ID, DC_PROJECT, DC_TASK, DC_AGENT, DC_TEXT, DC_WHAT, DC_WHY, DC_IMPACT, DC_CREATED_AT, DC_SEQ)
                        .from(DECISIONS)
                        .where(DC_TASK.in(chunk))
                        .orderBy(DC_CREATED_AT, DC_SEQ)
                        .fetch(r -> new Decision(r.get(DC_ID), new ProjectId(r.get(DC_PROJECT)), new TaskId(r.get(DC_TASK)),
                                new AgentId(r.get(DC_AGENT)), r.get(DC_TEXT), r.get(DC_WHAT), r.get(DC_WHY),
                                r.get(DC_IMPACT), inst(r.get(DC_CREATED_AT)))));
            }
            if (ids.size() > IN_CHUNK) {
                out.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
            }
            return out;
        }
    }

    @Override
    public Artifact addArtifact(Artifact a) {
        return write("log an artifact on task " + a.taskId(), ctx -> {
            Task task = requireTask(ctx, a.taskId());
            ctx.insertInto(ARTIFACTS)
                    .set(AR_WORKSPACE, workspace)
                    .set(AR_ID, a.id())
                    .set(AR_SEQ, nextSequence(ctx, ARTIFACTS, AR_SEQ))
                    .set(AR_PROJECT, task.projectId().value())
                    .set(AR_TASK, a.taskId().value())
                    .set(AR_FILENAME, a.filename())
                    .set(AR_TYPE, a.type().wire())
                    .set(AR_LOCATION, a.location())
                    .set(AR_DESCRIPTION, nullToEmpty(a.description()))
                    .set(AR_SIZE, a.sizeBytes())
                    .set(AR_CREATED_AT, ms(a.createdAt()))
                    .set(AR_UPDATED_AT, ms(a.createdAt()))
                    .execute();
            event(ctx, EventType.ARTIFACT_LOGGED, task.projectId(), task.id(), null, Map.of(
                    "artifact_id", a.id(),
                    "filename", a.filename(),
                    "location", a.location()), a.createdAt());
            return a;
        });
    }

    @Override
    public List<Artifact> artifactsFor(Collection<TaskId> tasks) {
        List<String> ids = tasks.stream().map(TaskId::value).distinct().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return read("list artifacts", ctx -> artifacts(ctx, ids));
    }

    private List<Artifact> artifacts(DSLContext ctx, List<String> ids) {
        {
            List<Artifact> out = new ArrayList<>();
            for (List<String> chunk : chunks(ids)) {
                out.addAll(ctx.select(AR_ID, AR_PROJECT, AR_TASK, AR_FILENAME, AR_TYPE, AR_LOCATION, AR_DESCRIPTION, AR_SIZE,
                                AR_CREATED_AT, AR_SEQ)
                        .from(ARTIFACTS)
                        .where(AR_TASK.in(chunk))
                        .orderBy(AR_CREATED_AT, AR_SEQ)
                        .fetch(r -> new Artifact(r.get(AR_ID), new ProjectId(r.get(AR_PROJECT)), new TaskId(r.get(AR_TASK)),
                                r.get(AR_FILENAME), ArtifactType.parse("artifacts.type", r.get(AR_TYPE)),
                                r.get(AR_LOCATION), r.get(AR_DESCRIPTION), r.get(AR_SIZE), inst(r.get(AR_CREATED_AT)))));
            }
            if (ids.size() > IN_CHUNK) {
                out.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
            }
            return out;
        }
    }

    @Override
    public List<Blocker> blockersFor(TaskId task) {
        return readOne("list blockers of task " + task, ctx -> blockers(ctx, task));
    }

    @Override
    public TaskContextRows contextRows(TaskId task, Collection<TaskId> tasks, Collection<TaskId> notesOf) {
        List<String> taskIds = tasks.stream().map(TaskId::value).distinct().toList();
        List<String> noteIds = notesOf.stream().map(TaskId::value).distinct().toList();
        return read("read the context of task " + task, ctx -> {
            List<Task> found = new ArrayList<>();
            for (List<String> chunk : chunks(taskIds)) {
                found.addAll(tasksWhere(ctx, T_ID.in(chunk)));
            }
            return new TaskContextRows(found,
                    noteIds.isEmpty() ? List.of() : decisions(ctx, noteIds),
                    noteIds.isEmpty() ? List.of() : artifacts(ctx, noteIds),
                    blockers(ctx, task));
        });
    }

    private List<Blocker> blockers(DSLContext ctx, TaskId task) {
        return ctx.select(B_ID, B_TASK, B_AGENT, B_DESCRIPTION, B_SEVERITY, B_CREATED_AT, B_RESOLVED_AT, B_SEQ)
                .from(BLOCKERS)
                .where(B_TASK.eq(task.value()))
                .orderBy(B_CREATED_AT, B_SEQ)
                .fetch(r -> new Blocker(r.get(B_ID), new TaskId(r.get(B_TASK)), new AgentId(r.get(B_AGENT)),
                        r.get(B_DESCRIPTION), BlockerSeverity.parse("blockers.severity", r.get(B_SEVERITY)),
                        inst(r.get(B_CREATED_AT)), inst(r.get(B_RESOLVED_AT))));
    }

    // ==== events ================================================================================================

    @Override
    public Event appendEvent(NewEvent e, Instant now) {
        return write("append a " + e.type().wire() + " event", ctx -> {
            long id = event(ctx, e.type(), e.projectId(), e.taskId(), e.agentId(), e.data(), now);
            return new Event(id, e.type(), e.projectId(), e.taskId(), e.agentId(), e.data(), now);
        });
    }

    /** Appends one event inside the caller's transaction and returns its id. */
    private long event(DSLContext ctx, EventType type, ProjectId project, TaskId task, AgentId agent,
                       Map<String, String> data, Instant at) {
        Record r = ctx.insertInto(EVENTS)
                .set(E_WORKSPACE, workspace)
                .set(E_TYPE, type.wire())
                .set(E_PROJECT, project == null ? null : project.value())
                .set(E_TASK, task == null ? null : task.value())
                .set(E_AGENT, agent == null ? null : agent.value())
                .set(E_DATA, json.map(data))
                .set(E_AT, ms(at))
                .set(E_CREATED_AT, ms(at))
                .set(E_UPDATED_AT, ms(at))
                .returningResult(E_ID)
                .fetchOne();
        if (r == null || r.get(0) == null) {
            throw new BackendUnavailableException(describe() + ": the database did not return the id of a new event", null);
        }
        return r.get(0, Long.class);
    }

    @Override
    public List<Event> eventsAfter(long afterId, ProjectId projectId, int limit) {
        return readOne("read events after " + afterId, ctx -> ctx.select(E_ID, E_TYPE, E_PROJECT, E_TASK, E_AGENT, E_DATA, E_AT)
                .from(EVENTS)
                .where(E_ID.gt(afterId))
                .and(projectId == null ? noCondition() : E_PROJECT.eq(projectId.value()))
                .orderBy(E_ID)
                .limit(Math.max(0, limit))
                .fetch(this::event));
    }

    @Override
    public int countDecisions(ProjectId projectId) {
        return readOne("count decisions", ctx -> ctx.fetchCount(DECISIONS, DC_PROJECT.eq(projectId.value())));
    }

    @Override
    public int countArtifacts(ProjectId projectId) {
        return readOne("count artifacts", ctx -> ctx.fetchCount(ARTIFACTS, AR_PROJECT.eq(projectId.value())));
    }

    @Override
    public List<Event> eventsWithIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> wanted = List.copyOf(new java.util.TreeSet<>(ids));
        List<Event> out = new ArrayList<>();
        for (int from = 0; from < wanted.size(); from += IN_CHUNK) {
            List<Long> chunk = wanted.subList(from, Math.min(wanted.size(), from + IN_CHUNK));
            out.addAll(readOne("read events by id", ctx -> ctx.select(E_ID, E_TYPE, E_PROJECT, E_TASK, E_AGENT, E_DATA, E_AT)
                    .from(EVENTS)
                    .where(E_ID.in(chunk))
                    .orderBy(E_ID)
                    .fetch(this::event)));
        }
        return out;
    }

    private Event event(Record r) {
        return new Event(
                r.get(E_ID),
                EventType.parse("events.type", r.get(E_TYPE)),
                r.get(E_PROJECT) == null ? null : new ProjectId(r.get(E_PROJECT)),
                r.get(E_TASK) == null ? null : new TaskId(r.get(E_TASK)),
                r.get(E_AGENT) == null ? null : new AgentId(r.get(E_AGENT)),
                json.map("events.data", r.get(E_DATA)),
                inst(r.get(E_AT)));
    }

    @Override
    public long lastEventId() {
        return readOne("read the last event id", ctx -> ctx.select(coalesce(max(E_ID), inline(0L)))
                .from(EVENTS)
                .fetchOne(0, Long.class));
    }

    // ==== rows ==================================================================================================

    private static Record projectRow(DSLContext ctx, ProjectId id) {
        return ctx.select(PROJECT_COLUMNS)
                .from(PROJECTS)
                .where(P_ID.eq(id.value()))
                .fetchOne();
    }

    private static void requireProject(DSLContext ctx, ProjectId id) {
        if (ctx.fetchCount(PROJECTS, P_ID.eq(id.value())) == 0) {
            throw new NotFoundException("project_id", "project '" + id + "' does not exist");
        }
    }

    private static void requireAgent(DSLContext ctx, AgentId id) {
        if (ctx.fetchCount(AGENTS, A_ID.eq(id.value())) == 0) {
            throw new NotFoundException("agent_id", "agent '" + id + "' is not registered");
        }
    }

    private Task requireTask(DSLContext ctx, TaskId id) {
        return taskRow(ctx, id).orElseThrow(() -> new NotFoundException("task_id", "task '" + id + "' does not exist"));
    }

    private Optional<Task> taskRow(DSLContext ctx, TaskId id) {
        return tasksWhere(ctx, T_ID.eq(id.value())).stream().findFirst();
    }

    private List<Task> tasksWhere(DSLContext ctx, Condition condition) {
        return fetchTasks(ctx, ctx.select(TASK_COLUMNS)
                .from(TASKS)
                .where(condition)
                .orderBy(T_SEQ), null);
    }

    /**
     * Runs a select of {@link #TASK_COLUMNS} and reads the JDBC result by position with typed getters: task lists
     * are read on every claim, and materialising jOOQ records costs several times more than the query itself.
     */
    private List<Task> fetchTasks(DSLContext ctx, ResultQuery<Record> query, ProjectId wholeProject) {
        List<Object[]> rows = new ArrayList<>();
        try (java.sql.ResultSet rs = query.fetchResultSet()) {
            while (rs.next()) {
                rows.add(taskRowValues(rs, 1));
            }
        } catch (java.sql.SQLException e) {
            throw new org.jooq.exception.DataAccessException("reading tasks: " + e.getMessage(), e);
        }
        return toTasks(ctx, rows, wholeProject);
    }

    private static Object[] taskRowValues(java.sql.ResultSet rs, int first) throws SQLException {
        Object[] row = new Object[TASK_COLUMNS.size()];
        for (int i = 0; i < row.length; i++) {
            Class<?> type = TASK_COLUMNS.get(i).getType();
            int at = first + i;
            Object v;
            if (type == String.class) {
                v = rs.getString(at);
            } else if (type == Long.class) {
                long l = rs.getLong(at);
                v = rs.wasNull() ? null : l;
            } else if (type == Integer.class) {
                int n = rs.getInt(at);
                v = rs.wasNull() ? null : n;
            } else if (type == Double.class) {
                double d = rs.getDouble(at);
                v = rs.wasNull() ? null : d;
            } else {
                v = rs.getObject(at);
            }
            row[i] = v;
        }
        return row;
    }

    /** The columns of a task row, in the order {@link #readTask} reads them. */
    protected static List<Field<?>> taskColumns() {
        return TASK_COLUMNS;
    }

    /** Reads the task in the current row of {@code rs}, whose columns from {@code first} on are {@link #taskColumns()}. */
    protected final Task readTask(java.sql.ResultSet rs, int first, List<TaskId> dependencies) throws SQLException {
        return toTask(taskRowValues(rs, first), dependencies);
    }

    /**
     * Rows to tasks with their dependencies. With {@code wholeProject} every row of that project is in {@code rows},
     * so one query by project fetches all edges instead of chunked {@code IN} lists.
     */
    private List<Task> toTasks(DSLContext ctx, List<Object[]> rows, ProjectId wholeProject) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<TaskId>> deps = new HashMap<>();
        Table<Record> dep = table(name("tasks")).as("dep");
        Field<Long> depSeq = DSL.field(name("dep", "seq"), SQLDataType.BIGINT);
        Field<String> depId = DSL.field(name("dep", "id"), SQLDataType.VARCHAR);
        if (wholeProject != null) {
            Table<Record> owner = table(name("tasks")).as("owner");
            Field<String> ownerId = DSL.field(name("owner", "id"), SQLDataType.VARCHAR);
            Field<String> ownerProject = DSL.field(name("owner", "project_id"), SQLDataType.VARCHAR);
            // dependencies in the order their tasks were created
            for (Record r : ctx.select(D_TASK, D_DEPENDS_ON)
                    .from(DEPS)
                    .join(owner)
                    .on(ownerId.eq(D_TASK))
                    .join(dep)
                    .on(depId.eq(D_DEPENDS_ON))
                    .where(ownerProject.eq(wholeProject.value()))
                    .orderBy(depSeq)
                    .fetch()) {
                deps.computeIfAbsent(r.get(D_TASK), k -> new ArrayList<>()).add(new TaskId(r.get(D_DEPENDS_ON)));
            }
        }
        List<String> ids = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            ids.add(col(r, T_ID));
        }
        for (List<String> chunk : wholeProject != null ? List.<List<String>>of() : chunks(ids)) {
            // dependencies in the order their tasks were created
            for (Record r : ctx.select(D_TASK, D_DEPENDS_ON)
                    .from(DEPS)
                    .join(dep)
                    .on(depId.eq(D_DEPENDS_ON))
                    .where(D_TASK.in(chunk))
                    .orderBy(depSeq)
                    .fetch()) {
                deps.computeIfAbsent(r.get(D_TASK), k -> new ArrayList<>()).add(new TaskId(r.get(D_DEPENDS_ON)));
            }
        }
        List<Task> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(toTask(r, deps.getOrDefault(col(r, T_ID), List.of())));
        }
        return out;
    }

    /** Column positions of {@link #TASK_COLUMNS}: reading by position skips jOOQ's field lookup on every value. */
    private static final Map<Field<?>, Integer> TASK_INDEX = positions(TASK_COLUMNS);

    private static Map<Field<?>, Integer> positions(List<Field<?>> columns) {
        Map<Field<?>, Integer> m = new java.util.IdentityHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), i);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static <T> T col(Object[] row, Field<T> f) {
        return (T) row[TASK_INDEX.get(f)];
    }

    private Task toTask(Object[] r, List<TaskId> dependencies) {
        return new Task(
                new TaskId(col(r, T_ID)),
                new ProjectId(col(r, T_PROJECT)),
                col(r, T_NAME),
                col(r, T_DESCRIPTION),
                TaskStatus.parse("tasks.status", col(r, T_STATUS)),
                Priority.parse("tasks.priority", col(r, T_PRIORITY)),
                json.list("tasks.labels", col(r, T_LABELS)),
                dependencies,
                col(r, T_ESTIMATED_HOURS),
                json.list("tasks.acceptance_criteria", col(r, T_CRITERIA)),
                col(r, T_PARENT) == null ? null : new TaskId(col(r, T_PARENT)),
                col(r, T_ASSIGNEE) == null ? null : new AgentId(col(r, T_ASSIGNEE)),
                col(r, T_EPOCH),
                inst(col(r, T_LEASE_EXPIRES_AT)),
                inst(col(r, T_ASSIGNED_AT)),
                col(r, T_PROGRESS),
                col(r, T_LAST_MESSAGE),
                inst(col(r, T_LAST_REPORT_AT)),
                json.recovery("tasks.recovery_info", col(r, T_RECOVERY)),
                col(r, T_SEQ),
                col(r, T_SUBTASKS),
                col(r, T_TOKENS),
                col(r, T_COST),
                inst(col(r, T_CREATED_AT)),
                inst(col(r, T_UPDATED_AT)),
                inst(col(r, T_COMPLETED_AT)));
    }

    private static Project toProject(Record r) {
        return new Project(new ProjectId(r.get(P_ID)), r.get(P_NAME), r.get(P_DESCRIPTION), r.get(P_ROOT),
                inst(r.get(P_CREATED_AT)), inst(r.get(P_UPDATED_AT)), inst(r.get(P_COMPLETED_AT)),
                inst(r.get(P_ARCHIVED_AT)));
    }

    // ==== small helpers =========================================================================================

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i += IN_CHUNK) {
            out.add(values.subList(i, Math.min(values.size(), i + IN_CHUNK)));
        }
        return out;
    }

    static Long ms(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    static Instant inst(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /** The event data of a report, with the tokens and cost it carried when it carried any. */
    private static Map<String, String> spend(ProgressReport report, Map<String, String> data) {
        if (report.tokensUsed() == 0 && report.costUsd() == 0) {
            return data;
        }
        Map<String, String> m = new LinkedHashMap<>(data);
        m.put("tokens_used", Long.toString(report.tokensUsed()));
        m.put("cost_usd", Double.toString(report.costUsd()));
        return m;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
