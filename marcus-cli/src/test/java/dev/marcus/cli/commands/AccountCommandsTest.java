package dev.marcus.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.cli.CliRunner;
import dev.marcus.core.account.AuditEntry;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marcus user …} and {@code marcus token …} in-process on a real SQLite home. */
class AccountCommandsTest {
    @TempDir
    Path home;

    private CliRunner.Run run(String stdin, String... args) {
        return CliRunner.run(home, stdin, args);
    }

    @Test
    void users_areAddedListedChangedAndRemoved_withClearErrorsAndExitCodes() {
        CliRunner.Run added = run("a long passphrase\n", "user", "add", "--email", "Ada@Example.com", "--role", "admin", "--password-stdin");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("added ada@example.com (admin)");

        CliRunner.Run dup = run("a long passphrase\n", "user", "add", "--email", "ada@example.com", "--password-stdin");
        assertThat(dup.exit()).isEqualTo(4);
        assertThat(dup.err()).contains("already exists");
        CliRunner.Run shortPw = run("short\n", "user", "add", "--email", "bob@example.com", "--password-stdin");
        assertThat(shortPw.exit()).isEqualTo(2);
        assertThat(shortPw.err()).contains("password: must be at least 12 characters");
        CliRunner.Run badRole = run("a long passphrase\n", "user", "add", "--email", "bob@example.com", "--role", "boss", "--password-stdin");
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err()).contains("role: 'boss' is not one of viewer, developer, admin");
        CliRunner.Run noTerminal = run(null, "user", "add", "--email", "bob@example.com");
        assertThat(noTerminal.exit()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("--password-stdin");

        assertThat(run("another long one\n", "user", "add", "--email", "bob@example.com", "--password-stdin").exit()).isZero();
        CliRunner.Run list = run(null, "user", "list");
        assertThat(list.out()).contains("ada@example.com").contains("bob@example.com").contains("developer")
                .doesNotContain("argon2");
        assertThat(run(null, "user", "role", "--email", "bob@example.com", "--role", "viewer").out()).contains("bob@example.com is now viewer");
        CliRunner.Run lastAdmin = run(null, "user", "remove", "--email", "ada@example.com");
        assertThat(lastAdmin.exit()).isEqualTo(4);
        assertThat(lastAdmin.err()).contains("last admin");
        assertThat(run(null, "user", "remove", "--email", "bob@example.com").exit()).isZero();
        assertThat(run(null, "user", "list").out()).doesNotContain("bob@example.com");

        try (SqliteStorageBackend s = SqliteStorageBackend.open(home.resolve("marcus.db"))) {
            assertThat(s.accounts().findUserByEmail("ada@example.com").orElseThrow().passwordHash()).startsWith("$argon2id$");
            assertThat(s.accounts().audit(0, null, 10)).extracting(AuditEntry::action)
                    .containsExactly("user.remove", "user.role", "user.add", "user.add");
            assertThat(s.accounts().audit(0, null, 10).get(0).actor()).startsWith("cli:");
        }
    }

    @Test
    void everyUserCommand_takesEmail_andTheOldPositionalFormStillWorks_withADeprecationNote() {
        assertThat(run("a long passphrase\n", "user", "add", "--email", "ada@example.com", "--role", "admin", "--password-stdin")
                .exit()).isZero();
        assertThat(run("another long one\n", "user", "add", "--email", "bob@example.com", "--password-stdin").exit()).isZero();

        CliRunner.Run role = run(null, "user", "role", "--email", "bob@example.com", "--role", "admin");
        assertThat(role.exit()).as(role.err()).isZero();
        assertThat(role.err()).doesNotContain("deprecated");
        CliRunner.Run oldRole = run(null, "user", "role", "bob@example.com", "viewer");
        assertThat(oldRole.exit()).as(oldRole.err()).isZero();
        assertThat(oldRole.out()).contains("bob@example.com is now viewer");
        assertThat(oldRole.err()).contains("deprecated").contains("marcus user role --email EMAIL --role ROLE");

        CliRunner.Run password = run("a new long passphrase\n", "user", "password", "--email", "bob@example.com", "--password-stdin");
        assertThat(password.exit()).as(password.err()).isZero();
        assertThat(password.out()).contains("password of bob@example.com changed");
        CliRunner.Run oldPassword = run("yet another passphrase\n", "user", "password", "bob@example.com", "--password-stdin");
        assertThat(oldPassword.exit()).as(oldPassword.err()).isZero();
        assertThat(oldPassword.err()).contains("deprecated").contains("marcus user password --email EMAIL");

        CliRunner.Run missing = run(null, "user", "remove");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--email: is required");
        CliRunner.Run noRole = run(null, "user", "role", "--email", "bob@example.com");
        assertThat(noRole.exit()).isEqualTo(2);
        assertThat(noRole.err()).contains("--role: is required");
        CliRunner.Run twice = run(null, "user", "remove", "--email", "bob@example.com", "ada@example.com");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("--email: given twice with different values");
        assertThat(run(null, "user", "list").out()).contains("bob@example.com"); // refused commands changed nothing

        CliRunner.Run oldRemove = run(null, "user", "remove", "bob@example.com");
        assertThat(oldRemove.exit()).as(oldRemove.err()).isZero();
        assertThat(oldRemove.err()).contains("deprecated").contains("marcus user remove --email EMAIL");
        assertThat(run(null, "user", "list").out()).doesNotContain("bob@example.com");
    }

    @Test
    void tokens_arePrintedOnce_listedWithoutSecret_andRevoked() {
        try (SqliteStorageBackend s = SqliteStorageBackend.open(home.resolve("marcus.db"))) {
            s.createProject(new NewProject(new ProjectId("proj-t"), "T", "", null), List.of(new NewTask(new TaskId("t1"), "T1",
                    "", Priority.MEDIUM, List.of(), List.of(), List.of(), null, List.of(), null)), Instant.now());
        }
        run("a long passphrase\n", "user", "add", "--email", "dev@example.com", "--role", "developer", "--password-stdin");
        CliRunner.Run made = run(null, "token", "create", "--project", "proj-t", "--name", "laptop", "--user", "dev@example.com");
        assertThat(made.exit()).as(made.err()).isZero();
        String secret = made.out().strip();
        assertThat(secret).startsWith("mrc_").hasSizeGreaterThan(40);
        assertThat(made.err()).contains("cannot be shown again");

        CliRunner.Run list = run(null, "token", "list");
        assertThat(list.out()).contains("laptop").contains("proj-t").contains("active").doesNotContain(secret);
        String id = list.out().lines().filter(l -> l.contains("laptop")).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(run(null, "token", "revoke", id).exit()).isZero();
        assertThat(run(null, "token", "list").out()).contains("revoked");

        CliRunner.Run unknownProject = run(null, "token", "create", "--project", "proj-nope", "--name", "x", "--user", "dev@example.com");
        assertThat(unknownProject.exit()).isEqualTo(3);
        assertThat(unknownProject.err()).contains("project_id");
    }

    @Test
    void serve_refusesToListenBeyondThisMachineWithoutAccounts() {
        CliRunner.Run r = run(null, "serve", "--host", "0.0.0.0", "--accounts", "off", "--port", "0");
        assertThat(r.exit()).isEqualTo(6);
        assertThat(r.err()).contains("--accounts off");
        CliRunner.Run bad = run(null, "serve", "--accounts", "maybe", "--port", "0");
        assertThat(bad.exit()).isEqualTo(6);
        assertThat(bad.err()).contains("--accounts: 'maybe' is not one of auto, on, off");
    }
}
