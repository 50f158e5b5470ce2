package dev.marcus.core.account;

import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Role;
import java.util.Objects;

/**
 * Who is calling, once authenticated: a signed-in user, an API token, or the local operator (solo Marcus, stdio).
 *
 * @param name how the audit trail names the caller, e.g. {@code user:ada@example.com}
 * @param userId the user behind the call (a token's maker), or {@code null} for the local operator
 * @param scope the only project this caller may touch, or {@code null} for every project
 */
public record Principal(String name, String userId, Role role, ProjectId scope) {
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** The operator of a solo installation: no accounts, every right. */
    public static final Principal LOCAL = new Principal("local", null, Role.ADMIN, null);

    /** Whether this caller may act on {@code project} at all. */
    public boolean canSee(ProjectId project) {
        return scope == null || project == null || scope.equals(project);
    }
}
