package dev.marcus.core.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in browser. The cookie carries a random secret; the store keeps only its SHA-256 ({@code secretHash}),
 * so a copy of the database does not sign anybody in. {@code csrfToken} must come back in a header with every change.
 */
public record LoginSession(String secretHash, String userId, String csrfToken, Instant createdAt, Instant expiresAt) {
    public LoginSession {
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "LoginSession[user " + userId + ", expires " + expiresAt + "]";
    }
}
