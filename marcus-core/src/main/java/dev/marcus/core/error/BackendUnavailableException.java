package dev.marcus.core.error;

/** A backend (database, cache, file system) could not be reached or failed; the operation was not applied. */
public final class BackendUnavailableException extends MarcusException {
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "backend_unavailable";
    }
}
