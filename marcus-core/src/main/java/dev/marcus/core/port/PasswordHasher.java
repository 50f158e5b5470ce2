package dev.marcus.core.port;

/**
 * Hashes passwords for storage and checks them. The encoded form names its algorithm and parameters, so that
 * parameters can be raised later and old hashes still verify ({@link #needsRehash}).
 */
public interface PasswordHasher {

    /** A new salted hash of {@code password}, encoded as one string. */
    String hash(char[] password);

    /** Whether {@code password} matches {@code encoded}; false (never an exception) for a malformed {@code encoded}. */
    boolean verify(char[] password, String encoded);

    /** Whether {@code encoded} was made with weaker parameters than this hasher uses now. */
    boolean needsRehash(String encoded);
}
