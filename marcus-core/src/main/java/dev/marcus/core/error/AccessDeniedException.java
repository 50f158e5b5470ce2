package dev.marcus.core.error;

/**
 * The caller may not do this: nobody is signed in ({@link Kind#UNAUTHENTICATED}), the role or the token's project
 * does not allow it ({@link Kind#FORBIDDEN}), or too many failed sign-ins came from this caller
 * ({@link Kind#RATE_LIMITED}, with {@link #retryAfterSeconds()}). Nothing was changed.
 */
public final class AccessDeniedException extends MarcusException {

    /** Why access was refused; adapters map it to 401, 403 or 429. */
    public enum Kind {
        UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED
    }

    private final Kind kind;
    private final long retryAfterSeconds;

    public AccessDeniedException(Kind kind, String message) {
        this(kind, message, 0);
    }

    public AccessDeniedException(Kind kind, String message, long retryAfterSeconds) {
        super(message);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#RATE_LIMITED}: how long to wait before trying again; 0 otherwise. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String code() {
        return switch (kind) {
            case UNAUTHENTICATED -> "unauthenticated";
            case FORBIDDEN -> "forbidden";
            case RATE_LIMITED -> "rate_limited";
        };
    }
}
