package dev.marcus.core.error;

/**
 * Root of every failure the core reports on purpose. Driving adapters translate the subclasses at their edge:
 * an MCP error result, an HTTP status, a CLI exit code. Messages are one line a person can act on.
 */
public abstract sealed class MarcusException extends RuntimeException
        permits NotFoundException, ConflictException, ValidationException, BackendUnavailableException,
        AccessDeniedException {

    protected MarcusException(String message) {
        super(message);
    }

    protected MarcusException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short, stable machine-readable code for this failure (for example {@code not_found}). */
    public abstract String code();
}
