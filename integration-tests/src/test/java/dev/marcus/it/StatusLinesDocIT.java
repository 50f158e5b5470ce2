package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.storage.postgres.PostgresTestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code marcus status} lines that docs/scaling/going-real-time.md shows, against what {@code marcus status}
 * prints in the same setup (Redis; PostgreSQL without Redis): every line the page shows must be what Marcus prints,
 * addresses aside.
 */
class StatusLinesDocIT {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    @TempDir
    Path dir;

    @Test
    void everyStatusExampleOfTheRealTimeGuide_isWhatMarcusStatusPrints() {
        String redis = System.getenv("MARCUS_TEST_REDIS_URL");
        if (redis == null || redis.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("MARCUS_TEST_REDIS_URL is not set (CI=true: Redis tests may not be skipped)");
            }
            Assumptions.abort("no Redis for the tests: set MARCUS_TEST_REDIS_URL");
        }
        MarkdownDoc page = MarkdownDoc.read("docs/scaling/going-real-time.md");
        int compared = 0;
        for (MarkdownDoc.Block block : page.blocks("bash")) {
            if (!block.text().contains("marcus status")) {
                continue;
            }
            Map<String, String> env = new HashMap<>();
            Map<String, String> shown = new LinkedHashMap<>();
            for (String line : block.text().lines().toList()) {
                if (line.startsWith("export ")) {
                    String key = line.substring(7).split("=", 2)[0];
                    env.put(key, switch (key) {
                        case "REDIS_URL" -> redis;
                        case "DATABASE_URL" -> PG.urlString();
                        default -> line.substring(7).split("=", 2)[1];
                    });
                }
                Matcher m = SHOWN.matcher(line);
                if (m.matches()) {
                    shown.put(m.group(1), m.group(2));
                }
            }
            assertThat(shown).as("status lines shown in block at line " + block.line()).isNotEmpty();
            // a prefix and a schema of the test's own, so nothing is shared with other installs on these servers
            env.put("MARCUS_REDIS_PREFIX", "docit" + Long.toString(System.nanoTime(), 36));
            if (env.containsKey("DATABASE_URL")) {
                env.put("MARCUS_DATABASE_SCHEMA", PG.reserveSchema("status"));
            }
            MarcusCli.Result status = MarcusCli.run(dir.resolve("home" + compared), env, null, "status");
            assertThat(status.exit()).as(status.err()).isZero();
            Map<String, String> printed = new LinkedHashMap<>();
            for (String line : status.out().lines().toList()) {
                Matcher m = PRINTED.matcher(line);
                if (m.matches()) {
                    printed.put(m.group(1), m.group(2));
                }
            }
            for (Map.Entry<String, String> e : shown.entrySet()) {
                assertThat(normalize(printed.get(e.getKey()), env))
                        .as("'" + e.getKey() + "' line of going-real-time.md (block at line " + block.line() + ")")
                        .isEqualTo(normalize(e.getValue(), env));
            }
            compared++;
        }
        assertThat(compared).as("status examples compared").isGreaterThanOrEqualTo(2);
    }

    private static final Pattern SHOWN = Pattern.compile("^#\\s{3}(\\w+)\\s+(.*)$");
    private static final Pattern PRINTED = Pattern.compile("^\\s{2}(\\w+)\\s+(.*)$");

    /** Addresses, the test's prefix and schema replaced by placeholders: what remains must be equal. */
    private static String normalize(String line, Map<String, String> env) {
        if (line == null) {
            return null;
        }
        String s = line;
        String prefix = env.get("MARCUS_REDIS_PREFIX");
        if (prefix != null) {
            s = s.replace(prefix + ":", "marcus:");
        }
        String schema = env.get("MARCUS_DATABASE_SCHEMA");
        if (schema != null) {
            s = s.replace(" (schema " + schema + ")", "").replace("marcus_events_" + schema, "marcus_events_public");
        }
        for (String url : List.of("redis://\\S+", "postgresql://\\S+")) {
            s = s.replaceAll(url, url.substring(0, url.indexOf(':')) + "://ADDRESS");
        }
        return s;
    }
}
