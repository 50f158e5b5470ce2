package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresTestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team starting fresh on PostgreSQL, as the README's "Team install" tells it: from an empty home, {@code marcus init
 * --team} with the database in {@code DATABASE_URL} and the admin's password in the environment, then {@code marcus
 * serve}, and the admin signs in — every step a real process, the server a real PostgreSQL.
 */
class FreshTeamInstallIT {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    @TempDir
    Path dir;

    @Test
    void fromAnEmptyHome_toAnAdminSigningIn() throws Exception {
        Path home = dir.resolve("marcus");
        String schema = PG.reserveSchema("fresh");
        Map<String, String> env = Map.of("DATABASE_URL", PG.urlString(), "MARCUS_ADMIN_PASSWORD", "a long team passphrase");

        MarcusCli.Result init = MarcusCli.run(home, env, null, "init", "--team", "--schema", schema,
                "--admin-email", "ada@example.com");
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("Initialised a team install").contains("first admin: ada@example.com")
                .contains("Next steps:");
        assertThat(init.err()).as("no warning: the URL came from the environment").doesNotContain("warning");

        // the configuration is written: the server needs neither DATABASE_URL nor the password any more
        assertThat(Files.readString(home.resolve("config.properties"))).contains("profile=team");
        try (MarcusCli.Serve serve = MarcusCli.serve(home, Map.of())) {
            assertThat(serve.log()).anyMatch(l -> l.contains("accounts on"));
            MarcusCli.Http browser = new MarcusCli.Http(serve.base());

            HttpResponse<String> health = browser.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"schema_version\":\"" + PostgresStorageBackend.knownSchemaVersion() + "\"")
                    .doesNotContain("postgres");

            assertThat(browser.get("/api/projects").statusCode()).as("nobody signed in yet").isEqualTo(401);
            HttpResponse<String> wrong = browser.post("/api/login", "{\"email\":\"ada@example.com\",\"password\":\"not it at all\"}");
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> login = browser.post("/api/login",
                    "{\"email\":\"ada@example.com\",\"password\":\"a long team passphrase\"}");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.body()).contains("\"role\":\"admin\"").contains("csrf_token");
            HttpResponse<String> session = browser.get("/api/session");
            assertThat(session.body()).contains("\"authenticated\":true").contains("ada@example.com");
            assertThat(browser.get("/api/projects").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void upgradeTeam_onAnEmptyHome_givesTheSameInstall() {
        Path home = dir.resolve("empty");
        String schema = PG.reserveSchema("upgraded");
        MarcusCli.Result r = MarcusCli.run(home, Map.of(), "another long passphrase\n", "upgrade", "--team",
                "--to", PG.urlString(), "--schema", schema, "--admin-email", "grace@example.com", "--admin-password-stdin");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("starting a new team install").contains("first admin: grace@example.com");

        MarcusCli.Result users = MarcusCli.run(home, Map.of(), null, "user", "list");
        assertThat(users.exit()).as(users.err()).isZero();
        assertThat(users.out()).contains("grace@example.com").contains("admin");
    }
}
