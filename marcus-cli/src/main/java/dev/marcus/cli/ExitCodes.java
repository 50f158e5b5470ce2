package dev.marcus.cli;

import dev.marcus.cli.config.ConfigException;
import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import picocli.CommandLine;

/** Exit codes by kind of error, printed in {@code marcus --help}. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int CONFLICT = 4;
    public static final int UNAVAILABLE = 5;
    public static final int CONFIG = 6;

    private ExitCodes() {
    }

    /** Prints one line naming the problem (no stack trace unless MARCUS_DEBUG is set) and picks the code. */
    static CommandLine.IExecutionExceptionHandler handler() {
        return (e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("marcus: " + e.getMessage()));
            if (System.getenv("MARCUS_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            if (e instanceof ValidationException) {
                return USAGE;
            }
            if (e instanceof NotFoundException) {
                return NOT_FOUND;
            }
            if (e instanceof ConflictException) {
                return CONFLICT;
            }
            if (e instanceof dev.marcus.core.error.AccessDeniedException) {
                return CONFLICT;
            }
            if (e instanceof BackendUnavailableException) {
                return UNAVAILABLE;
            }
            if (e instanceof ConfigException) {
                return CONFIG;
            }
            return FAILURE;
        };
    }
}
