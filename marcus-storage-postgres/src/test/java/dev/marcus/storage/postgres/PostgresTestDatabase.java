package dev.marcus.storage.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A real PostgreSQL for a test class, in a schema of its own (created before the class, dropped with everything in it
 * after). Where the database comes from, in order: {@code MARCUS_TEST_PG_URL} (a {@code jdbc:postgresql:} or
 * {@code postgres://} URL), else a Testcontainers container when a Docker engine is found, else the class is skipped,
 * except when {@code CI=true}: CI must never skip these tests silently, so the class fails instead.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresTestDatabase PG = new PostgresTestDatabase();
 * ... PG.open() ... PG.url() ... PG.schema()
 * }</pre>
 *
 * Shipped in this module's test-jar so that integration tests use the same rules.
 */
public final class PostgresTestDatabase implements BeforeAllCallback, AfterAllCallback {
    public static final String ENV = "MARCUS_TEST_PG_URL";

    private PostgresUrl url;
    private String schema;
    private final List<String> extraSchemas = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        url = locate();
        schema = newSchemaName(context.getRequiredTestClass().getSimpleName());
        execute("CREATE SCHEMA " + schema);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (url == null) {
            return;
        }
        List<String> all = new ArrayList<>(extraSchemas);
        all.add(schema);
        for (String s : all) {
            execute("DROP SCHEMA IF EXISTS " + s + " CASCADE");
        }
    }

    /** The database, from the environment or a container; aborts (skips) or fails the class when there is none. */
    static PostgresUrl locate() {
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return PostgresUrl.parse(fromEnv);
        }
        if (dockerAvailable()) {
            return PostgresUrl.parse(DockerPostgres.jdbcUrl());
        }
        String why = "no PostgreSQL for the tests: set " + ENV + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)"
                + " or run a Docker engine for Testcontainers";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + " (CI=true: PostgreSQL tests may not be skipped in CI)");
        }
        throw new TestAbortedException(why);
    }

    private static boolean dockerAvailable() {
        String host = System.getenv("DOCKER_HOST");
        return (host != null && !host.isBlank()) || Files.exists(Path.of("/var/run/docker.sock"));
    }

    /** The database URL (without a schema). */
    public PostgresUrl url() {
        return url;
    }

    /** The URL as a string that {@code DATABASE_URL} or {@code --to} accept. */
    public String urlString() {
        if (url.user() == null) {
            return url.jdbcUrl();
        }
        String sep = url.jdbcUrl().contains("?") ? "&" : "?";
        return url.jdbcUrl() + sep + "user=" + url.user() + (url.password() == null ? "" : "&password=" + url.password());
    }

    /** This class's schema. */
    public String schema() {
        return schema;
    }

    /** A backend in this class's schema (migrated on first open). */
    public PostgresStorageBackend open() {
        return PostgresStorageBackend.open(url, schema, 8);
    }

    /** Another empty schema, dropped with the class's; for tests that need several stores at once. */
    public String newSchema(String hint) throws SQLException {
        String s = newSchemaName(hint);
        execute("CREATE SCHEMA " + s);
        extraSchemas.add(s);
        return s;
    }

    /** A schema name nobody uses yet, not created (for tests of creating it), dropped with the class's. */
    public String reserveSchema(String hint) {
        String s = newSchemaName(hint);
        extraSchemas.add(s);
        return s;
    }

    /** Empties every Marcus table of this class's schema and restarts the event ids. */
    public void truncate() throws SQLException {
        execute("DO $$ BEGIN IF to_regclass('" + schema + ".projects') IS NOT NULL THEN "
                + "TRUNCATE " + schema + ".projects, " + schema + ".tasks, " + schema + ".task_dependencies, "
                + schema + ".agents, " + schema + ".decisions, " + schema + ".artifacts, " + schema + ".blockers, "
                + schema + ".events, " + schema + ".settings, " + schema + ".experiments, " + schema + ".users, "
                + schema + ".sessions, " + schema + ".api_tokens, " + schema + ".audit_log, "
                + schema + ".jobs, " + schema + ".job_runs, " + schema + ".webhooks, " + schema + ".github_hooks, "
                + schema + ".task_links, " + schema + ".analytics_rollups RESTART IDENTITY CASCADE; END IF; END $$");
    }

    /** Runs one statement on the database as the test user. */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A plain JDBC connection (search path: this class's schema). */
    public Connection connect() throws SQLException {
        java.util.Properties p = new java.util.Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        Connection c = DriverManager.getConnection(url.jdbcUrl(), p);
        if (schema != null) {
            c.setSchema(schema);
        }
        return c;
    }

    private static String newSchemaName(String hint) {
        String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        return "t_" + base + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    /** Testcontainers, touched only when a Docker engine is there (its classes need not be on the path otherwise). */
    private static final class DockerPostgres {
        private static org.testcontainers.containers.PostgreSQLContainer<?> container;

        static synchronized String jdbcUrl() {
            if (container == null) {
                container = new org.testcontainers.containers.PostgreSQLContainer<>("postgres:15-alpine");
                container.start();
            }
            return container.getJdbcUrl() + "&user=" + container.getUsername() + "&password=" + container.getPassword();
        }
    }
}
