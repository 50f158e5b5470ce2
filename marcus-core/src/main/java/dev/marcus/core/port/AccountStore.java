package dev.marcus.core.port;

import dev.marcus.core.account.ApiToken;
import dev.marcus.core.account.AuditEntry;
import dev.marcus.core.account.LoginSession;
import dev.marcus.core.account.User;
import dev.marcus.core.model.ProjectId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where accounts live: users, sign-in sessions, API tokens and the audit trail. A separate port from
 * {@link StorageBackend} because installations without accounts never touch it, and because an embedding program
 * may keep its people elsewhere. The SQL adapters keep these tables next to the coordination tables (one database).
 *
 * <p>The store holds only hashes of secrets (passwords, session cookies, tokens); it never sees them in clear.
 */
public interface AccountStore {

    // ---- users -------------------------------------------------------------------------------------------------

    /** Stores a new user; {@link dev.marcus.core.error.ConflictException} ({@code email_taken}) if the email exists. */
    User addUser(User user);

    /** The user with this email (compared lower-case). */
    Optional<User> findUserByEmail(String email);

    Optional<User> findUser(String id);

    /** Every user, oldest first. */
    List<User> listUsers();

    /** How many users with at least this role exist (to refuse removing the last admin). */
    int countUsers(dev.marcus.core.model.Role atLeast);

    /** Changes role and/or password hash ({@code null} keeps the value); returns the updated user. */
    User updateUser(String id, dev.marcus.core.model.Role role, String passwordHash);

    /** Records the outcome of a sign-in attempt: the failure count, the lock and the last success. */
    void recordLogin(String id, int failedLogins, Instant lockedUntil, Instant lastLoginAt);

    /** Deletes the user, their sessions, and revokes their tokens. False when there was no such user. */
    boolean removeUser(String id, Instant now);

    // ---- sessions ----------------------------------------------------------------------------------------------

    void addSession(LoginSession session);

    /** The live session with this secret hash (expired ones are not returned). */
    Optional<LoginSession> findSession(String secretHash, Instant now);

    void removeSession(String secretHash);

    /** Deletes expired sessions; returns how many. */
    int removeExpiredSessions(Instant now);

    // ---- API tokens --------------------------------------------------------------------------------------------

    ApiToken addToken(ApiToken token);

    /** The token with this secret hash, revoked or not (the caller decides). */
    Optional<ApiToken> findTokenBySecret(String secretHash);

    Optional<ApiToken> findToken(String id);

    /** Tokens, newest first: all of them, or only those made by {@code createdBy} when it is not {@code null}. */
    List<ApiToken> listTokens(String createdBy);

    /** Revokes the token; returns the revoked token, or empty when there was no such token. Idempotent. */
    Optional<ApiToken> revokeToken(String id, Instant now);

    /** Notes that a token was used (callers throttle this). */
    void touchToken(String id, Instant now);

    // ---- audit trail -------------------------------------------------------------------------------------------

    /** Appends an entry and returns it with its id. */
    AuditEntry appendAudit(AuditEntry entry);

    /**
     * Entries with {@code id < beforeId} (0 for the newest), newest first, at most {@code limit}, optionally only
     * those of one project.
     */
    List<AuditEntry> audit(long beforeId, ProjectId project, int limit);
}
