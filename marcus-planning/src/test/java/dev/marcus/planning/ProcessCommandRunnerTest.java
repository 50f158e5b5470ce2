package dev.marcus.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.port.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(OS.WINDOWS)
class ProcessCommandRunnerTest {
    @TempDir
    Path root;

    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    @Test
    void passingCommand_runsInTheWorkingDirectory() throws Exception {
        Files.writeString(root.resolve("marker.txt"), "here");
        CommandRunner.Result r = runner.run(List.of("cat", "marker.txt"), root, Duration.ofSeconds(10));
        assertThat(r.passed()).isTrue();
        assertThat(r.output()).isEqualTo("here");
    }

    @Test
    void failingCommand_reportsExitCodeAndOutput_andAMissingProgramIsAResult() {
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "echo broken >&2; exit 3"), root, Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).contains("broken");
        assertThat(runner.run(List.of("no-such-program-xyz"), root, Duration.ofSeconds(5)).exitCode()).isEqualTo(-1);
    }

    @Test
    void timeout_killsTheProcessTree() throws Exception {
        Path pidFile = root.resolve("child.pid");
        CommandRunner.Result r = runner.run(List.of("sh", "-c", "sleep 30 & echo $! > child.pid; wait"), root,
                Duration.ofMillis(500));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.took()).isLessThan(Duration.ofSeconds(10));
        long child = Long.parseLong(Files.readString(pidFile).strip());
        Thread.sleep(200);
        boolean alive = ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false);
        Path stat = Path.of("/proc", String.valueOf(child), "stat");
        boolean zombie = Files.exists(stat) && Files.readString(stat).replaceFirst("^.*\\) ", "").startsWith("Z");
        assertThat(!alive || zombie).as("the background child was killed (dead or a zombie waiting to be reaped)").isTrue();
    }
}
