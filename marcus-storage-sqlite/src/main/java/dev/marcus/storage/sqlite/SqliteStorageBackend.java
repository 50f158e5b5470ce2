package dev.marcus.storage.sqlite;

import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.storage.sql.SchemaMigrations;
import dev.marcus.storage.sql.SqlStorageBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.SQLDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The storage port on one SQLite file, shared safely by several processes: WAL journal, every write in a
 * {@code BEGIN IMMEDIATE} transaction (so a writer takes the file's write lock before reading what it will change),
 * a busy timeout, and a retry of the whole transaction when the lock stays busy longer than that.
 */
public final class SqliteStorageBackend extends SqlStorageBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStorageBackend.class);
    /** How long SQLite itself waits for the write lock before answering SQLITE_BUSY. */
    static final int BUSY_TIMEOUT_MILLIS = 15_000;
    /** Connections per backend instance; writes are serialised by the file lock anyway, reads run in parallel. */
    static final int POOL_SIZE = 4;
    static final String MIGRATIONS = "classpath:db/migration/sqlite";
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CONSTRAINT = 19;

    private final Path file;
    private final SqliteConnections connections;

    private SqliteStorageBackend(Path file, SqliteConnections connections, String schemaVersion) {
        super(connections, SQLDialect.SQLITE, "sqlite:" + file, schemaVersion);
        this.file = file;
        this.connections = connections;
    }

    /**
     * Opens (creating it and its parent directories when missing) the database in {@code dbFile} and brings its
     * schema up to date.
     *
     * @throws BackendUnavailableException when the file cannot be created or opened, is not a Marcus database, or was
     *     written by a newer Marcus; the message names the file
     */
    public static SqliteStorageBackend open(Path dbFile) {
        Path file = dbFile.toAbsolutePath().normalize();
        String store = "sqlite:" + file;
        Path dir = file.getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException(store + ": cannot create the directory " + dir + ": " + e, e);
        }
        SQLiteDataSource dataSource = new SQLiteDataSource(config());
        dataSource.setUrl("jdbc:sqlite:" + file);
        String version = migrate(dataSource, store);
        return new SqliteStorageBackend(file, new SqliteConnections(dataSource, store, POOL_SIZE), version);
    }

    /** Pragmas every connection gets; sqlite-jdbc applies them when it opens the connection. */
    static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // used by setAutoCommit(false) (Flyway); this class starts its own transactions with BEGIN IMMEDIATE
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    /** The newest schema version this build's SQLite scripts know. */
    public static String knownSchemaVersion() {
        return SchemaMigrations.newestScript(SqliteStorageBackend.class.getClassLoader(), MIGRATIONS.substring("classpath:".length()));
    }

    private static String migrate(SQLiteDataSource dataSource, String store) {
        Flyway flyway = Flyway.configure(SqliteStorageBackend.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .load();
        FlywayException last = null;
        // two processes opening a new file at once race to create the schema; the loser finds it done on retry
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return SchemaMigrations.migrate(flyway, store);
            } catch (FlywayException e) {
                last = e;
                LOG.debug("{}: migration attempt {} failed: {}", store, attempt, e.getMessage());
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new BackendUnavailableException(store + ": cannot open or migrate the database: "
                + (last == null ? "interrupted" : last.getMessage()), last);
    }

    @Override
    protected void beginWrite(Connection c) throws SQLException {
        exec(c, "BEGIN IMMEDIATE");
    }

    @Override
    protected void beginRead(Connection c) throws SQLException {
        exec(c, "BEGIN DEFERRED");
    }

    @Override
    protected void commit(Connection c) throws SQLException {
        exec(c, "COMMIT");
    }

    @Override
    protected void rollback(Connection c) throws SQLException {
        if (!c.isClosed()) {
            exec(c, "ROLLBACK");
        }
    }

    @Override
    protected boolean isRetryable(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLITE_BUSY || code == SQLITE_LOCKED;
    }

    @Override
    protected boolean isConstraintViolation(SQLException e) {
        return (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "sqlite:" + file;
    }

    @Override
    public void close() {
        connections.close();
    }
}
