package dev.marcus.core.account;

import dev.marcus.core.error.AccessDeniedException;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Ids;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Role;
import dev.marcus.core.port.AccountStore;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.PasswordHasher;
import dev.marcus.core.port.StorageBackend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accounts: users and their passwords, sign-in sessions, API tokens for agents, and the audit trail. Transport
 * neutral: the web adapter turns cookies and bearer headers into calls here, the CLI manages users through it.
 *
 * <p>Secrets (session cookies, tokens) are 256 random bits; only their SHA-256 is stored, so a stolen database
 * signs nobody in. Passwords go through the {@link PasswordHasher} (argon2id in the shipped adapter). A failed
 * sign-in says only "email or password is not correct", takes as long for an unknown email as for a wrong password,
 * counts against the account (locked for a growing time after {@value #FREE_FAILURES} failures in a row) and
 * against the caller's address ({@link LoginThrottle}).
 */
public final class AccountService {
    /** Failures in a row an account may have before each further failure locks it. */
    public static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    public static final int MIN_PASSWORD = 12;
    public static final int MAX_PASSWORD = 256;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_AUDIT_TEXT = 2000;
    public static final String TOKEN_PREFIX = "mrc_";

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final StorageBackend storage;
    private final Clock clock;
    private final Duration sessionLifetime;
    private final LoginThrottle throttle;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    /**
     * @param storage used to check that a token's project exists
     * @param sessionLifetime how long a sign-in lasts
     */
    public AccountService(AccountStore store, PasswordHasher hasher, StorageBackend storage, Clock clock,
                          Duration sessionLifetime, LoginThrottle throttle) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessionLifetime = Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        // verified against when the email is unknown, so that both answers take the same time
        this.dummyHash = hasher.hash("not-a-real-password-but-as-slow-to-check".toCharArray());
    }

    public AccountService(AccountStore store, PasswordHasher hasher, StorageBackend storage, Clock clock) {
        this(store, hasher, storage, clock, Duration.ofHours(12), new LoginThrottle(clock, 20, Duration.ofMinutes(5)));
    }

    // ==== users =================================================================================================

    /** Adds a user; the email is the sign-in name (stored lower-case). */
    public User addUser(String email, char[] password, Role role) {
        String normalized = normalizeEmail(email);
        checkPassword(password);
        Objects.requireNonNull(role, "role");
        if (store.findUserByEmail(normalized).isPresent()) {
            throw new ConflictException("email_taken", "email: a user with email " + normalized + " already exists");
        }
        User user = new User(Ids.random("user"), normalized, role, hasher.hash(password), clock.now(), null, 0, null);
        return store.addUser(user);
    }

    public List<User> users() {
        return store.listUsers();
    }

    public boolean hasUsers() {
        return store.countUsers(Role.VIEWER) > 0;
    }

    /** The user with this id or email. */
    public User user(String idOrEmail) {
        if (idOrEmail == null || idOrEmail.isBlank()) {
            throw new ValidationException("user", "is required: a user id or email");
        }
        String key = idOrEmail.strip();
        Optional<User> found = key.contains("@") ? store.findUserByEmail(key.toLowerCase(Locale.ROOT)) : store.findUser(key);
        return found.orElseThrow(() -> new NotFoundException("user", "no user '" + key + "'; marcus user list shows them"));
    }

    /** Removes a user (by id or email); their sessions end and their tokens are revoked. The last admin stays. */
    public User removeUser(String idOrEmail) {
        User user = user(idOrEmail);
        if (user.role() == Role.ADMIN && store.countUsers(Role.ADMIN) <= 1) {
            throw new ConflictException("last_admin", "user: " + user.email()
                    + " is the last admin; add another admin first, or nobody could manage accounts");
        }
        store.removeUser(user.id(), clock.now());
        return user;
    }

    /** Changes a user's role; the last admin cannot be demoted. Their tokens stronger than the new role are revoked. */
    public User changeRole(String idOrEmail, Role role) {
        User user = user(idOrEmail);
        if (user.role() == Role.ADMIN && role != Role.ADMIN && store.countUsers(Role.ADMIN) <= 1) {
            throw new ConflictException("last_admin", "role: " + user.email() + " is the last admin and must stay admin");
        }
        User updated = store.updateUser(user.id(), role, null);
        // a token never acts with more than its maker may: those the new role does not cover stop working
        Instant now = clock.now();
        for (ApiToken t : store.listTokens(user.id())) {
            if (!t.isRevoked() && !role.includes(t.role())) {
                store.revokeToken(t.id(), now);
            }
        }
        return updated;
    }

    /** Sets a new password; the user's other sessions stay valid until they expire. */
    public User changePassword(String idOrEmail, char[] password) {
        checkPassword(password);
        User user = user(idOrEmail);
        return store.updateUser(user.id(), null, hasher.hash(password));
    }

    // ==== sign-in ===============================================================================================

    /** What a successful sign-in gives: the user, the cookie secret (to send once) and the stored session. */
    public record SignedIn(User user, String sessionSecret, LoginSession session) {
        @Override
        public String toString() {
            return "SignedIn[" + user + "]";
        }
    }

    /**
     * Signs in. {@code client} names the caller for rate limiting (the remote address).
     *
     * @throws AccessDeniedException UNAUTHENTICATED for a wrong email or password, RATE_LIMITED when the account is
     *                               locked or the client has failed too often
     */
    public SignedIn login(String email, char[] password, String client) {
        Instant now = clock.now();
        long wait = throttle.secondsUntilAllowed(client);
        if (wait > 0) {
            throw new AccessDeniedException(AccessDeniedException.Kind.RATE_LIMITED,
                    "too many failed sign-ins from this address; try again in " + wait + " s", wait);
        }
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Optional<User> found = normalized.isEmpty() ? Optional.empty() : store.findUserByEmail(normalized);
        if (found.isEmpty()) {
            hasher.verify(password == null ? new char[0] : password, dummyHash);
            throttle.failed(client);
            throw wrongCredentials();
        }
        User user = found.get();
        if (user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
            long seconds = Math.max(1, Duration.between(now, user.lockedUntil()).toSeconds());
            throttle.failed(client);
            throw new AccessDeniedException(AccessDeniedException.Kind.RATE_LIMITED,
                    "this account is locked after repeated failed sign-ins; try again in " + seconds + " s", seconds);
        }
        if (password == null || !hasher.verify(password, user.passwordHash())) {
            int failures = user.failedLogins() + 1;
            Instant lock = null;
            if (failures >= FREE_FAILURES) {
                long minutes = 1L << Math.min(failures - FREE_FAILURES, 4);
                lock = now.plus(Duration.ofMinutes(minutes).compareTo(MAX_LOCK) > 0 ? MAX_LOCK : Duration.ofMinutes(minutes));
            }
            store.recordLogin(user.id(), failures, lock, user.lastLoginAt());
            throttle.failed(client);
            throw wrongCredentials();
        }
        store.recordLogin(user.id(), 0, null, now);
        if (hasher.needsRehash(user.passwordHash())) {
            store.updateUser(user.id(), null, hasher.hash(password));
        }
        user = store.findUser(user.id()).orElse(user);
        String secret = secret();
        LoginSession session = new LoginSession(sha256(secret), user.id(), secret(), now, now.plus(sessionLifetime));
        store.addSession(session);
        if (random.nextInt(50) == 0) {
            store.removeExpiredSessions(now);
        }
        return new SignedIn(user, secret, session);
    }

    /** A signed-in browser's principal and session, if the cookie secret names a live session of an existing user. */
    public Optional<SessionPrincipal> session(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.now();
        return store.findSession(sha256(secret), now).flatMap(s -> store.findUser(s.userId())
                .map(u -> new SessionPrincipal(principalOf(u), s)));
    }

    /** A session and the user it belongs to. */
    public record SessionPrincipal(Principal principal, LoginSession session) {
    }

    /** Ends the session with this cookie secret (if any). */
    public void logout(String secret) {
        if (secret != null && !secret.isBlank()) {
            store.removeSession(sha256(secret));
        }
    }

    private static Principal principalOf(User u) {
        return new Principal("user:" + u.email(), u.id(), u.role(), null);
    }

    private static AccessDeniedException wrongCredentials() {
        return new AccessDeniedException(AccessDeniedException.Kind.UNAUTHENTICATED, "email or password is not correct");
    }

    // ==== API tokens ============================================================================================

    /** A token as just made: {@code secret} is shown to the person once and never again. */
    public record IssuedToken(ApiToken token, String secret) {
        @Override
        public String toString() {
            return "IssuedToken[" + token + "]";
        }
    }

    /**
     * Makes a token for agents working on {@code project}. A token can do at most what its maker can, and at most
     * a developer's work (agents do not manage accounts).
     */
    public IssuedToken createToken(Principal maker, String project, String name, Role role) {
        requireRole(maker, Role.DEVELOPER);
        if (maker.scope() != null || maker.userId() == null) {
            throw new AccessDeniedException(AccessDeniedException.Kind.FORBIDDEN,
                    "tokens are made by people: sign in to the dashboard or use 'marcus token create'");
        }
        if (project == null || project.isBlank()) {
            throw new ValidationException("project_id", "is required: a token works on one project");
        }
        ProjectId projectId = new ProjectId(project.strip());
        if (storage.findProject(projectId).isEmpty()) {
            throw new NotFoundException("project_id", "no project '" + project.strip() + "'");
        }
        if (!maker.canSee(projectId)) {
            throw new AccessDeniedException(AccessDeniedException.Kind.FORBIDDEN, "project_id: outside your scope");
        }
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new ValidationException("name", "is required, 1 to 100 characters (e.g. 'claude-code laptop')");
        }
        Role r = role == null ? Role.DEVELOPER : role;
        if (r == Role.ADMIN) {
            throw new ValidationException("role", "a token may be 'viewer' or 'developer'; agents do not manage accounts");
        }
        if (!maker.role().includes(r)) {
            throw new AccessDeniedException(AccessDeniedException.Kind.FORBIDDEN,
                    "role: you cannot make a token stronger than your own role (" + maker.role().wire() + ")");
        }
        String secret = TOKEN_PREFIX + secret();
        ApiToken token = new ApiToken(Ids.random("tok"), label, projectId, r, sha256(secret),
                secret.substring(0, TOKEN_PREFIX.length() + 4), maker.userId(), clock.now(), null, null);
        return new IssuedToken(store.addToken(token), secret);
    }

    /** The principal of a bearer token, if it is one of ours and not revoked. */
    public Optional<Principal> tokenPrincipal(String secret) {
        if (secret == null || !secret.startsWith(TOKEN_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiToken> found = store.findTokenBySecret(sha256(secret)).filter(t -> !t.isRevoked());
        found.ifPresent(t -> {
            Instant now = clock.now();
            if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minusSeconds(60))) {
                store.touchToken(t.id(), now);
            }
        });
        return found.map(t -> new Principal("token:" + t.name() + " (" + t.id() + ")", t.createdBy(), t.role(), t.projectId()));
    }

    /** Tokens the caller may see: all for admins, their own otherwise. */
    public List<ApiToken> tokens(Principal caller) {
        requireRole(caller, Role.DEVELOPER);
        return store.listTokens(caller.role() == Role.ADMIN ? null : caller.userId());
    }

    /** Revokes a token: its maker or an admin may. */
    public ApiToken revokeToken(Principal caller, String id) {
        requireRole(caller, Role.DEVELOPER);
        ApiToken token = store.findToken(id == null ? "" : id.strip())
                .orElseThrow(() -> new NotFoundException("token_id", "no token '" + id + "'"));
        if (caller.role() != Role.ADMIN && !Objects.equals(caller.userId(), token.createdBy())) {
            throw new AccessDeniedException(AccessDeniedException.Kind.FORBIDDEN,
                    "token_id: only the token's maker or an admin may revoke it");
        }
        return store.revokeToken(token.id(), clock.now()).orElse(token);
    }

    // ==== audit =================================================================================================

    /** Records a mutation; long values are cut to {@value #MAX_AUDIT_TEXT} characters. */
    public AuditEntry audit(Principal who, String action, String target, ProjectId project, String before, String after) {
        return store.appendAudit(new AuditEntry(0, clock.now(), who.name(), action, cut(target), project, cut(before),
                cut(after)));
    }

    /** Audit entries, newest first (admins only). */
    public List<AuditEntry> auditLog(Principal caller, long beforeId, ProjectId project, int limit) {
        requireRole(caller, Role.ADMIN);
        if (limit < 1 || limit > 10_000) {
            throw new ValidationException("limit", "must be between 1 and 10000");
        }
        return store.audit(Math.max(0, beforeId), project, limit);
    }

    /** Refuses when {@code caller}'s role does not include {@code role}. */
    public static void requireRole(Principal caller, Role role) {
        if (caller == null) {
            throw new AccessDeniedException(AccessDeniedException.Kind.UNAUTHENTICATED, "sign in first");
        }
        if (!caller.role().includes(role)) {
            throw new AccessDeniedException(AccessDeniedException.Kind.FORBIDDEN, "this needs the " + role.wire()
                    + " role; " + caller.name() + " is " + caller.role().wire());
        }
    }

    // ==== helpers ===============================================================================================

    /** The email as stored (trimmed, lower-case), or a {@link ValidationException} naming {@code email}. */
    public static String normalizeEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new ValidationException("email", "is required");
        }
        String e = email.strip().toLowerCase(Locale.ROOT);
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            throw new ValidationException("email", "'" + (e.length() > 60 ? e.substring(0, 60) + "…" : e)
                    + "' is not an email address like ada@example.com");
        }
        return e;
    }

    /** Refuses a missing, short or overlong password ({@link ValidationException} naming {@code password}). */
    public static void checkPassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new ValidationException("password", "is required");
        }
        if (password.length < MIN_PASSWORD) {
            throw new ValidationException("password", "must be at least " + MIN_PASSWORD + " characters (it has "
                    + password.length + ")");
        }
        if (password.length > MAX_PASSWORD) {
            throw new ValidationException("password", "must be at most " + MAX_PASSWORD + " characters");
        }
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 in hex: how session and token secrets are stored and looked up. */
    public static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_AUDIT_TEXT ? s : s.substring(0, MAX_AUDIT_TEXT) + "…";
    }

    /** Overwrites a password held in memory once it is no longer needed. */
    public static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
