package dev.marcus.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.cli.CliRunner;
import dev.marcus.core.MarcusCore;
import dev.marcus.core.service.ProjectService;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresTestDatabase;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code marcus init --team} and {@code upgrade --team} on an empty home, in-process, on a real PostgreSQL. */
class InitTeamIT {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    private static final String PASSWORD = "correct horse battery\n";

    @TempDir
    Path dir;

    private CliRunner.Run run(Path home, String stdin, String... args) {
        return CliRunner.run(home, stdin, args);
    }

    private String[] init(String schema, String... more) {
        String[] base = {"init", "--team", "--database-url", PG.urlString(), "--schema", schema,
            "--admin-email", "Ada@Example.com", "--admin-password-stdin"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void initTeam_makesTheSchemaTheAdminAndTheConfiguration_andSaysWhatToDoNext() throws Exception {
        String schema = PG.reserveSchema("init");
        Path home = dir.resolve("home");

        CliRunner.Run first = run(home, PASSWORD, init(schema));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Initialised a team install")
                .contains("schema version " + PostgresStorageBackend.knownSchemaVersion())
                .contains("first admin: ada@example.com")
                .contains("Next steps:").contains("marcus serve --host 0.0.0.0").contains("marcus user add")
                .contains("marcus token create");
        Path config = home.resolve("config.properties");
        assertThat(Files.readString(config)).contains("profile=team").contains("database.schema=" + schema);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        try (Connection c = PG.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT u.role, u.password_hash, (SELECT count(*) FROM " + schema
                     + ".audit_log a WHERE a.action = 'user.add') FROM " + schema + ".users u")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("admin");
            assertThat(rs.getString(2)).startsWith("$argon2id$");
            assertThat(rs.getInt(3)).isEqualTo(1);
            assertThat(rs.next()).as("one user").isFalse();
        }
        // every command of this home now works on the team profile
        CliRunner.Run status = run(home, null, "status");
        assertThat(status.out()).contains("profile team").contains("schema " + schema);

        CliRunner.Run again = run(home, null, init(schema));
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("already a team install").contains("nothing changed");
    }

    @Test
    void initTeam_refusesADatabaseThatHoldsAnInstall_aHomeWithSoloWork_andAnotherConfiguredDatabase() throws Exception {
        String taken = PG.reserveSchema("taken");
        assertThat(run(dir.resolve("a"), PASSWORD, init(taken)).exit()).isZero();

        Path other = dir.resolve("b");
        CliRunner.Run intoTaken = run(other, PASSWORD, init(taken));
        assertThat(intoTaken.exit()).isEqualTo(4);
        assertThat(intoTaken.err()).contains("already holds a Marcus install (0 projects, 1 users)")
                .contains("nothing was changed").contains("MARCUS_DATABASE_SCHEMA=" + taken);
        assertThat(other.resolve("config.properties")).doesNotExist();

        Path solo = dir.resolve("solo");
        try (SqliteStorageBackend s = SqliteStorageBackend.open(solo.resolve("marcus.db"));
             MarcusCore core = MarcusCore.builder(s).build()) {
            core.projects().create("Shop", "- Schema", ProjectService.CreateOptions.NONE);
        }
        String fresh = PG.reserveSchema("fresh");
        CliRunner.Run overSolo = run(solo, PASSWORD, init(fresh));
        assertThat(overSolo.exit()).isEqualTo(4);
        assertThat(overSolo.err()).contains("holds a solo install (1 projects").contains("marcus upgrade --team");
        assertNoSchema(fresh);

        CliRunner.Run overConfigured = run(dir.resolve("a"), PASSWORD, init(fresh));
        assertThat(overConfigured.exit()).isEqualTo(4);
        assertThat(overConfigured.err()).contains("is already configured for").contains("another --home");
        assertNoSchema(fresh);
    }

    @Test
    void initTeam_badInputAndAnUnreachableServer_areClearErrors_thatWriteNothing() throws Exception {
        String schema = PG.reserveSchema("bad");
        Path home = dir.resolve("home");

        CliRunner.Run noPassword = run(home, null, "init", "--team", "--database-url", PG.urlString(), "--schema", schema,
                "--admin-email", "ada@example.com");
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.err()).contains("--admin-password-stdin").contains(InitCommand.PASSWORD_ENV);

        CliRunner.Run shortPassword = run(home, "short\n", init(schema));
        assertThat(shortPassword.exit()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("password: must be at least 12 characters");

        CliRunner.Run badEmail = run(home, PASSWORD, "init", "--team", "--database-url", PG.urlString(), "--schema",
                schema, "--admin-email", "ada", "--admin-password-stdin");
        assertThat(badEmail.exit()).isEqualTo(2);
        assertThat(badEmail.err()).contains("email: 'ada' is not an email address");

        CliRunner.Run noDatabase = run(home, PASSWORD, "init", "--team", "--admin-email", "ada@example.com",
                "--admin-password-stdin");
        assertThat(noDatabase.exit()).isEqualTo(6);
        assertThat(noDatabase.err()).contains("set DATABASE_URL");

        CliRunner.Run unreachable = run(home, PASSWORD, "init", "--team", "--database-url",
                "postgres://marcus:s3cret@127.0.0.1:1/marcus", "--admin-email", "ada@example.com", "--admin-password-stdin");
        assertThat(unreachable.exit()).isEqualTo(5);
        assertThat(unreachable.err()).contains("cannot reach the database server").doesNotContain("s3cret")
                .contains("warning: the password in --database-url is visible to other users");

        assertThat(home.resolve("config.properties")).doesNotExist();
        assertNoSchema(schema);
    }

    @Test
    void upgradeTeam_onAnEmptyHome_startsANewTeamInstall_insteadOfFailing() throws Exception {
        String schema = PG.reserveSchema("upgrade");
        Path home = dir.resolve("empty");
        CliRunner.Run r = run(home, PASSWORD, "upgrade", "--team", "--to", PG.urlString(), "--schema", schema,
                "--admin-email", "grace@example.com", "--admin-password-stdin");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("No solo install in " + home + " to move; starting a new team install")
                .contains("first admin: grace@example.com").contains("Next steps:");
        assertThat(Files.readString(home.resolve("config.properties"))).contains("profile=team");
        assertThat(run(home, null, "user", "list").out()).contains("grace@example.com").contains("admin");
    }

    private static void assertNoSchema(String schema) throws Exception {
        try (Connection c = PG.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + schema + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("schema " + schema + " was not created").isZero();
        }
    }
}
