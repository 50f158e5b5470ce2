package dev.marcus.core.account;

import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token an agent sends to {@code /mcp} (and the REST API). Only the SHA-256 of the secret is stored; the
 * secret is shown once, when the token is made. A token acts with {@code role} on {@code projectId} only.
 *
 * @param hint the first characters of the secret (e.g. {@code mrc_3kQ9}), so people can tell tokens apart
 * @param createdBy the id of the user who made it
 * @param revokedAt when it was revoked, or {@code null} while it works
 */
public record ApiToken(String id, String name, ProjectId projectId, Role role, String secretHash, String hint,
                       String createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "ApiToken[" + id + ", " + name + ", " + projectId + ", " + role.wire() + (isRevoked() ? ", revoked" : "") + "]";
    }
}
