package dev.marcus.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.Completion;
import dev.marcus.core.port.ProgressReport;
import dev.marcus.core.port.GraphCheck;
import dev.marcus.storage.sql.SchemaMigrations;
import dev.marcus.storage.sql.SqlStorageBackend;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage port on PostgreSQL, shared by any number of processes: a HikariCP pool, Flyway migrations in
 * {@code db/migration/postgres}, claims that lock their candidates with {@code FOR UPDATE SKIP LOCKED}, creation-order
 * numbers handed out under a transaction-scoped advisory lock, and a lease sweep that runs in one process at a time
 * ({@code pg_try_advisory_xact_lock}). Each instance lives in one schema (default {@code public}), so tenants and test
 * classes can be kept apart.
 */
public final class PostgresStorageBackend extends SqlStorageBackend {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStorageBackend.class);
    static final String MIGRATIONS = "classpath:db/migration/postgres";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final HikariDataSource pool;
    private final PostgresUrl url;
    private final String schema;

    private PostgresStorageBackend(HikariDataSource pool, PostgresUrl url, String schema, String store, String schemaVersion) {
        super(new DataSourceConnectionProvider(pool), SQLDialect.POSTGRES, store, schemaVersion);
        this.pool = pool;
        this.url = url;
        this.schema = schema;
    }

    /** Opens the database at {@code url} in schema {@code public}; see {@link #open(PostgresUrl, String, int)}. */
    public static PostgresStorageBackend open(String url) {
        return open(PostgresUrl.parse(url), null, 10);
    }

    /**
     * Connects, creates the schema when missing and brings it up to date. Processes that start together (replicas
     * after an upgrade) take turns on a session-level advisory lock per schema, so the schema is created and migrated
     * once and the others find it done; a process waits at most {@link #MIGRATION_LOCK_WAIT} for its turn.
     *
     * @param schema the schema to live in (lower-case letters, digits, underscores), or null for {@code public}
     * @param poolSize the most connections this instance opens
     * @throws BackendUnavailableException when the database cannot be reached, refuses the credentials, does not
     *     exist, or holds a schema written by a newer Marcus; the message names the (masked) URL and the cause
     */
    public static PostgresStorageBackend open(PostgresUrl url, String schema, int poolSize) {
        return open(url, schema, poolSize, MIGRATION_LOCK_WAIT);
    }

    static PostgresStorageBackend open(PostgresUrl url, String schema, int poolSize, java.time.Duration lockWait) {
        String s = schema == null || schema.isBlank() ? "public" : schema;
        if (!SCHEMA_NAME.matcher(s).matches()) {
            throw new BackendUnavailableException("postgresql: schema '" + s
                    + "' must be lower-case letters, digits and underscores", null);
        }
        String store = describe(url, s);
        String poolName = "marcus-pg-" + POOLS.incrementAndGet();
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1);
        config.setSchema(s);
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("ApplicationName", "marcus");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // plan every execution for its values: the data is skewed (a large project beside small ones, ready rows a
        // shrinking share of each), and a generic plan of a prepared statement, picked after five executions, sorted
        // all of a 20,000-task project's rows on every request for work
        config.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        HikariDataSource pool = null;
        String version;
        try (Connection lock = connect(url, store)) {
            lockMigrations(lock, s, store, lockWait);
            createSchemaIfMissing(lock, s);
            pool = new HikariDataSource(config);
            version = migrate(pool, s, store);
            // closing the lock connection ends its session, which releases the advisory lock
        } catch (HikariPool.PoolInitializationException | SQLException e) {
            if (pool != null) {
                pool.close();
            }
            throw connectFailure(store + " (pool " + poolName + ")", e);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
        return new PostgresStorageBackend(pool, url, s, store, version);
    }

    /** How long a starting process waits for another one to finish migrating the same schema. */
    static final java.time.Duration MIGRATION_LOCK_WAIT = java.time.Duration.ofMinutes(2);

    /** The newest schema version this build's PostgreSQL scripts know. */
    public static String knownSchemaVersion() {
        return SchemaMigrations.newestScript(PostgresStorageBackend.class.getClassLoader(),
                MIGRATIONS.substring("classpath:".length()));
    }

    /** A connection outside the pool: the migration lock's session. */
    private static Connection connect(PostgresUrl url, String store) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        p.setProperty("connectTimeout", "5");
        p.setProperty("ApplicationName", "marcus-migrate");
        Connection c = new org.postgresql.Driver().connect(url.jdbcUrl(), p);
        if (c == null) {
            throw new SQLException(store + ": the URL is not a PostgreSQL URL", "08001");
        }
        return c;
    }

    /**
     * Waits for this schema's migration lock: one process at a time creates and migrates a schema. A wait longer
     * than {@code wait} ({@link #MIGRATION_LOCK_WAIT} by default) fails with the holder named, rather than hanging a
     * start-up.
     */
    private static void lockMigrations(Connection c, String schema, String store, java.time.Duration wait)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '" + wait.toMillis() + "ms'");
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            ps.setString(1, MIGRATION_LOCK_PREFIX + schema);
            ps.execute();
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
            throw new BackendUnavailableException(store + ": another process has held the migration lock of schema '"
                    + schema + "' for " + wait.toSeconds() + " s (" + lockHolder(c, schema)
                    + "); a migration should take seconds. If that process hangs, stop it and start again.", e);
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = 0");
        }
    }

    /**
     * Creates the schema when it does not exist yet. Asked first: {@code CREATE SCHEMA IF NOT EXISTS} checks the
     * {@code CREATE} privilege on the database even when the schema exists, which a role given only its own schema
     * does not have.
     */
    private static void createSchemaIfMissing(Connection c, String schema) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
    }

    /** The advisory-lock key of a schema's migrations (hashed with {@code hashtext}). */
    static final String MIGRATION_LOCK_PREFIX = "marcus.migrate.";

    /** Who holds the migration lock, as pg_stat_activity shows it to this user. */
    private static String lockHolder(Connection c, String schema) {
        // a bigint advisory key is split into classid (high 32 bits) and objid (low 32 bits), objsubid 1
        String sql = "SELECT a.pid, a.application_name, a.client_addr FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
                + "AND l.objid = (hashtext(?)::bigint & 4294967295)::oid";
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, MIGRATION_LOCK_PREFIX + schema);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return "server process " + rs.getInt(1) + ", application '" + rs.getString(2) + "'"
                            + (rs.getString(3) == null ? "" : ", from " + rs.getString(3));
                }
            }
        } catch (SQLException e) {
            LOG.debug("cannot name the holder of the migration lock: {}", e.getMessage());
        }
        return "the holder is not visible to this database user";
    }

    /** How a backend on {@code url} and {@code schema} names itself: the masked URL and the schema. */
    static String describe(PostgresUrl url, String schema) {
        return url.masked() + ("public".equals(schema) ? "" : " (schema " + schema + ")");
    }

    /** Translates a failure to connect into a sentence a person can act on. */
    static BackendUnavailableException connectFailure(String store, Exception e) {
        SQLException sql = sqlCause(e);
        String state = sql == null ? null : sql.getSQLState();
        String detail = sql != null ? sql.getMessage() : e.getMessage();
        String what;
        if ("28P01".equals(state) || "28000".equals(state)) {
            what = "the database refused the credentials (wrong user or password)";
        } else if ("3D000".equals(state)) {
            what = "the database does not exist";
        } else if (causedBy(e, javax.net.ssl.SSLException.class) || String.valueOf(detail).contains("SSL")) {
            what = "TLS to the database failed (sslmode and sslrootcert in the URL; see docs/operations/postgresql.md#tls)";
        } else if (causedBy(e, ConnectException.class) || causedBy(e, UnknownHostException.class)
                || (state != null && state.startsWith("08"))) {
            what = "cannot reach the database server (is PostgreSQL running, and are host and port right?)";
        } else {
            what = "cannot open the database";
        }
        return new BackendUnavailableException(store + ": " + what + ": " + PostgresUrl.maskAny(String.valueOf(detail)), e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The Flyway configuration for {@code schema}; the migration command uses it too. */
    static Flyway flyway(DataSource dataSource, String schema) {
        return Flyway.configure(PostgresStorageBackend.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .schemas(schema)
                .defaultSchema(schema)
                .load();
    }

    private static String migrate(DataSource dataSource, String schema, String store) {
        Flyway flyway = flyway(dataSource, schema);
        try {
            return SchemaMigrations.migrate(flyway, store);
        } catch (FlywayException e) {
            throw new BackendUnavailableException(store + ": cannot migrate the database: " + e.getMessage(), e);
        }
    }

    // ==== dialect hooks =========================================================================================

    @Override
    protected void beginRead(Connection c) throws SQLException {
        c.setAutoCommit(false);
        // one snapshot for the few queries of a read (a task list and its dependencies agree)
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    @Override
    protected boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state);
    }

    @Override
    protected <R extends Record> ResultQuery<R> lockCandidates(SelectForUpdateStep<R> select) {
        return select.forUpdate().skipLocked();
    }

    @Override
    protected <R extends Record> ResultQuery<R> lockRows(SelectForUpdateStep<R> select) {
        return select.forUpdate();
    }

    /**
     * Of two concurrent last completions, at least one must see the other. Taking a per-project lock before every
     * count did that, but it held each completion of the project behind the previous one's commit (its WAL flush):
     * completions ran one at a time. Now a completion first looks for a <em>witness</em>: an unfinished task of the
     * project that no other transaction is changing, share-locked until this one commits. The witness cannot finish
     * before this commit, so "not complete" is true when this commits, and whoever finishes the witness counts after
     * it. The newest ready task is preferred (claims take the oldest), then any unfinished one. Only when every
     * unfinished task is being changed by someone — the end of a project — does the completion take the per-project
     * lock, held to commit, so that the count that follows sees every completion that took it before.
     */
    @Override
    protected boolean projectMayBeComplete(DSLContext ctx, ProjectId project) {
        if (ctx.fetchOne("SELECT id FROM tasks WHERE project_id >= ? AND project_id <= ? AND status = 'todo' "
                + "AND assignee IS NULL AND pending_deps = 0 AND subtask_count = 0 "
                + "ORDER BY project_id DESC, seq DESC LIMIT 1 FOR SHARE SKIP LOCKED", project.value(), project.value()) != null) {
            return false;
        }
        if (ctx.fetchOne("SELECT id FROM tasks WHERE project_id = ? AND status IN ('todo', 'in_progress', 'blocked') "
                + "LIMIT 1 FOR SHARE SKIP LOCKED", project.value()) != null) {
            return false;
        }
        ctx.fetch("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.project.' || ?))", project.value());
        return true;
    }

    /**
     * The ready tasks with their dependencies in one statement, outside a transaction (one round trip instead of
     * {@code BEGIN}, the tasks, their dependencies and {@code COMMIT}): one statement is one snapshot, so the rows and
     * their dependencies agree as they did in the read transaction.
     */
    @Override
    public List<Task> readyTasks(ProjectId projectId, int limit) {
        return readOne("list ready tasks of project " + projectId, ctx -> {
            List<Task> out = new ArrayList<>();
            try (java.sql.ResultSet rs = ctx.resultQuery(READY_SQL, projectId.value(), projectId.value(),
                    Math.max(0, limit)).fetchResultSet()) {
                while (rs.next()) {
                    out.add(readyRow(rs));
                }
            } catch (SQLException e) {
                throw new org.jooq.exception.DataAccessException("reading ready tasks: " + e.getMessage(), e);
            }
            return out;
        });
    }

    /**
     * Ready rows already read, by task id, with the row version they were read at. Every request for work reads the
     * same window of 200 ready tasks less the few taken since; decoding the rows (strings, JSON lists, records) took
     * more of this process's CPU than anything else it did per request.
     */
    private final java.util.Map<String, KnownRow> readyRows = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int KNOWN_ROWS = 10_000;

    /**
     * A row version: {@code xmin} (the transaction that wrote this version of the row; every update writes a new
     * version) and {@code updated_at}, so that equal keys mean the very same row contents.
     */
    private record KnownRow(long xmin, long updatedAt, Task task) {
    }

    private Task readyRow(java.sql.ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        long xmin = rs.getLong("row_xmin");
        long updatedAt = rs.getLong("updated_at");
        List<TaskId> deps = ids(rs.getArray("deps"));
        KnownRow known = readyRows.get(id);
        if (known != null && known.xmin() == xmin && known.updatedAt() == updatedAt
                && known.task().dependencies().equals(deps)) {
            return known.task();
        }
        Task task = readTask(rs, 1, deps);
        if (readyRows.size() >= KNOWN_ROWS) {
            readyRows.clear();
        }
        readyRows.put(id, new KnownRow(xmin, updatedAt, task));
        return task;
    }

    // served by the partial index tasks_ready (project_id, seq). The project is a range of one value, not equality:
    // with project_id = ? the planner drops project_id from the order and may walk the whole table in seq order (the
    // unique index on seq), believing the project's ready rows spread evenly; (project_id, seq) only tasks_ready gives
    private static final String READY_SQL = "SELECT " + columnsOf("t") + ","
            + depsOf("t") + ","
            + " t.xmin::text::bigint AS row_xmin"
            + " FROM tasks t"
            + " WHERE t.project_id >= ? AND t.project_id <= ?"
            + " AND t.status = 'todo' AND t.assignee IS NULL AND t.pending_deps = 0 AND t.subtask_count = 0"
            + " ORDER BY t.project_id, t.seq"
            + " LIMIT ?";

    /**
     * "Ready" for a row found by id, as {@code READY_BY_ID} says it (tasks aliased {@code t}). Deliberately not the
     * form of the partial index {@code tasks_ready} ({@code = 0}), which would tempt the planner away from the
     * primary key for a lookup by id.
     */
    private static final String READY_BY_ID_SQL =
            "t.status = 'todo' AND t.assignee IS NULL AND t.pending_deps <= 0 AND t.subtask_count <= 0";

    /** The dependencies of the task aliased {@code alias}, oldest first, as an array column named {@code deps}. */
    private static String depsOf(String alias) {
        return " ARRAY(SELECT d.depends_on FROM task_dependencies d JOIN tasks dt ON dt.id = d.depends_on"
                + " WHERE d.task_id = " + alias + ".id ORDER BY dt.seq) AS deps";
    }

    /** {@link #taskColumns()} of the table aliased {@code alias}, comma-separated, in order. */
    private static String columnsOf(String alias) {
        StringBuilder columns = new StringBuilder();
        for (Field<?> f : taskColumns()) {
            columns.append(columns.length() == 0 ? "" : ", ").append(alias).append('.').append(f.getName());
        }
        return columns.toString();
    }

    /**
     * The claim in one statement (one round trip): it checks the agent and what it holds, locks the first still-ready
     * candidate in rank order with {@code FOR UPDATE SKIP LOCKED} (candidates that concurrent claims hold are passed
     * over, never waited for; only that one row is locked), takes it, notes the agent was seen and appends
     * {@code task_assigned} with the new epoch, and returns the task with its dependencies. Candidates are looked up
     * by primary key (see {@code READY_BY_ID}). The unique index {@code tasks_one_per_agent} still refuses a second
     * task of one agent claimed concurrently by another process.
     */
    @Override
    protected Optional<Task> claim(DSLContext ctx, AgentId agent, List<String> wanted, Instant leaseExpiresAt, Instant now) {
        List<Object> binds = new ArrayList<>();
        String[] ids = wanted.toArray(new String[0]);
        long at = now.toEpochMilli();
        binds.add(agent.value());                                   // me
        binds.add(ids);                                             // pick
        binds.add(ids);
        binds.add(agent.value());                                   // claimed
        binds.add(leaseExpiresAt.toEpochMilli());
        binds.add(at);
        binds.add(at);
        binds.add(at);                                              // seen
        binds.add(at);
        binds.add(agent.value());
        binds.add(workspace());                                     // event
        binds.add(agent.value());
        binds.add(leaseExpiresAt.toString());
        binds.add(at);
        binds.add(at);
        binds.add(at);
        try (java.sql.ResultSet rs = ctx.resultQuery(CLAIM_SQL, binds.toArray()).fetchResultSet()) {
            if (!rs.next() || rs.getInt("agent_found") == 0) {
                throw new NotFoundException("agent_id", "agent '" + agent + "' is not registered");
            }
            // judged in the claim's own statement, so that a pause racing a request can never be lost
            long pausedAt = rs.getLong("paused_at");
            if (!rs.wasNull()) {
                throw agentPaused(agent, pausedAt);
            }
            String held = rs.getString("held");
            if (held != null) {
                throw agentBusy(agent, held);
            }
            if (rs.getString("id") == null) {
                return Optional.empty();
            }
            return Optional.of(readTask(rs, 4, ids(rs.getArray("deps"))));
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("claiming a task: " + e.getMessage(), e);
        }
    }

    private static final String CLAIM_SQL = claimSql();

    private static String claimSql() {
        return "WITH me AS ("
                + " SELECT a.id, a.paused_at, (SELECT t.id FROM tasks t WHERE t.assignee = a.id) AS held FROM agents a WHERE a.id = ?"
                + "), pick AS ("
                + " SELECT t.id FROM tasks t, me"
                + " WHERE t.id = ANY (?::text[]) AND me.held IS NULL AND me.paused_at IS NULL"
                + " AND " + READY_BY_ID_SQL
                + " ORDER BY array_position(?::text[], t.id)"
                + " LIMIT 1"
                + " FOR UPDATE OF t SKIP LOCKED"
                + "), claimed AS ("
                + " UPDATE tasks t SET status = 'in_progress', assignee = ?, lease_epoch = t.lease_epoch + 1,"
                + " lease_expires_at = ?, assigned_at = ?, progress = 0, last_message = '', last_report_at = NULL,"
                + " updated_at = ?"
                + " FROM pick WHERE t.id = pick.id"
                + " RETURNING t.*"
                + "), seen AS ("
                + " UPDATE agents SET last_seen_at = ?, updated_at = ? WHERE id = ? AND EXISTS (SELECT 1 FROM claimed)"
                + "), event AS ("
                // the data as the other writes store it: a JSON object of strings with sorted keys, no spaces
                + " INSERT INTO events (workspace_id, type, project_id, task_id, agent_id, data, at, created_at, updated_at)"
                + " SELECT ?, 'task_assigned', c.project_id, c.id, ?,"
                + " '{\"lease_epoch\":\"' || c.lease_epoch || '\",\"lease_expires_at\":\"' || ? || '\"}', ?, ?, ?"
                + " FROM claimed c"
                + ")"
                + " SELECT (SELECT count(*) FROM me) AS agent_found, (SELECT held FROM me) AS held,"
                + " (SELECT paused_at FROM me) AS paused_at, " + columnsOf("c") + ","
                + depsOf("c")
                + " FROM (SELECT 1) one LEFT JOIN claimed c ON true";
    }

    /**
     * The completion in one statement plus the project check: the update of the task (only while the reporter holds it
     * at the epoch it reports, re-checked on the newest row version when a concurrent write changed it), the agent's
     * count, {@code task_completed}, and the dependents' {@code pending_deps}, returning the finished row with its
     * dependencies and the dependents that became ready. Then {@link #completeProjectIfDone} as in the shared path
     * (the witness, in a statement of its own that sees this update). A subtask (its parent's counters, perhaps the
     * parent's completion) and every refusal take the shared step-by-step path: nothing was written then.
     */
    @Override
    protected Optional<Completion> completeAtOnce(DSLContext ctx, ProgressReport report, Instant now) {
        long at = now.toEpochMilli();
        String message = report.message() == null || report.message().isEmpty() ? null : report.message();
        Field<Long> epoch = DSL.val(report.expectedEpoch(), SQLDataType.BIGINT);
        Object[] binds = {
            at, report.tokensUsed(), report.costUsd(), at, at, DSL.val(message, SQLDataType.VARCHAR),   // done
            report.task().value(), report.agent().value(), epoch, epoch,
            at, at, report.agent().value(),                                                          // credited
            workspace(), report.agent().value(), completionEventData(report), at, at, at,            // event
            at, report.task().value(),                                                               // dependents
        };
        Task task;
        ProjectId project;
        List<TaskId> unblocked = new ArrayList<>();
        try (java.sql.ResultSet rs = ctx.resultQuery(COMPLETE_SQL, binds).fetchResultSet()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            task = readTask(rs, 1, ids(rs.getArray("deps")));
            unblocked.addAll(ids(rs.getArray("unblocked")));
            project = task.projectId();
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("completing a task: " + e.getMessage(), e);
        }
        boolean complete = completeProjectIfDone(ctx, project, now);
        return Optional.of(new Completion(task, unblocked, List.of(), complete));
    }

    private static List<TaskId> ids(java.sql.Array array) throws SQLException {
        List<TaskId> out = new ArrayList<>();
        if (array != null) {
            for (Object id : (Object[]) array.getArray()) {
                out.add(new TaskId((String) id));
            }
        }
        return out;
    }

    private static final String COMPLETE_SQL = completeSql();

    private static String completeSql() {
        return "WITH done AS ("
                + " UPDATE tasks t SET status = 'done', assignee = NULL, lease_expires_at = NULL, progress = 100,"
                + " last_report_at = ?, tokens_used = t.tokens_used + ?, cost_usd = t.cost_usd + ?, completed_at = ?,"
                + " updated_at = ?, last_message = COALESCE(?::text, t.last_message)"
                + " WHERE t.id = ? AND t.status <> 'done' AND t.assignee = ? AND t.parent_id IS NULL"
                + " AND (?::bigint IS NULL OR t.lease_epoch = ?::bigint)"
                + " RETURNING t.*"
                + "), credited AS ("
                + " UPDATE agents SET completed_tasks = completed_tasks + 1, last_seen_at = ?, updated_at = ?"
                + " WHERE id = ? AND EXISTS (SELECT 1 FROM done)"
                + "), event AS ("
                + " INSERT INTO events (workspace_id, type, project_id, task_id, agent_id, data, at, created_at, updated_at)"
                + " SELECT ?, 'task_completed', d.project_id, d.id, ?, ?, ?, ?, ? FROM done d"
                + "), dependents AS ("
                + " UPDATE tasks t SET pending_deps = t.pending_deps - 1, updated_at = ?"
                + " FROM task_dependencies dep"
                + " WHERE dep.depends_on = ? AND t.id = dep.task_id AND EXISTS (SELECT 1 FROM done)"
                // the values after this update: ready as READY_BY_ID says
                + " RETURNING t.id, t.seq, (" + READY_BY_ID_SQL + ") AS ready"
                + ")"
                + " SELECT " + columnsOf("c") + ","
                + depsOf("c") + ","
                + " ARRAY(SELECT u.id FROM dependents u WHERE u.ready ORDER BY u.seq) AS unblocked"
                + " FROM done c";
    }

    /** max + 1 is only safe while one writer numbers a table: a transaction-scoped advisory lock per table makes it so. */
    @Override
    protected long nextSequence(DSLContext ctx, Table<?> table, Field<Long> seq) {
        ctx.fetch("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.seq.' || ?))", table.getName());
        return super.nextSequence(ctx, table, seq);
    }

    @Override
    protected void putSetting(DSLContext ctx, String key, String value, Instant now) {
        ctx.execute("INSERT INTO settings (workspace_id, name, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (workspace_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                workspace(), key, value, now.toEpochMilli(), now.toEpochMilli());
    }

    @Override
    protected boolean tryLockSweep(DSLContext ctx) {
        Record r = ctx.fetchOne("SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.marcus.lease_sweeper'))");
        return r != null && Boolean.TRUE.equals(r.get(0, Boolean.class));
    }

    // ==== statistics ============================================================================================

    /**
     * How many tasks one write may add before the planner's statistics are refreshed. Without fresh statistics a new
     * project's rows are estimated at one, and the planner walks the whole project (or the whole partial index of
     * ready tasks) on every claim: 20,000 fresh tasks made each claim cost 30 to 90 ms until autovacuum analysed the
     * table, and a server without autovacuum never recovers.
     */
    static final int ANALYZE_AFTER_TASKS = 500;

    @Override
    public Project createProject(NewProject project, List<NewTask> tasks, Instant now) {
        Project created = super.createProject(project, tasks, now);
        analyzeAfter(tasks.size());
        return created;
    }

    @Override
    public List<Task> addTasks(ProjectId projectId, List<NewTask> tasks, GraphCheck check, Instant now) {
        List<Task> added = super.addTasks(projectId, tasks, check, now);
        analyzeAfter(tasks.size());
        return added;
    }

    /** Refreshes the statistics of the task tables after a large insert (after its commit; a failure only logs). */
    private void analyzeAfter(int tasks) {
        if (tasks < ANALYZE_AFTER_TASKS) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE tasks, task_dependencies");
        } catch (SQLException e) {
            LOG.warn("{}: could not refresh the planner's statistics after adding {} tasks: {}", describe(), tasks,
                    e.getMessage());
        }
    }

    // ==== the rest ==============================================================================================

    /** The connection pool, for tools that work on the same database (migration, export, benchmarks). */
    public DataSource dataSource() {
        return pool;
    }

    /** The schema this backend lives in. */
    public String schema() {
        return schema;
    }

    /** Where this backend is, password never included. */
    public PostgresUrl url() {
        return url;
    }

    @Override
    public String describe() {
        return describe(url, schema);
    }

    @Override
    public void close() {
        pool.close();
    }
}
