package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The systemd unit of docs/operations/service.md, checked by systemd itself: no unknown key, no bad value. */
class ServiceUnitDocTest {
    @TempDir
    Path dir;

    @Test
    void theServiceUnit_passesSystemdsOwnVerification() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(analyze)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("systemd-analyze is missing (CI=true: install systemd)");
            }
            Assumptions.abort("systemd-analyze is not installed");
        }
        List<MarkdownDoc.Block> units = MarkdownDoc.read("docs/operations/service.md").blocks("ini");
        assertThat(units).as("one unit file in service.md").hasSize(1);
        String unit = units.get(0).text();
        assertThat(unit).contains("ExecStart=").contains("marcus.jar serve").contains("SuccessExitStatus=143");
        Path file = dir.resolve("marcus.service");
        Files.writeString(file, unit);
        Process p = new ProcessBuilder(analyze.toString(), "verify", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // systemd only warns about unknown keys and bad values: any line about the unit is a mistake in the page
        assertThat(out.lines().filter(l -> l.contains(file.toString()))).as(out).isEmpty();
    }
}
