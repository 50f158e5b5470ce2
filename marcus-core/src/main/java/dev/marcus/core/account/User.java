package dev.marcus.core.account;

import dev.marcus.core.model.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * A person who signs in to the dashboard. The password is only ever held as {@code passwordHash}, a self-describing
 * encoded hash (for example {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) made by a {@link PasswordHasher}.
 *
 * @param email the sign-in name, stored lower-case
 * @param failedLogins failed sign-ins since the last success, for the account lock-out
 * @param lockedUntil no sign-in is tried before this instant, or {@code null}
 * @param lastLoginAt the last successful sign-in, or {@code null}
 */
public record User(String id, String email, Role role, String passwordHash, Instant createdAt, Instant lastLoginAt,
                   int failedLogins, Instant lockedUntil) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "User[" + id + ", " + email + ", " + role.wire() + "]";
    }
}
