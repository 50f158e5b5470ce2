package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.cli.ExitCodes;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/operations/troubleshooting.md against the code: every exit code, every {@code error_code} and every conflict
 * {@code reason} that a person or an agent can see is documented there, and nothing documented there is gone from the
 * code. A new code fails this test until it has its line (with its cause and fix) on the page.
 */
class TroubleshootingDocTest {
    private static final MarkdownDoc PAGE = MarkdownDoc.read("docs/operations/troubleshooting.md");

    @Test
    void everyExitCode_isDocumentedWithItsName_andNoOther() throws IllegalAccessException {
        Map<String, String> inCode = new LinkedHashMap<>();
        for (Field f : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                inCode.put(Integer.toString(f.getInt(null)), f.getName());
            }
        }
        Map<String, String> documented = new LinkedHashMap<>();
        for (List<String> row : PAGE.rows("Exit codes")) {
            documented.put(row.get(0), row.get(1));
        }
        assertThat(documented).as("exit codes in " + PAGE.file() + " vs dev.marcus.cli.ExitCodes").isEqualTo(inCode);
        for (List<String> row : PAGE.rows("Exit codes")) {
            if (!row.get(0).equals("0")) {
                assertThat(row.get(3)).as("what to do about exit code " + row.get(0)).isNotBlank();
            }
        }
    }

    @Test
    void everyErrorCode_isDocumented_andEveryDocumentedOneExists() throws IOException {
        Set<String> inCode = new TreeSet<>();
        for (Path java : mainSources()) {
            String src = Files.readString(java);
            collect(src, WEB_EXCEPTION, inCode);
            collect(src, ERROR_CODE_PUT, inCode);
            collect(src, ERROR_CODE_JSON, inCode);
            collect(src, BODY_WITH_CODE, inCode);
            if (src.contains("\"http_\" +")) {
                inCode.add("http_<status>");
            }
            if (java.toString().replace('\\', '/').contains("/dev/marcus/core/error/")) {
                collect(src, CODE_RETURNED, inCode);
            }
        }
        assertThat(inCode).as("error codes found in the sources").contains("invalid_argument", "not_found", "conflict",
                "backend_unavailable", "internal_error");
        assertSameCodes("Error codes", inCode);
    }

    @Test
    void everyConflictReason_isDocumented_andEveryDocumentedOneExists() throws IOException {
        Set<String> inCode = new TreeSet<>();
        for (Path java : mainSources()) {
            collect(Files.readString(java), CONFLICT, inCode);
        }
        assertThat(inCode).as("conflict reasons found in the sources").contains("agent_busy", "stale_completion");
        assertSameCodes("Conflict reasons", inCode);
        for (List<String> row : PAGE.rows("Conflict reasons")) {
            assertThat(row.get(2)).as("what to do about " + row.get(0)).isNotBlank();
        }
    }

    private static void assertSameCodes(String section, Set<String> inCode) {
        Set<String> documented = new TreeSet<>(PAGE.firstColumn(section));
        Set<String> undocumented = new TreeSet<>(inCode);
        undocumented.removeAll(documented);
        Set<String> gone = new TreeSet<>(documented);
        gone.removeAll(inCode);
        assertThat(undocumented).as("in the code but not in the '" + section + "' table of " + PAGE.file()
                + " (add each with its cause and fix)").isEmpty();
        assertThat(gone).as("in the '" + section + "' table of " + PAGE.file() + " but no longer in the code").isEmpty();
    }

    private static final Pattern CONFLICT = Pattern.compile("new ConflictException\\(\\s*\"([a-z_]+)\"");
    private static final Pattern WEB_EXCEPTION = Pattern.compile("new WebException\\(\\s*\\d+,\\s*\"([a-z_]+)\"");
    private static final Pattern ERROR_CODE_PUT = Pattern.compile("\"error_code\",\\s*\"([a-z_]+)\"");
    private static final Pattern ERROR_CODE_JSON = Pattern.compile("\\\\\"error_code\\\\\":\\\\\"([a-z_]+)\\\\\"");
    private static final Pattern BODY_WITH_CODE = Pattern.compile("body\\(\"[^\"]*\"[^;]*?,\\s*\"([a-z_]+)\"\\)");
    private static final Pattern CODE_RETURNED = Pattern.compile("(?:return|->)\\s*\"([a-z_]+)\";");

    private static void collect(String source, Pattern p, Set<String> into) {
        Matcher m = p.matcher(source);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    /** Every main Java source of every module (what ships; tests are left out). */
    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> all = Files.walk(MarkdownDoc.repository())) {
            return all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .toList();
        }
    }
}
