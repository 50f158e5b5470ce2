package dev.marcus.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.model.ProjectId;
import dev.marcus.storage.sql.SqlStorageBackend;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.SelectForUpdateStep;
import org.jooq.Table;
import org.jooq.impl.DataSourceConnectionProvider;

/**
 * The storage port on PostgreSQL, shared by any number of processes: a HikariCP pool, Flyway migrations in
 * {@code db/migration/postgres}, claims that lock their candidates with {@code FOR UPDATE SKIP LOCKED}, creation-order
 * numbers handed out under a transaction-scoped advisory lock, and a lease sweep that runs in one process at a time
 * ({@code pg_try_advisory_xact_lock}). Each instance lives in one schema (default {@code public}), so tenants and test
 * classes can be kept apart.
 */
public final class PostgresStorageBackend extends SqlStorageBackend {
    static final String MIGRATIONS = "classpath:db/migration/postgres";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final HikariDataSource pool;
    private final PostgresUrl url;
    private final String schema;

    private PostgresStorageBackend(HikariDataSource pool, PostgresUrl url, String schema, String store) {
        super(new DataSourceConnectionProvider(pool), SQLDialect.POSTGRES, store);
        this.pool = pool;
        this.url = url;
        this.schema = schema;
    }

    /** Opens the database at {@code url} in schema {@code public}; see {@link #open(PostgresUrl, String, int)}. */
    public static PostgresStorageBackend open(String url) {
        return open(PostgresUrl.parse(url), null, 10);
    }

    /**
     * Connects, creates the schema when missing and brings it up to date.
     *
     * @param schema the schema to live in (lower-case letters, digits, underscores), or null for {@code public}
     * @param poolSize the most connections this instance opens
     * @throws BackendUnavailableException when the database cannot be reached, refuses the credentials, does not
     *     exist, or holds a schema written by a newer Marcus; the message names the (masked) URL and the cause
     */
    public static PostgresStorageBackend open(PostgresUrl url, String schema, int poolSize) {
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
        HikariDataSource pool;
        try {
            createSchema(url, s, store);
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException | SQLException e) {
            throw connectFailure(store + " (pool " + poolName + ")", e);
        }
        try {
            migrate(pool, s, store);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PostgresStorageBackend(pool, url, s, store);
    }

    /** How a backend on {@code url} and {@code schema} names itself: the masked URL and the schema. */
    static String describe(PostgresUrl url, String schema) {
        return url.masked() + ("public".equals(schema) ? "" : " (schema " + schema + ")");
    }

    /** Creates the schema before the pool exists: the pool's connections select it as soon as they open. */
    private static void createSchema(PostgresUrl url, String schema, String store) throws SQLException {
        if ("public".equals(schema)) {
            return;
        }
        java.util.Properties p = new java.util.Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        p.setProperty("connectTimeout", "5");
        try (Connection c = new org.postgresql.Driver().connect(url.jdbcUrl(), p);
             Statement st = c.createStatement()) {
            if (c == null) {
                throw new SQLException(store + ": the URL is not a PostgreSQL URL", "08001");
            }
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
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

    private static void migrate(DataSource dataSource, String schema, String store) {
        Flyway flyway = flyway(dataSource, schema);
        try {
            // Flyway serialises concurrent migrations of one schema with its own advisory lock
            refuseNewerSchema(flyway, store);
            flyway.migrate();
        } catch (FlywayException e) {
            throw new BackendUnavailableException(store + ": cannot migrate the database: " + e.getMessage(), e);
        }
    }

    private static void refuseNewerSchema(Flyway flyway, String store) {
        MigrationVersion known = MigrationVersion.EMPTY;
        MigrationVersion newest = null;
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getVersion() == null) {
                continue;
            }
            if (m.getState().name().startsWith("FUTURE")) {
                newest = newest == null || m.getVersion().isNewerThan(newest.getVersion()) ? m.getVersion() : newest;
            } else if (m.getState().isResolved() && m.getVersion().isNewerThan(known.getVersion())) {
                known = m.getVersion();
            }
        }
        if (newest != null) {
            throw new BackendUnavailableException(store + ": the database was written by a newer Marcus (schema version "
                    + newest + "; this version knows up to " + known + "). Upgrade Marcus to use this database.", null);
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

    /** The lock is held to commit, so the count that follows sees every completion that took it before. */
    @Override
    protected void beforeProjectCompletionCheck(DSLContext ctx, ProjectId project) {
        ctx.fetch("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.project.' || ?))", project.value());
    }

    @Override
    protected boolean locksCandidateRows() {
        return true;
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
