package dev.marcus.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.core.account.ApiToken;
import dev.marcus.core.account.AuditEntry;
import dev.marcus.core.account.LoginSession;
import dev.marcus.core.account.User;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Role;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.BlockerSeverity;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.ProgressReport;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresTestDatabase;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The SQLite → PostgreSQL migration and the JSON Lines dump, end to end through the commands, on real databases. */
class SqliteToPostgresIT {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();
    private static final ProjectId P = new ProjectId("shop");
    private static final int TASKS = 10_000;
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

    @TempDir
    static Path home;
    static Path db;

    @BeforeAll
    static void seed() throws Exception {
        db = home.resolve("marcus.db");
        try (SqliteStorageBackend s = SqliteStorageBackend.open(db)) {
            List<NewTask> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                List<TaskId> deps = i >= 5 && i % 2 == 0 ? List.of(new TaskId("t" + (i - 5))) : List.of();
                tasks.add(new NewTask(new TaskId("t" + i), "Task " + i, "line one\nline\ttwo \\ \"q\" é", Priority.values()[i % 4],
                        List.of("backend", "l" + (i % 7)), deps, List.of(), i % 3 == 0 ? null : i / 3.0,
                        List.of("works"), null));
            }
            s.createProject(new NewProject(P, "Shop", "desc", "/tmp/shop"), tasks, T0);
            s.setActiveProject(P, T0);
            s.registerAgent(new AgentRegistration(new AgentId("a1"), P, "A1", "dev", List.of("java")), T0);
            var claimed = s.claimFirstReady(new AgentId("a1"), List.of(new TaskId("t1")), T0.plusSeconds(600), T0).orElseThrow();
            s.completeTask(new ProgressReport(claimed.id(), new AgentId("a1"), claimed.leaseEpoch(), 100, "done", 10, 0.25), T0);
            s.claimFirstReady(new AgentId("a1"), List.of(new TaskId("t3")), T0.plusSeconds(600), T0).orElseThrow();
            s.addDecision(new Decision("d1", P, new TaskId("t1"), new AgentId("a1"), "Use X because Y", "Use X", "Y", "", T0));
            // V6: a paused agent, and a blocker a human resolved (resolved_at stamped)
            s.registerAgent(new AgentRegistration(new AgentId("a2"), P, "A2", "qa", List.of()), T0);
            var blocked = s.claimFirstReady(new AgentId("a2"), List.of(new TaskId("t5")), T0.plusSeconds(600), T0).orElseThrow();
            s.blockTask(new ProgressReport(blocked.id(), new AgentId("a2"), null, -1, "no credentials", 0, 0),
                    new Blocker("blk-1", blocked.id(), new AgentId("a2"), "no credentials", BlockerSeverity.HIGH, T0, null), T0);
            s.unassignTask(blocked.id(), null, "blocker_resolved", T0.plusSeconds(60));
            s.setAgentPaused(new AgentId("a2"), true, T0.plusSeconds(90));
            // V5: accounts travel with the data
            s.accounts().addUser(new User("user-1", "ada@example.com", Role.ADMIN, "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA",
                    T0, T0.plusSeconds(5), 0, null));
            s.accounts().addSession(new LoginSession("session-hash", "user-1", "csrf", T0, T0.plusSeconds(3600)));
            s.accounts().addToken(new ApiToken("tok-1", "bot", P, Role.DEVELOPER, "token-hash", "mrc_abcd", "user-1", T0,
                    null, null));
            s.accounts().appendAudit(new AuditEntry(0, T0, "user:ada@example.com", "task.add", "t1", P, null, "Task t1"));
        }
    }

    @Test
    void upgradeTeam_createsTheFirstAdmin_withAnArgon2idHash_andASecondRunChangesNothing(@TempDir Path fresh) throws Exception {
        String schema = PG.newSchema("upgrade");
        try (SqliteStorageBackend s = SqliteStorageBackend.open(fresh.resolve("marcus.db"))) {
            s.createProject(new NewProject(new ProjectId("proj-up"), "Up", "", null), List.of(new NewTask(new TaskId("u1"),
                    "U1", "", Priority.MEDIUM, List.of(), List.of(), List.of(), null, List.of(), null)), T0);
        }
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("first admin passphrase\n".getBytes()));
            assertThat(run("--home", fresh.toString(), "upgrade", "--team", "--to", PG.urlString(), "--schema", schema,
                    "--admin-email", "Root@Example.com", "--admin-password-stdin")).isZero();
            System.setIn(new java.io.ByteArrayInputStream("another passphrase!\n".getBytes()));
            assertThat(run("--home", fresh.toString(), "upgrade", "--team", "--to", PG.urlString(), "--schema", schema,
                    "--admin-email", "other@example.com", "--admin-password-stdin")).isZero();
        } finally {
            System.setIn(stdin);
        }
        try (PostgresStorageBackend pg = PostgresStorageBackend.open(PG.url(), schema, 2)) {
            assertThat(pg.accounts().listUsers()).singleElement().satisfies(u -> {
                assertThat(u.email()).isEqualTo("root@example.com");
                assertThat(u.role()).isEqualTo(Role.ADMIN);
                assertThat(u.passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("passphrase");
            });
            assertThat(new dev.marcus.security.Argon2idPasswordHasher().verify("first admin passphrase".toCharArray(),
                    pg.accounts().listUsers().get(0).passwordHash())).isTrue();
            assertThat(pg.accounts().audit(0, null, 10)).extracting(AuditEntry::action).containsExactly("user.add");
        }
    }

    @Test
    void credentialsTheServerRefuses_giveAClearErrorAndTheUnavailableExitCode(@TempDir Path elsewhere) throws Exception {
        String hostPort = PG.url().jdbcUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
        Files.writeString(elsewhere.resolve(dev.marcus.cli.config.ConfigLoader.FILE_NAME),
                "profile=team\ndatabase.url=postgres://marcus_no_such_role:s3cret@" + hostPort + "/test\n");
        StringWriter err = new StringWriter();
        CommandLine cl = MarcusCommand.commandLine(new PrintStream(new java.io.ByteArrayOutputStream()));
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("--home", elsewhere.toString(), "status")).isEqualTo(5);
        assertThat(err.toString()).contains("refused the credentials").doesNotContain("s3cret");
    }

    private static int run(String... args) {
        CommandLine cl = MarcusCommand.commandLine(new PrintStream(new java.io.ByteArrayOutputStream()));
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        if (exit != 0) {
            System.err.println("marcus " + String.join(" ", args) + " -> " + exit + ": " + err);
        }
        return exit;
    }

    @Test
    void aSeededDatabase_migratesEqualFieldByField_andSwitchesTheConfiguration() throws Exception {
        String schema = PG.newSchema("full");
        long sizeBefore = Files.size(db);
        long modifiedBefore = Files.getLastModifiedTime(db).toMillis();

        assertThat(run("--home", home.toString(), "migrate", "sqlite-to-postgres", "--to", PG.urlString(), "--schema", schema)).isZero();

        try (SqliteStorageBackend s = SqliteStorageBackend.open(db);
             PostgresStorageBackend pg = PostgresStorageBackend.open(PG.url(), schema, 2)) {
            assertThat(pg.listTasks(P)).hasSize(TASKS).isEqualTo(s.listTasks(P));
            assertThat(pg.listProjects()).isEqualTo(s.listProjects());
            assertThat(pg.listAgents(P)).isEqualTo(s.listAgents(P));
            assertThat(pg.activeProject()).isEqualTo(s.activeProject());
            assertThat(pg.accounts().listUsers()).hasSize(1).isEqualTo(s.accounts().listUsers());
            assertThat(pg.accounts().listTokens(null)).hasSize(1).isEqualTo(s.accounts().listTokens(null));
            assertThat(pg.accounts().findSession("session-hash", T0)).isEqualTo(s.accounts().findSession("session-hash", T0));
            assertThat(pg.accounts().audit(0, null, 10)).hasSize(1).isEqualTo(s.accounts().audit(0, null, 10));
            // the audit trail's identity continues after the copied ids
            assertThat(pg.accounts().appendAudit(new AuditEntry(0, T0, "x", "y", null, null, null, null)).id()).isEqualTo(2);
            assertThat(pg.eventsAfter(0, null, 100_000)).isEqualTo(s.eventsAfter(0, null, 100_000));
            assertThat(pg.decisionsFor(List.of(new TaskId("t1")))).isEqualTo(s.decisionsFor(List.of(new TaskId("t1"))));
            assertThat(pg.findAgent(new AgentId("a2")).orElseThrow().pausedAt()).isEqualTo(T0.plusSeconds(90));
            assertThat(pg.blockersFor(new TaskId("t5"))).isEqualTo(s.blockersFor(new TaskId("t5")))
                    .singleElement().satisfies(b -> assertThat(b.resolvedAt()).isEqualTo(T0.plusSeconds(60)));
            // new events continue after the copied ids
            assertThat(pg.lastEventId()).isEqualTo(s.lastEventId());
        }
        assertThat(Files.size(db)).isEqualTo(sizeBefore);
        assertThat(Files.getLastModifiedTime(db).toMillis()).isEqualTo(modifiedBefore);
        String config = Files.readString(home.resolve("config.properties"));
        assertThat(config).contains("profile=team").contains("database.schema=" + schema);

        // a second run into the same target is refused without --resume (exit code 4: conflict)
        assertThat(run("--home", home.toString(), "migrate", "sqlite-to-postgres", "--to", PG.urlString(), "--schema", schema,
                "--no-config")).isEqualTo(4);
        Files.delete(home.resolve("config.properties"));
    }

    @Test
    void aMigrationInterruptedBetweenAndWithinTables_isFinishedByResume() throws Exception {
        String schema = PG.newSchema("resume");
        assertThat(run("--home", home.toString(), "migrate", "sqlite-to-postgres", "--to", PG.urlString(), "--schema", schema,
                "--no-config")).isZero();
        // what a kill leaves: the tables committed so far (here the later ones never were), and, should a table ever
        // hold part of its rows, that part
        PG.execute("TRUNCATE " + schema + ".events, " + schema + ".settings");
        PG.execute("DELETE FROM " + schema + ".decisions");
        PG.execute("DELETE FROM " + schema + ".task_dependencies WHERE task_id < 't5'");

        assertThat(run("--home", home.toString(), "migrate", "sqlite-to-postgres", "--to", PG.urlString(), "--schema", schema,
                "--no-config", "--resume")).isZero();

        try (SqliteStorageBackend s = SqliteStorageBackend.open(db);
             PostgresStorageBackend pg = PostgresStorageBackend.open(PG.url(), schema, 2)) {
            assertThat(pg.listTasks(P)).isEqualTo(s.listTasks(P));
            assertThat(pg.eventsAfter(0, null, 100_000)).isEqualTo(s.eventsAfter(0, null, 100_000));
        }
    }

    @Test
    void exportFromSqlite_importIntoPostgres_exportsTheSameBytes() throws Exception {
        String schema = PG.newSchema("dump");
        Path fromSqlite = home.resolve("sqlite.jsonl");
        Path fromPg = home.resolve("pg.jsonl");
        assertThat(run("--home", home.toString(), "export", "--out", fromSqlite.toString())).isZero();
        assertThat(Files.readAllLines(fromSqlite).get(0)).contains("\"format\":\"marcus-export\"").contains("\"version\":1");

        Path pgHome = home.resolve("pg-home");
        Files.createDirectories(pgHome);
        Files.writeString(pgHome.resolve("config.properties"), "database.url=" + PG.urlString().replace(":", "\\:").replace("=", "\\=")
                + "\ndatabase.schema=" + schema + "\n");
        assertThat(run("--home", pgHome.toString(), "import", "--in", fromSqlite.toString())).isZero();
        assertThat(run("--home", pgHome.toString(), "export", "--out", fromPg.toString())).isZero();

        assertThat(Files.readString(fromPg)).isEqualTo(Files.readString(fromSqlite));
        // importing into a store that holds data is refused
        assertThat(run("--home", pgHome.toString(), "import", "--in", fromSqlite.toString())).isEqualTo(4);
    }

    @Test
    void anUnreachableDatabase_isExitCode5() {
        assertThat(run("--home", home.resolve("nowhere").toString(), "migrate", "sqlite-to-postgres", "--from", db.toString(),
                "--to", "postgres://u:secret@127.0.0.1:1/x", "--no-config")).isEqualTo(5);
    }
}
