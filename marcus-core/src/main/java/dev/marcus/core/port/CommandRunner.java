package dev.marcus.core.port;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs one verification command of a completion gate.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@code argv} is executed directly (no shell is involved unless {@code argv} itself names one), with
 *       {@code workingDirectory} as its working directory.</li>
 *   <li>When {@code timeout} passes, the process and all its descendants are killed and the result says
 *       {@code timedOut}.</li>
 *   <li>Output (stdout and stderr interleaved) is kept only up to a bounded tail.</li>
 *   <li>A command that cannot be started (not found, not executable) is a result with exit code -1 and the reason as
 *       output, not an exception. Safe to call from many threads.</li>
 * </ul>
 */
public interface CommandRunner {

    /**
     * @param exitCode the process's exit code; -1 when it could not start or timed out
     * @param output the tail of what it printed
     */
    record Result(int exitCode, boolean timedOut, String output, Duration took) {
        public boolean passed() {
            return exitCode == 0 && !timedOut;
        }
    }

    Result run(List<String> argv, Path workingDirectory, Duration timeout);

    /** A runner for builds without one: every command fails with a sentence saying so. */
    static CommandRunner none() {
        return (argv, dir, timeout) -> new Result(-1, false,
                "no command runner is configured in this Marcus build", Duration.ZERO);
    }
}
