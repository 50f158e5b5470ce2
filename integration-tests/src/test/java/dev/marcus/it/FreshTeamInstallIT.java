package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresTestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    void fromAnEmptyHome_toAnAdminSigningIn_byTheReadmesTeamInstallLines() throws Exception {
        Path home = dir.resolve("marcus");
        String schema = PG.reserveSchema("fresh");
        MarkdownDoc.Block block = MarkdownDoc.read("README.md").blocks("bash").stream()
                .filter(b -> b.heading().startsWith("Team install")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no bash block under 'Team install'"));
        List<List<String>> commands = new ArrayList<>();
        Map<String, String> env = new HashMap<>();
        for (String line : block.text().lines().toList()) {
            String command = line.replaceFirst("\\s+#.*$", "").strip();
            if (command.startsWith("export ")) {
                String[] kv = command.substring(7).split("=", 2);
                env.put(kv[0], kv[1].replaceAll("^'|'$", ""));
            } else if (command.startsWith("./marcus ")) {
                commands.add(List.of(command.substring("./marcus ".length()).split("\\s+")));
            }
        }
        assertThat(env).as("the README exports DATABASE_URL").containsKey("DATABASE_URL");
        assertThat(commands).extracting(c -> c.get(0)).containsExactly("init", "serve");
        // the test's own database stands in for the README's; no terminal here, so the password comes from the
        // variable init documents for scripts
        env.put("DATABASE_URL", PG.urlString());
        env.put("MARCUS_ADMIN_PASSWORD", "a long team passphrase");
        String admin = commands.get(0).get(commands.get(0).indexOf("--admin-email") + 1);

        List<String> init = new ArrayList<>(commands.get(0));
        init.addAll(List.of("--schema", schema));
        MarcusCli.Result initialised = MarcusCli.run(home, env, null, init.toArray(String[]::new));
        assertThat(initialised.exit()).as(initialised.err()).isZero();
        assertThat(initialised.out()).contains("Initialised a team install").contains("first admin: " + admin)
                .contains("Next steps:");
        assertThat(initialised.err()).as("no warning: the URL came from the environment").doesNotContain("warning");

        // the configuration is written: the server needs neither DATABASE_URL nor the password any more
        assertThat(Files.readString(home.resolve("config.properties"))).contains("profile=team");
        List<String> serveArgs = new ArrayList<>(commands.get(1).subList(1, commands.get(1).size()));
        try (MarcusCli.Serve serve = MarcusCli.serve(home, Map.of(), serveArgs.toArray(String[]::new))) {
            assertThat(serve.log()).anyMatch(l -> l.contains("accounts on"));
            MarcusCli.Http browser = new MarcusCli.Http(serve.base());

            HttpResponse<String> health = browser.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"schema_version\":\"" + PostgresStorageBackend.knownSchemaVersion() + "\"")
                    .doesNotContain("postgres");

            assertThat(browser.get("/api/projects").statusCode()).as("nobody signed in yet").isEqualTo(401);
            HttpResponse<String> wrong = browser.post("/api/login", "{\"email\":\"" + admin + "\",\"password\":\"not it at all\"}");
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> login = browser.post("/api/login",
                    "{\"email\":\"" + admin + "\",\"password\":\"a long team passphrase\"}");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.body()).contains("\"role\":\"admin\"").contains("csrf_token");
            HttpResponse<String> session = browser.get("/api/session");
            assertThat(session.body()).contains("\"authenticated\":true").contains(admin);
            assertThat(browser.get("/api/projects").statusCode()).isEqualTo(200);
        }
    }
}
