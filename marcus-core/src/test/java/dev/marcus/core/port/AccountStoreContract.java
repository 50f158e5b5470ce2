package dev.marcus.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.account.ApiToken;
import dev.marcus.core.account.AuditEntry;
import dev.marcus.core.account.LoginSession;
import dev.marcus.core.account.User;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Role;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The written contract of {@link AccountStore}. Each adapter supplies a fresh store per test and a project that
 * exists in the same database (tokens belong to a project).
 */
public abstract class AccountStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    protected AccountStore store;
    protected ProjectId project;
    protected ProjectId otherProject;

    /** A fresh, empty account store. */
    protected abstract AccountStore newStore();

    /** Creates a project in the same database as {@link #store} and returns its id. */
    protected abstract ProjectId createProject(String name);

    @BeforeEach
    void setUpStore() {
        store = newStore();
        project = createProject("Accounts A");
        otherProject = createProject("Accounts B");
    }

    private static User user(String id, String email, Role role) {
        return new User(id, email, role, "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA", T0, null, 0, null);
    }

    private static ApiToken token(String id, String secretHash, ProjectId p, String maker, Instant at) {
        return new ApiToken(id, "agent " + id, p, Role.DEVELOPER, secretHash, "mrc_abcd", maker, at, null, null);
    }

    @Test
    void users_areFoundByIdAndByEmailIgnoringCase_andListedOldestFirst() {
        store.addUser(user("user-1", "ada@example.com", Role.ADMIN));
        store.addUser(new User("user-2", "bob@example.com", Role.VIEWER, "h2", T0.plusSeconds(5), null, 0, null));

        assertThat(store.findUserByEmail("ADA@Example.com")).get().extracting(User::id).isEqualTo("user-1");
        assertThat(store.findUser("user-2")).get().satisfies(u -> {
            assertThat(u.email()).isEqualTo("bob@example.com");
            assertThat(u.role()).isEqualTo(Role.VIEWER);
            assertThat(u.passwordHash()).isEqualTo("h2");
            assertThat(u.createdAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(u.lastLoginAt()).isNull();
            assertThat(u.lockedUntil()).isNull();
        });
        assertThat(store.findUser("user-9")).isEmpty();
        assertThat(store.findUserByEmail("nobody@example.com")).isEmpty();
        assertThat(store.listUsers()).extracting(User::id).containsExactly("user-1", "user-2");
    }

    @Test
    void aSecondUserWithTheSameEmail_inAnyCase_isRefused() {
        store.addUser(user("user-1", "ada@example.com", Role.ADMIN));
        assertThatThrownBy(() -> store.addUser(user("user-2", "Ada@Example.COM", Role.VIEWER)))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).reason()).isEqualTo("email_taken"));
        assertThat(store.listUsers()).hasSize(1);
    }

    @Test
    void usersAreCountedByRole() {
        store.addUser(user("user-1", "a@example.com", Role.ADMIN));
        store.addUser(user("user-2", "b@example.com", Role.DEVELOPER));
        store.addUser(user("user-3", "c@example.com", Role.VIEWER));
        assertThat(store.countUsers(Role.VIEWER)).isEqualTo(3);
        assertThat(store.countUsers(Role.DEVELOPER)).isEqualTo(2);
        assertThat(store.countUsers(Role.ADMIN)).isEqualTo(1);
    }

    @Test
    void updateUser_changesOnlyWhatIsGiven() {
        store.addUser(user("user-1", "a@example.com", Role.VIEWER));
        User promoted = store.updateUser("user-1", Role.DEVELOPER, null);
        assertThat(promoted.role()).isEqualTo(Role.DEVELOPER);
        assertThat(promoted.passwordHash()).isEqualTo(user("x", "x@x.io", Role.VIEWER).passwordHash());
        User rehashed = store.updateUser("user-1", null, "new-hash");
        assertThat(rehashed.role()).isEqualTo(Role.DEVELOPER);
        assertThat(store.findUser("user-1")).get().extracting(User::passwordHash).isEqualTo("new-hash");
        assertThatThrownBy(() -> store.updateUser("user-9", Role.ADMIN, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void recordLogin_keepsFailuresLockAndLastSuccess() {
        store.addUser(user("user-1", "a@example.com", Role.VIEWER));
        store.recordLogin("user-1", 6, T0.plusSeconds(120), null);
        assertThat(store.findUser("user-1")).get().satisfies(u -> {
            assertThat(u.failedLogins()).isEqualTo(6);
            assertThat(u.lockedUntil()).isEqualTo(T0.plusSeconds(120));
        });
        store.recordLogin("user-1", 0, null, T0.plusSeconds(300));
        assertThat(store.findUser("user-1")).get().satisfies(u -> {
            assertThat(u.failedLogins()).isZero();
            assertThat(u.lockedUntil()).isNull();
            assertThat(u.lastLoginAt()).isEqualTo(T0.plusSeconds(300));
        });
    }

    @Test
    void sessions_liveUntilTheyExpire_andCanBeRemoved() {
        store.addUser(user("user-1", "a@example.com", Role.VIEWER));
        store.addSession(new LoginSession("hash-live", "user-1", "csrf-1", T0, T0.plusSeconds(3600)));
        store.addSession(new LoginSession("hash-old", "user-1", "csrf-2", T0, T0.plusSeconds(60)));

        assertThat(store.findSession("hash-live", T0.plusSeconds(100))).get().satisfies(s -> {
            assertThat(s.userId()).isEqualTo("user-1");
            assertThat(s.csrfToken()).isEqualTo("csrf-1");
            assertThat(s.expiresAt()).isEqualTo(T0.plusSeconds(3600));
        });
        assertThat(store.findSession("hash-old", T0.plusSeconds(100))).isEmpty();
        assertThat(store.findSession("hash-unknown", T0)).isEmpty();

        assertThat(store.removeExpiredSessions(T0.plusSeconds(100))).isEqualTo(1);
        assertThat(store.findSession("hash-old", T0)).isEmpty();
        store.removeSession("hash-live");
        assertThat(store.findSession("hash-live", T0.plusSeconds(100))).isEmpty();
    }

    @Test
    void removingAUser_endsTheirSessions_andRevokesTheirTokens() {
        store.addUser(user("user-1", "a@example.com", Role.DEVELOPER));
        store.addUser(user("user-2", "b@example.com", Role.DEVELOPER));
        store.addSession(new LoginSession("s1", "user-1", "c1", T0, T0.plusSeconds(3600)));
        store.addSession(new LoginSession("s2", "user-2", "c2", T0, T0.plusSeconds(3600)));
        store.addToken(token("tok-1", "th1", project, "user-1", T0));
        store.addToken(token("tok-2", "th2", project, "user-2", T0));

        assertThat(store.removeUser("user-1", T0.plusSeconds(10))).isTrue();
        assertThat(store.removeUser("user-1", T0.plusSeconds(10))).isFalse();

        assertThat(store.findUser("user-1")).isEmpty();
        assertThat(store.findSession("s1", T0)).isEmpty();
        assertThat(store.findSession("s2", T0)).isPresent();
        assertThat(store.findToken("tok-1")).get().extracting(ApiToken::revokedAt).isEqualTo(T0.plusSeconds(10));
        assertThat(store.findToken("tok-2")).get().extracting(ApiToken::revokedAt).isNull();
    }

    @Test
    void tokens_areFoundBySecretHash_listedNewestFirst_andFilteredByMaker() {
        store.addUser(user("user-1", "a@example.com", Role.DEVELOPER));
        store.addUser(user("user-2", "b@example.com", Role.ADMIN));
        store.addToken(token("tok-1", "th1", project, "user-1", T0));
        store.addToken(token("tok-2", "th2", otherProject, "user-2", T0.plusSeconds(1)));
        store.addToken(token("tok-3", "th3", project, "user-1", T0.plusSeconds(2)));

        assertThat(store.findTokenBySecret("th2")).get().satisfies(t -> {
            assertThat(t.id()).isEqualTo("tok-2");
            assertThat(t.projectId()).isEqualTo(otherProject);
            assertThat(t.role()).isEqualTo(Role.DEVELOPER);
            assertThat(t.hint()).isEqualTo("mrc_abcd");
            assertThat(t.createdBy()).isEqualTo("user-2");
            assertThat(t.createdAt()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(store.findTokenBySecret("nope")).isEmpty();
        assertThat(store.listTokens(null)).extracting(ApiToken::id).containsExactly("tok-3", "tok-2", "tok-1");
        assertThat(store.listTokens("user-1")).extracting(ApiToken::id).containsExactly("tok-3", "tok-1");
    }

    @Test
    void revokingATokenIsIdempotent_andKeepsTheFirstRevocationTime() {
        store.addUser(user("user-1", "a@example.com", Role.DEVELOPER));
        store.addToken(token("tok-1", "th1", project, "user-1", T0));
        assertThat(store.revokeToken("tok-1", T0.plusSeconds(5))).get().extracting(ApiToken::revokedAt)
                .isEqualTo(T0.plusSeconds(5));
        assertThat(store.revokeToken("tok-1", T0.plusSeconds(9))).get().extracting(ApiToken::revokedAt)
                .isEqualTo(T0.plusSeconds(5));
        assertThat(store.findTokenBySecret("th1")).get().extracting(ApiToken::isRevoked).isEqualTo(true);
        assertThat(store.revokeToken("tok-9", T0)).isEmpty();
    }

    @Test
    void touchingATokenRecordsItsLastUse() {
        store.addUser(user("user-1", "a@example.com", Role.DEVELOPER));
        store.addToken(token("tok-1", "th1", project, "user-1", T0));
        store.touchToken("tok-1", T0.plusSeconds(42));
        assertThat(store.findToken("tok-1")).get().extracting(ApiToken::lastUsedAt).isEqualTo(T0.plusSeconds(42));
    }

    @Test
    void audit_getsIncreasingIds_pagesNewestFirst_andFiltersByProject() {
        AuditEntry a = store.appendAudit(new AuditEntry(0, T0, "user:a@example.com", "task.update", "task-1", project,
                "priority=low", "priority=high"));
        AuditEntry b = store.appendAudit(new AuditEntry(0, T0.plusSeconds(1), "user:a@example.com", "user.add",
                "b@example.com", null, null, "viewer"));
        AuditEntry c = store.appendAudit(new AuditEntry(0, T0.plusSeconds(2), "token:bot (tok-1)", "mcp.log_decision",
                "task-2", otherProject, null, "{\"what\":\"x\"}"));
        assertThat(a.id()).isPositive();
        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(c.id()).isGreaterThan(b.id());

        assertThat(store.audit(0, null, 10)).extracting(AuditEntry::id).containsExactly(c.id(), b.id(), a.id());
        assertThat(store.audit(c.id(), null, 1)).extracting(AuditEntry::id).containsExactly(b.id());
        assertThat(store.audit(0, project, 10)).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("user:a@example.com");
            assertThat(e.action()).isEqualTo("task.update");
            assertThat(e.target()).isEqualTo("task-1");
            assertThat(e.projectId()).isEqualTo(project);
            assertThat(e.before()).isEqualTo("priority=low");
            assertThat(e.after()).isEqualTo("priority=high");
            assertThat(e.at()).isEqualTo(T0);
        });
        assertThat(store.audit(0, null, 10).get(1).before()).isNull();
    }

    @Test
    void hostileTextIsStoredLiterally() {
        String evil = "x'); DROP TABLE users; -- <script>alert(1)</script> ✓";
        store.addUser(user("user-1", "o'brien@example.com", Role.VIEWER));
        assertThat(store.findUserByEmail("o'brien@example.com")).isPresent();
        AuditEntry e = store.appendAudit(new AuditEntry(0, T0, evil, evil, evil, null, evil, evil));
        assertThat(store.audit(0, null, 1)).singleElement().satisfies(got -> {
            assertThat(got.id()).isEqualTo(e.id());
            assertThat(got.actor()).isEqualTo(evil);
            assertThat(got.after()).isEqualTo(evil);
        });
        assertThat(store.listUsers()).hasSize(1);
        List<ApiToken> none = store.listTokens(evil);
        assertThat(none).isEmpty();
    }
}
