package dev.marcus.core.account;

import dev.marcus.core.model.ProjectId;
import java.time.Instant;

/**
 * One recorded mutation: who ({@code actor}, e.g. {@code user:ada@example.com} or {@code token:ci-bot}), did what
 * ({@code action}, e.g. {@code task.update}), to which object ({@code target}), when, and the value before and after
 * (short text, {@code null} when there was none).
 *
 * @param id increasing, assigned by the store; 0 before it is stored
 * @param projectId the project concerned, or {@code null} for installation-wide changes (users, tokens)
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, ProjectId projectId,
                         String before, String after) {
}
