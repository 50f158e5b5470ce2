package dev.marcus.core.error;

/**
 * The request is well formed but the current state forbids it: a report from an agent that no longer holds the
 * task, a completion of a finished task, a second task for one agent. {@link #reason()} is a stable code.
 */
public final class ConflictException extends MarcusException {
    private final String reason;

    public ConflictException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Stable reason code, e.g. {@code not_task_holder}, {@code stale_completion}, {@code task_already_complete}. */
    public String reason() {
        return reason;
    }

    @Override
    public String code() {
        return "conflict";
    }
}
