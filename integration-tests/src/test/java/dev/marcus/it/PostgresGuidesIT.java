package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.storage.postgres.PostgresTestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's PostgreSQL recipes, run as written: docs/operations/postgresql.md's grants for a schema of its own
 * (a role that is not a superuser and may not create schemas starts a team install), and docs/operations/upgrading.md's
 * backup and rollback (after a newer Marcus's migration, the older one refuses, explains, and works again once the
 * backup is restored). Names and addresses of the pages are replaced by the test's own.
 */
class PostgresGuidesIT {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    @TempDir
    Path dir;

    @Test
    void aRoleWithTheGrantsOfTheGuide_startsATeamInstall_inItsOwnSchema() throws Exception {
        MarkdownDoc.Block grants = MarkdownDoc.read("docs/operations/postgresql.md").blocks("sql").stream()
                .filter(b -> b.text().contains("CREATE SCHEMA")).findFirst()
                .orElseThrow(() -> new AssertionError("postgresql.md has no SQL creating a schema of its own"));
        String role = PG.reserveSchema("grants");
        String database = PG.url().jdbcUrl().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        String sql = grants.text().replace("marcus_app", role).replace("DATABASE shared", "DATABASE " + database);
        try {
            for (String statement : sql.split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    PG.execute(statement);
                }
            }
            String url = "jdbc:postgresql://" + PG.url().jdbcUrl().replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1")
                    + "/" + database + "?user=" + role + "&password=a%20long%20random%20password";
            Map<String, String> env = Map.of("DATABASE_URL", url, "MARCUS_DATABASE_SCHEMA", role,
                    "MARCUS_ADMIN_PASSWORD", "a long admin passphrase");
            Path home = dir.resolve("home");
            MarcusCli.Result init = MarcusCli.run(home, env, null, "init", "--team", "--admin-email", "ada@example.com");
            assertThat(init.exit()).as(init.err()).isZero();
            MarcusCli.Result status = MarcusCli.run(home, Map.of(), null, "status");
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("profile team").contains("schema " + role);
        } finally {
            PG.execute("DROP SCHEMA IF EXISTS " + role + " CASCADE");
            PG.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
                    + "EXECUTE 'DROP OWNED BY " + role + "'; EXECUTE 'DROP ROLE " + role + "'; END IF; END $$");
        }
    }

    @Test
    void theUpgradeGuidesBackupAndRollback_bringTheOlderMarcusBack() throws Exception {
        requireTools("pg_dump", "pg_restore", "psql");
        MarkdownDoc page = MarkdownDoc.read("docs/operations/upgrading.md");
        List<MarkdownDoc.Block> bash = page.blocks("bash");
        MarkdownDoc.Block backup = bash.stream().filter(b -> b.text().contains("pg_dump")).findFirst().orElseThrow();
        MarkdownDoc.Block restore = bash.stream().filter(b -> b.text().contains("pg_restore")).findFirst().orElseThrow();
        String schema = PG.reserveSchema("rollback");
        Path home = dir.resolve("home");
        Map<String, String> env = Map.of("DATABASE_URL", PG.urlString(), "MARCUS_DATABASE_SCHEMA", schema);
        try (MarcusServer server = MarcusServer.start(home, env)) {
            assertThat(server.call("create_project", MarcusServer.args("project_name", "Before the upgrade",
                    "description", "- Schema\n- API (after Schema)"))).containsEntry("success", true);
        }

        shell(concrete(backup.text(), schema));

        // a newer Marcus migrates: a migration this build does not know, and a table it does not know
        PG.execute("INSERT INTO " + schema + ".flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', "
                + "'V99__future.sql', 0, 'test', 1, true)");
        PG.execute("CREATE TABLE " + schema + ".from_the_future (x int)");
        MarcusCli.Result refused = MarcusCli.run(home, env, null, "status");
        assertThat(refused.exit()).isEqualTo(5);
        assertThat(refused.err()).contains("this database's schema is at version 99").contains("restore the backup");

        shell(concrete(restore.text(), schema));

        MarcusCli.Result back = MarcusCli.run(home, env, null, "status");
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.out()).contains("Before the upgrade");
    }

    /** The page's commands with the test's database, schema and a scratch directory for the dump. */
    private String concrete(String commands, String schema) {
        String url = "postgresql://" + PG.url().jdbcUrl().replaceFirst("^jdbc:postgresql://", "");
        return commands.replace("postgresql://marcus@db.internal:5432/marcus", url)
                .replace("--schema=public", "--schema=" + schema)
                .replace("DROP SCHEMA public", "DROP SCHEMA " + schema)
                .replace("marcus-before-upgrade.dump", dir.resolve("marcus-before-upgrade.dump").toString());
    }

    private static void shell(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(script + "\n" + out).isZero();
    }

    private static void requireTools(String... tools) {
        for (String tool : tools) {
            boolean found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                    .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
            if (!found) {
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException(tool + " is not installed (CI=true: install postgresql-client)");
                }
                Assumptions.abort(tool + " is not installed");
            }
        }
    }
}
