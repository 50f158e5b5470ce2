package dev.marcus.storage.sql;

import static dev.marcus.storage.sql.SqlStorageBackend.inst;
import static dev.marcus.storage.sql.SqlStorageBackend.ms;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.table;

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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * {@link AccountStore} on the tables of migration V5 ({@code users}, {@code sessions}, {@code api_tokens},
 * {@code audit_log}), in the same database and through the same transactions and error translation as the
 * {@link SqlStorageBackend} it belongs to. Obtain it with {@link SqlStorageBackend#accounts()}.
 */
final class SqlAccountStore implements AccountStore {
    private static final String WS = Db.DEFAULT_WORKSPACE;

    static final Table<Record> USERS = table(name("users"));
    private static final Field<String> U_WS = field(name("users", "workspace_id"), SQLDataType.VARCHAR);
    private static final Field<String> U_ID = field(name("users", "id"), SQLDataType.VARCHAR);
    private static final Field<String> U_EMAIL = field(name("users", "email"), SQLDataType.VARCHAR);
    private static final Field<String> U_ROLE = field(name("users", "role"), SQLDataType.VARCHAR);
    private static final Field<String> U_HASH = field(name("users", "password_hash"), SQLDataType.VARCHAR);
    private static final Field<Integer> U_FAILED = field(name("users", "failed_logins"), SQLDataType.INTEGER);
    private static final Field<Long> U_LOCKED = field(name("users", "locked_until"), SQLDataType.BIGINT);
    private static final Field<Long> U_LAST_LOGIN = field(name("users", "last_login_at"), SQLDataType.BIGINT);
    private static final Field<Long> U_CREATED = field(name("users", "created_at"), SQLDataType.BIGINT);
    private static final Field<Long> U_UPDATED = field(name("users", "updated_at"), SQLDataType.BIGINT);

    static final Table<Record> SESSIONS = table(name("sessions"));
    private static final Field<String> S_WS = field(name("sessions", "workspace_id"), SQLDataType.VARCHAR);
    private static final Field<String> S_HASH = field(name("sessions", "secret_hash"), SQLDataType.VARCHAR);
    private static final Field<String> S_USER = field(name("sessions", "user_id"), SQLDataType.VARCHAR);
    private static final Field<String> S_CSRF = field(name("sessions", "csrf_token"), SQLDataType.VARCHAR);
    private static final Field<Long> S_EXPIRES = field(name("sessions", "expires_at"), SQLDataType.BIGINT);
    private static final Field<Long> S_CREATED = field(name("sessions", "created_at"), SQLDataType.BIGINT);
    private static final Field<Long> S_UPDATED = field(name("sessions", "updated_at"), SQLDataType.BIGINT);

    static final Table<Record> TOKENS = table(name("api_tokens"));
    private static final Field<String> K_WS = field(name("api_tokens", "workspace_id"), SQLDataType.VARCHAR);
    private static final Field<String> K_ID = field(name("api_tokens", "id"), SQLDataType.VARCHAR);
    private static final Field<String> K_NAME = field(name("api_tokens", "name"), SQLDataType.VARCHAR);
    private static final Field<String> K_PROJECT = field(name("api_tokens", "project_id"), SQLDataType.VARCHAR);
    private static final Field<String> K_ROLE = field(name("api_tokens", "role"), SQLDataType.VARCHAR);
    private static final Field<String> K_HASH = field(name("api_tokens", "secret_hash"), SQLDataType.VARCHAR);
    private static final Field<String> K_HINT = field(name("api_tokens", "hint"), SQLDataType.VARCHAR);
    private static final Field<String> K_MAKER = field(name("api_tokens", "created_by"), SQLDataType.VARCHAR);
    private static final Field<Long> K_USED = field(name("api_tokens", "last_used_at"), SQLDataType.BIGINT);
    private static final Field<Long> K_REVOKED = field(name("api_tokens", "revoked_at"), SQLDataType.BIGINT);
    private static final Field<Long> K_CREATED = field(name("api_tokens", "created_at"), SQLDataType.BIGINT);
    private static final Field<Long> K_UPDATED = field(name("api_tokens", "updated_at"), SQLDataType.BIGINT);

    static final Table<Record> AUDIT = table(name("audit_log"));
    private static final Field<Long> A_ID = field(name("audit_log", "id"), SQLDataType.BIGINT);
    private static final Field<String> A_WS = field(name("audit_log", "workspace_id"), SQLDataType.VARCHAR);
    private static final Field<Long> A_AT = field(name("audit_log", "at"), SQLDataType.BIGINT);
    private static final Field<String> A_ACTOR = field(name("audit_log", "actor"), SQLDataType.VARCHAR);
    private static final Field<String> A_ACTION = field(name("audit_log", "action"), SQLDataType.VARCHAR);
    private static final Field<String> A_TARGET = field(name("audit_log", "target"), SQLDataType.VARCHAR);
    private static final Field<String> A_PROJECT = field(name("audit_log", "project_id"), SQLDataType.VARCHAR);
    private static final Field<String> A_BEFORE = field(name("audit_log", "before_value"), SQLDataType.VARCHAR);
    private static final Field<String> A_AFTER = field(name("audit_log", "after_value"), SQLDataType.VARCHAR);
    private static final Field<Long> A_CREATED = field(name("audit_log", "created_at"), SQLDataType.BIGINT);
    private static final Field<Long> A_UPDATED = field(name("audit_log", "updated_at"), SQLDataType.BIGINT);

    private static final List<Field<?>> USER_COLUMNS = List.of(U_ID, U_EMAIL, U_ROLE, U_HASH, U_CREATED, U_LAST_LOGIN,
            U_FAILED, U_LOCKED);
    private static final List<Field<?>> TOKEN_COLUMNS = List.of(K_ID, K_NAME, K_PROJECT, K_ROLE, K_HASH, K_HINT, K_MAKER,
            K_CREATED, K_USED, K_REVOKED);
    private static final List<Field<?>> AUDIT_COLUMNS = List.of(A_ID, A_AT, A_ACTOR, A_ACTION, A_TARGET, A_PROJECT,
            A_BEFORE, A_AFTER);

    private final SqlStorageBackend db;

    SqlAccountStore(SqlStorageBackend db) {
        this.db = db;
    }

    // ==== users =================================================================================================

    @Override
    public User addUser(User user) {
        String email = user.email().toLowerCase(Locale.ROOT);
        return db.write("add user " + email, ctx -> {
            if (ctx.fetchExists(USERS, U_WS.eq(WS).and(U_EMAIL.eq(email)))) {
                throw new ConflictException("email_taken", "email: a user with email " + email + " already exists");
            }
            long now = user.createdAt().toEpochMilli();
            ctx.insertInto(USERS)
                    .set(U_WS, WS)
                    .set(U_ID, user.id())
                    .set(U_EMAIL, email)
                    .set(U_ROLE, user.role().wire())
                    .set(U_HASH, user.passwordHash())
                    .set(U_FAILED, user.failedLogins())
                    .set(U_LOCKED, ms(user.lockedUntil()))
                    .set(U_LAST_LOGIN, ms(user.lastLoginAt()))
                    .set(U_CREATED, now)
                    .set(U_UPDATED, now)
                    .execute();
            return userRow(ctx, U_ID.eq(user.id())).orElseThrow();
        });
    }

    @Override
    public Optional<User> findUserByEmail(String email) {
        String e = email.toLowerCase(Locale.ROOT);
        return db.read("find user", ctx -> userRow(ctx, U_EMAIL.eq(e)));
    }

    @Override
    public Optional<User> findUser(String id) {
        return db.read("find user", ctx -> userRow(ctx, U_ID.eq(id)));
    }

    @Override
    public List<User> listUsers() {
        return db.read("list users", ctx -> ctx.select(USER_COLUMNS).from(USERS).where(U_WS.eq(WS))
                .orderBy(U_CREATED, U_EMAIL).fetch(SqlAccountStore::user));
    }

    @Override
    public int countUsers(Role atLeast) {
        List<String> roles = Arrays.stream(Role.values()).filter(r -> r.includes(atLeast)).map(Role::wire).toList();
        return db.read("count users", ctx -> ctx.fetchCount(USERS, U_WS.eq(WS).and(U_ROLE.in(roles))));
    }

    @Override
    public User updateUser(String id, Role role, String passwordHash) {
        return db.write("update user " + id, ctx -> {
            var update = ctx.update(USERS).set(U_UPDATED, System.currentTimeMillis());
            if (role != null) {
                update = update.set(U_ROLE, role.wire());
            }
            if (passwordHash != null) {
                update = update.set(U_HASH, passwordHash);
            }
            if (update.where(U_WS.eq(WS)).and(U_ID.eq(id)).execute() == 0) {
                throw new NotFoundException("user", "no user '" + id + "'");
            }
            return userRow(ctx, U_ID.eq(id)).orElseThrow();
        });
    }

    @Override
    public void recordLogin(String id, int failedLogins, Instant lockedUntil, Instant lastLoginAt) {
        db.write("record sign-in of " + id, ctx -> ctx.update(USERS)
                .set(U_FAILED, failedLogins)
                .set(U_LOCKED, ms(lockedUntil))
                .set(U_LAST_LOGIN, ms(lastLoginAt))
                .set(U_UPDATED, System.currentTimeMillis())
                .where(U_WS.eq(WS)).and(U_ID.eq(id))
                .execute());
    }

    @Override
    public boolean removeUser(String id, Instant now) {
        return db.write("remove user " + id, ctx -> {
            ctx.deleteFrom(SESSIONS).where(S_USER.eq(id)).execute();
            ctx.update(TOKENS)
                    .set(K_REVOKED, now.toEpochMilli())
                    .set(K_UPDATED, now.toEpochMilli())
                    .where(K_MAKER.eq(id)).and(K_REVOKED.isNull())
                    .execute();
            return ctx.deleteFrom(USERS).where(U_WS.eq(WS)).and(U_ID.eq(id)).execute() > 0;
        });
    }

    private static Optional<User> userRow(DSLContext ctx, Condition which) {
        return ctx.select(USER_COLUMNS).from(USERS).where(U_WS.eq(WS)).and(which).fetchOptional(SqlAccountStore::user);
    }

    private static User user(Record r) {
        return new User(r.get(U_ID), r.get(U_EMAIL), Role.parse("role", r.get(U_ROLE)), r.get(U_HASH),
                inst(r.get(U_CREATED)), inst(r.get(U_LAST_LOGIN)), r.get(U_FAILED), inst(r.get(U_LOCKED)));
    }

    // ==== sessions ==============================================================================================

    @Override
    public void addSession(LoginSession s) {
        db.write("add session", ctx -> {
            if (!ctx.fetchExists(USERS, U_ID.eq(s.userId()))) {
                throw new NotFoundException("user", "no user '" + s.userId() + "'");
            }
            return ctx.insertInto(SESSIONS)
                    .set(S_WS, WS)
                    .set(S_HASH, s.secretHash())
                    .set(S_USER, s.userId())
                    .set(S_CSRF, s.csrfToken())
                    .set(S_EXPIRES, s.expiresAt().toEpochMilli())
                    .set(S_CREATED, s.createdAt().toEpochMilli())
                    .set(S_UPDATED, s.createdAt().toEpochMilli())
                    .execute();
        });
    }

    @Override
    public Optional<LoginSession> findSession(String secretHash, Instant now) {
        return db.read("find session", ctx -> ctx.select(S_HASH, S_USER, S_CSRF, S_CREATED, S_EXPIRES)
                .from(SESSIONS)
                .where(S_HASH.eq(secretHash)).and(S_EXPIRES.gt(now.toEpochMilli()))
                .fetchOptional(r -> new LoginSession(r.get(S_HASH), r.get(S_USER), r.get(S_CSRF),
                        inst(r.get(S_CREATED)), inst(r.get(S_EXPIRES)))));
    }

    @Override
    public void removeSession(String secretHash) {
        db.write("remove session", ctx -> ctx.deleteFrom(SESSIONS).where(S_HASH.eq(secretHash)).execute());
    }

    @Override
    public int removeExpiredSessions(Instant now) {
        return db.write("remove expired sessions", ctx -> ctx.deleteFrom(SESSIONS)
                .where(S_EXPIRES.le(now.toEpochMilli())).execute());
    }

    // ==== tokens ================================================================================================

    @Override
    public ApiToken addToken(ApiToken t) {
        return db.write("add token " + t.id(), ctx -> {
            if (ctx.fetchExists(TOKENS, K_ID.eq(t.id()).or(K_HASH.eq(t.secretHash())))) {
                throw new ConflictException("token_exists", "token '" + t.id() + "' already exists");
            }
            ctx.insertInto(TOKENS)
                    .set(K_WS, WS)
                    .set(K_ID, t.id())
                    .set(K_NAME, t.name())
                    .set(K_PROJECT, t.projectId().value())
                    .set(K_ROLE, t.role().wire())
                    .set(K_HASH, t.secretHash())
                    .set(K_HINT, t.hint() == null ? "" : t.hint())
                    .set(K_MAKER, t.createdBy())
                    .set(K_USED, ms(t.lastUsedAt()))
                    .set(K_REVOKED, ms(t.revokedAt()))
                    .set(K_CREATED, t.createdAt().toEpochMilli())
                    .set(K_UPDATED, t.createdAt().toEpochMilli())
                    .execute();
            return tokenRow(ctx, K_ID.eq(t.id())).orElseThrow();
        });
    }

    @Override
    public Optional<ApiToken> findTokenBySecret(String secretHash) {
        return db.read("find token", ctx -> tokenRow(ctx, K_HASH.eq(secretHash)));
    }

    @Override
    public Optional<ApiToken> findToken(String id) {
        return db.read("find token", ctx -> tokenRow(ctx, K_ID.eq(id)));
    }

    @Override
    public List<ApiToken> listTokens(String createdBy) {
        return db.read("list tokens", ctx -> ctx.select(TOKEN_COLUMNS).from(TOKENS)
                .where(K_WS.eq(WS)).and(createdBy == null ? noCondition() : K_MAKER.eq(createdBy))
                .orderBy(K_CREATED.desc(), K_ID)
                .fetch(SqlAccountStore::token));
    }

    @Override
    public Optional<ApiToken> revokeToken(String id, Instant now) {
        return db.write("revoke token " + id, ctx -> {
            ctx.update(TOKENS)
                    .set(K_REVOKED, now.toEpochMilli())
                    .set(K_UPDATED, now.toEpochMilli())
                    .where(K_ID.eq(id)).and(K_REVOKED.isNull())
                    .execute();
            return tokenRow(ctx, K_ID.eq(id));
        });
    }

    @Override
    public void touchToken(String id, Instant now) {
        db.write("note use of token " + id, ctx -> ctx.update(TOKENS)
                .set(K_USED, now.toEpochMilli())
                .where(K_ID.eq(id))
                .execute());
    }

    private static Optional<ApiToken> tokenRow(DSLContext ctx, Condition which) {
        return ctx.select(TOKEN_COLUMNS).from(TOKENS).where(K_WS.eq(WS)).and(which).fetchOptional(SqlAccountStore::token);
    }

    private static ApiToken token(Record r) {
        return new ApiToken(r.get(K_ID), r.get(K_NAME), new ProjectId(r.get(K_PROJECT)), Role.parse("role", r.get(K_ROLE)),
                r.get(K_HASH), r.get(K_HINT), r.get(K_MAKER), inst(r.get(K_CREATED)), inst(r.get(K_USED)),
                inst(r.get(K_REVOKED)));
    }

    // ==== audit =================================================================================================

    @Override
    public AuditEntry appendAudit(AuditEntry e) {
        return db.write("append to the audit trail", ctx -> {
            long at = e.at().toEpochMilli();
            Long id = ctx.insertInto(AUDIT)
                    .set(A_WS, WS)
                    .set(A_AT, at)
                    .set(A_ACTOR, e.actor())
                    .set(A_ACTION, e.action())
                    .set(A_TARGET, e.target())
                    .set(A_PROJECT, e.projectId() == null ? null : e.projectId().value())
                    .set(A_BEFORE, e.before())
                    .set(A_AFTER, e.after())
                    .set(A_CREATED, at)
                    .set(A_UPDATED, at)
                    .returningResult(A_ID)
                    .fetchOne(0, Long.class);
            return new AuditEntry(id, e.at(), e.actor(), e.action(), e.target(), e.projectId(), e.before(), e.after());
        });
    }

    @Override
    public List<AuditEntry> audit(long beforeId, ProjectId project, int limit) {
        return db.read("read the audit trail", ctx -> ctx.select(AUDIT_COLUMNS).from(AUDIT)
                .where(A_WS.eq(WS))
                .and(beforeId > 0 ? A_ID.lt(beforeId) : noCondition())
                .and(project == null ? noCondition() : A_PROJECT.eq(project.value()))
                .orderBy(A_ID.desc())
                .limit(limit)
                .fetch(r -> new AuditEntry(r.get(A_ID), inst(r.get(A_AT)), r.get(A_ACTOR), r.get(A_ACTION),
                        r.get(A_TARGET), r.get(A_PROJECT) == null ? null : new ProjectId(r.get(A_PROJECT)),
                        r.get(A_BEFORE), r.get(A_AFTER))));
    }
}
