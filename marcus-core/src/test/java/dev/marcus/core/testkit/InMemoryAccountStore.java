package dev.marcus.core.testkit;

import dev.marcus.core.account.ApiToken;
import dev.marcus.core.account.AuditEntry;
import dev.marcus.core.account.LoginSession;
import dev.marcus.core.account.User;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Role;
import dev.marcus.core.port.AccountStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link AccountStore} in memory, for tests and embedding; passes {@code AccountStoreContract}. */
public final class InMemoryAccountStore implements AccountStore {
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, LoginSession> sessions = new LinkedHashMap<>();
    private final Map<String, ApiToken> tokens = new LinkedHashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();

    @Override
    public synchronized User addUser(User user) {
        if (findUserByEmail(user.email()).isPresent()) {
            throw new ConflictException("email_taken", "email: a user with email " + user.email() + " already exists");
        }
        User stored = new User(user.id(), user.email().toLowerCase(java.util.Locale.ROOT), user.role(),
                user.passwordHash(), user.createdAt(), user.lastLoginAt(), user.failedLogins(), user.lockedUntil());
        users.put(user.id(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<User> findUserByEmail(String email) {
        return users.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
    }

    @Override
    public synchronized Optional<User> findUser(String id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public synchronized List<User> listUsers() {
        return users.values().stream().sorted(Comparator.comparing(User::createdAt).thenComparing(User::email)).toList();
    }

    @Override
    public synchronized int countUsers(Role atLeast) {
        return (int) users.values().stream().filter(u -> u.role().includes(atLeast)).count();
    }

    @Override
    public synchronized User updateUser(String id, Role role, String passwordHash) {
        User u = users.get(id);
        if (u == null) {
            throw new NotFoundException("user", "no user '" + id + "'");
        }
        User updated = new User(u.id(), u.email(), role == null ? u.role() : role,
                passwordHash == null ? u.passwordHash() : passwordHash, u.createdAt(), u.lastLoginAt(), u.failedLogins(),
                u.lockedUntil());
        users.put(id, updated);
        return updated;
    }

    @Override
    public synchronized void recordLogin(String id, int failedLogins, Instant lockedUntil, Instant lastLoginAt) {
        User u = users.get(id);
        if (u != null) {
            users.put(id, new User(u.id(), u.email(), u.role(), u.passwordHash(), u.createdAt(), lastLoginAt,
                    failedLogins, lockedUntil));
        }
    }

    @Override
    public synchronized boolean removeUser(String id, Instant now) {
        if (users.remove(id) == null) {
            return false;
        }
        sessions.values().removeIf(s -> s.userId().equals(id));
        for (ApiToken t : List.copyOf(tokens.values())) {
            if (id.equals(t.createdBy()) && !t.isRevoked()) {
                tokens.put(t.id(), revoked(t, now));
            }
        }
        return true;
    }

    @Override
    public synchronized void addSession(LoginSession session) {
        if (!users.containsKey(session.userId())) {
            throw new NotFoundException("user", "no user '" + session.userId() + "'");
        }
        sessions.put(session.secretHash(), session);
    }

    @Override
    public synchronized Optional<LoginSession> findSession(String secretHash, Instant now) {
        return Optional.ofNullable(sessions.get(secretHash)).filter(s -> s.expiresAt().isAfter(now));
    }

    @Override
    public synchronized void removeSession(String secretHash) {
        sessions.remove(secretHash);
    }

    @Override
    public synchronized int removeExpiredSessions(Instant now) {
        int before = sessions.size();
        sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
        return before - sessions.size();
    }

    @Override
    public synchronized ApiToken addToken(ApiToken token) {
        if (tokens.containsKey(token.id()) || findTokenBySecret(token.secretHash()).isPresent()) {
            throw new ConflictException("token_exists", "token '" + token.id() + "' already exists");
        }
        tokens.put(token.id(), token);
        return token;
    }

    @Override
    public synchronized Optional<ApiToken> findTokenBySecret(String secretHash) {
        return tokens.values().stream().filter(t -> t.secretHash().equals(secretHash)).findFirst();
    }

    @Override
    public synchronized Optional<ApiToken> findToken(String id) {
        return Optional.ofNullable(tokens.get(id));
    }

    @Override
    public synchronized List<ApiToken> listTokens(String createdBy) {
        return tokens.values().stream()
                .filter(t -> createdBy == null || createdBy.equals(t.createdBy()))
                .sorted(Comparator.comparing(ApiToken::createdAt).reversed().thenComparing(ApiToken::id))
                .toList();
    }

    @Override
    public synchronized Optional<ApiToken> revokeToken(String id, Instant now) {
        ApiToken t = tokens.get(id);
        if (t == null) {
            return Optional.empty();
        }
        if (!t.isRevoked()) {
            t = revoked(t, now);
            tokens.put(id, t);
        }
        return Optional.of(t);
    }

    @Override
    public synchronized void touchToken(String id, Instant now) {
        ApiToken t = tokens.get(id);
        if (t != null) {
            tokens.put(id, new ApiToken(t.id(), t.name(), t.projectId(), t.role(), t.secretHash(), t.hint(),
                    t.createdBy(), t.createdAt(), now, t.revokedAt()));
        }
    }

    @Override
    public synchronized AuditEntry appendAudit(AuditEntry e) {
        AuditEntry stored = new AuditEntry(audit.size() + 1L, e.at(), e.actor(), e.action(), e.target(), e.projectId(),
                e.before(), e.after());
        audit.add(stored);
        return stored;
    }

    @Override
    public synchronized List<AuditEntry> audit(long beforeId, ProjectId project, int limit) {
        List<AuditEntry> out = new ArrayList<>();
        for (int i = audit.size() - 1; i >= 0 && out.size() < limit; i--) {
            AuditEntry e = audit.get(i);
            if ((beforeId <= 0 || e.id() < beforeId) && (project == null || Objects.equals(project, e.projectId()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static ApiToken revoked(ApiToken t, Instant now) {
        return new ApiToken(t.id(), t.name(), t.projectId(), t.role(), t.secretHash(), t.hint(), t.createdBy(),
                t.createdAt(), t.lastUsedAt(), now);
    }
}
