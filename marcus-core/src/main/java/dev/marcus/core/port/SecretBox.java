package dev.marcus.core.port;

/**
 * Seals secrets that Marcus must use again later (webhook signing keys), so that the store never holds them in
 * clear. A stolen database without the installation's key reveals nothing.
 */
public interface SecretBox {

    /** The sealed form of {@code secret}: printable text, different on every call. */
    String seal(String secret);

    /**
     * The secret back.
     *
     * @throws dev.marcus.core.error.BackendUnavailableException when it was sealed under another key or was altered
     */
    String open(String sealed);
}
