package dev.marcus.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.AccessDeniedException;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Role;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.testkit.InMemoryAccountStore;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import dev.marcus.core.testkit.Pbkdf2TestHasher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private static final char[] GOOD = "correct horse battery".toCharArray();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T10:00:00Z"));
    private InMemoryAccountStore store;
    private AccountService accounts;
    private ProjectId projectA;
    private ProjectId projectB;

    @BeforeEach
    void setUp() {
        store = new InMemoryAccountStore();
        InMemoryStorageBackend storage = new InMemoryStorageBackend();
        projectA = storage.createProject(new NewProject(new ProjectId("proj-a"), "A", "", null), List.of(task("task-a")), now.get()).id();
        projectB = storage.createProject(new NewProject(new ProjectId("proj-b"), "B", "", null), List.of(task("task-b")), now.get()).id();
        accounts = new AccountService(store, new Pbkdf2TestHasher(), storage, now::get, Duration.ofHours(12),
                new LoginThrottle(now::get, 20, Duration.ofMinutes(5)));
    }

    private static NewTask task(String id) {
        return new NewTask(new TaskId(id), "t", "", Priority.MEDIUM, List.of(), List.of(), List.of(), null, List.of(), null);
    }

    private void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Test
    void addUser_validatesEmailPasswordAndUniqueness_namingTheField() {
        assertThatThrownBy(() -> accounts.addUser("not-an-email", GOOD, Role.ADMIN))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("email");
        assertThatThrownBy(() -> accounts.addUser("a@example.com", "short".toCharArray(), Role.ADMIN))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("password");
        User ada = accounts.addUser(" Ada@Example.com ", GOOD, Role.ADMIN);
        assertThat(ada.email()).isEqualTo("ada@example.com");
        assertThat(ada.passwordHash()).doesNotContain("correct horse").startsWith("$pbkdf2$");
        assertThatThrownBy(() -> accounts.addUser("ADA@example.com", GOOD, Role.VIEWER))
                .isInstanceOf(ConflictException.class).extracting("reason").isEqualTo("email_taken");
        assertThat(accounts.users()).hasSize(1);
    }

    @Test
    void login_givesASessionWhoseSecretIsNotStored_andLogoutEndsIt() {
        accounts.addUser("ada@example.com", GOOD, Role.DEVELOPER);
        AccountService.SignedIn in = accounts.login("ADA@example.com", GOOD.clone(), "10.0.0.1");
        assertThat(in.sessionSecret()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(in.session().secretHash()).isNotEqualTo(in.sessionSecret())
                .isEqualTo(AccountService.sha256(in.sessionSecret()));
        assertThat(accounts.session(in.sessionSecret())).get().satisfies(s -> {
            assertThat(s.principal().role()).isEqualTo(Role.DEVELOPER);
            assertThat(s.principal().name()).isEqualTo("user:ada@example.com");
            assertThat(s.principal().scope()).isNull();
            assertThat(s.session().csrfToken()).isNotBlank().isNotEqualTo(in.sessionSecret());
        });
        assertThat(store.findUserByEmail("ada@example.com")).get().extracting(User::lastLoginAt).isEqualTo(now.get());
        accounts.logout(in.sessionSecret());
        assertThat(accounts.session(in.sessionSecret())).isEmpty();
    }

    @Test
    void sessionsExpire() {
        accounts.addUser("ada@example.com", GOOD, Role.VIEWER);
        String secret = accounts.login("ada@example.com", GOOD.clone(), "c").sessionSecret();
        advance(Duration.ofHours(11));
        assertThat(accounts.session(secret)).isPresent();
        advance(Duration.ofHours(2));
        assertThat(accounts.session(secret)).isEmpty();
    }

    @Test
    void wrongPasswordAndUnknownEmail_getTheSameAnswer() {
        accounts.addUser("ada@example.com", GOOD, Role.VIEWER);
        assertThatThrownBy(() -> accounts.login("ada@example.com", "wrong password!!".toCharArray(), "c"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("email or password is not correct")
                .extracting("kind").isEqualTo(AccessDeniedException.Kind.UNAUTHENTICATED);
        assertThatThrownBy(() -> accounts.login("eve@example.com", GOOD.clone(), "c"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage("email or password is not correct");
    }

    @Test
    void anAccountLocksAfterRepeatedFailures_evenForTheRightPassword_thenUnlocks() {
        accounts.addUser("ada@example.com", GOOD, Role.VIEWER);
        for (int i = 0; i < AccountService.FREE_FAILURES; i++) {
            assertThatThrownBy(() -> accounts.login("ada@example.com", "wrong password!!".toCharArray(), "c" + Math.random()))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThatThrownBy(() -> accounts.login("ada@example.com", GOOD.clone(), "fresh-client"))
                .isInstanceOf(AccessDeniedException.class)
                .satisfies(e -> {
                    AccessDeniedException d = (AccessDeniedException) e;
                    assertThat(d.kind()).isEqualTo(AccessDeniedException.Kind.RATE_LIMITED);
                    assertThat(d.retryAfterSeconds()).isBetween(1L, 60L);
                });
        advance(Duration.ofMinutes(2));
        assertThat(accounts.login("ada@example.com", GOOD.clone(), "fresh-client").user().failedLogins()).isEqualTo(0);
        assertThat(store.findUserByEmail("ada@example.com")).get().extracting(User::failedLogins).isEqualTo(0);
    }

    @Test
    void aClientThatFailsTooOften_isThrottled_whileOthersAreNot() {
        accounts.addUser("ada@example.com", GOOD, Role.VIEWER);
        for (int i = 0; i < 20; i++) {
            int n = i;
            assertThatThrownBy(() -> accounts.login("user" + n + "@example.com", GOOD.clone(), "10.9.9.9"))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThatThrownBy(() -> accounts.login("ada@example.com", GOOD.clone(), "10.9.9.9"))
                .isInstanceOf(AccessDeniedException.class)
                .extracting("kind").isEqualTo(AccessDeniedException.Kind.RATE_LIMITED);
        assertThat(accounts.login("ada@example.com", GOOD.clone(), "10.1.1.1")).isNotNull();
        advance(Duration.ofMinutes(6));
        assertThat(accounts.login("ada@example.com", GOOD.clone(), "10.9.9.9")).isNotNull();
    }

    @Test
    void tokens_areShownOnce_storedHashed_scopedToTheirProject_andRevocable() {
        User dev = accounts.addUser("dev@example.com", GOOD, Role.DEVELOPER);
        Principal maker = new Principal("user:dev@example.com", dev.id(), Role.DEVELOPER, null);
        AccountService.IssuedToken issued = accounts.createToken(maker, projectA.value(), "laptop agent", Role.DEVELOPER);

        assertThat(issued.secret()).startsWith("mrc_");
        assertThat(issued.token().secretHash()).isEqualTo(AccountService.sha256(issued.secret()));
        assertThat(issued.token().hint()).isEqualTo(issued.secret().substring(0, 8));
        assertThat(store.findToken(issued.token().id()).orElseThrow().secretHash()).doesNotContain(issued.secret());

        Principal agent = accounts.tokenPrincipal(issued.secret()).orElseThrow();
        assertThat(agent.scope()).isEqualTo(projectA);
        assertThat(agent.role()).isEqualTo(Role.DEVELOPER);
        assertThat(agent.canSee(projectA)).isTrue();
        assertThat(agent.canSee(projectB)).isFalse();
        assertThat(store.findToken(issued.token().id()).orElseThrow().lastUsedAt()).isEqualTo(now.get());
        assertThat(accounts.tokenPrincipal("mrc_" + "x".repeat(43))).isEmpty();
        assertThat(accounts.tokenPrincipal("Bearer nonsense")).isEmpty();

        accounts.revokeToken(maker, issued.token().id());
        assertThat(accounts.tokenPrincipal(issued.secret())).isEmpty();
    }

    @Test
    void tokenRules_makerRoleProjectAndName() {
        User viewer = accounts.addUser("v@example.com", GOOD, Role.VIEWER);
        User dev = accounts.addUser("d@example.com", GOOD, Role.DEVELOPER);
        Principal v = new Principal("user:v", viewer.id(), Role.VIEWER, null);
        Principal d = new Principal("user:d", dev.id(), Role.DEVELOPER, null);
        assertThatThrownBy(() -> accounts.createToken(v, projectA.value(), "x", Role.VIEWER))
                .isInstanceOf(AccessDeniedException.class).extracting("kind").isEqualTo(AccessDeniedException.Kind.FORBIDDEN);
        assertThatThrownBy(() -> accounts.createToken(d, "proj-nope", "x", Role.VIEWER))
                .isInstanceOf(NotFoundException.class).extracting("field").isEqualTo("project_id");
        assertThatThrownBy(() -> accounts.createToken(d, projectA.value(), "  ", Role.VIEWER))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("name");
        assertThatThrownBy(() -> accounts.createToken(d, projectA.value(), "x", Role.ADMIN))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("role");
        assertThat(store.listTokens(null)).isEmpty();
    }

    @Test
    void onlyTheMakerOrAnAdmin_mayRevokeOrSeeAToken() {
        User d1 = accounts.addUser("d1@example.com", GOOD, Role.DEVELOPER);
        User d2 = accounts.addUser("d2@example.com", GOOD, Role.DEVELOPER);
        User admin = accounts.addUser("root@example.com", GOOD, Role.ADMIN);
        Principal p1 = new Principal("user:d1", d1.id(), Role.DEVELOPER, null);
        Principal p2 = new Principal("user:d2", d2.id(), Role.DEVELOPER, null);
        Principal pa = new Principal("user:root", admin.id(), Role.ADMIN, null);
        ApiToken t = accounts.createToken(p1, projectA.value(), "one", Role.VIEWER).token();

        assertThat(accounts.tokens(p2)).isEmpty();
        assertThat(accounts.tokens(p1)).extracting(ApiToken::id).containsExactly(t.id());
        assertThat(accounts.tokens(pa)).extracting(ApiToken::id).containsExactly(t.id());
        assertThatThrownBy(() -> accounts.revokeToken(p2, t.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(store.findToken(t.id()).orElseThrow().isRevoked()).isFalse();
        assertThat(accounts.revokeToken(pa, t.id()).isRevoked()).isTrue();
    }

    @Test
    void theLastAdminCanBeNeitherRemovedNorDemoted() {
        accounts.addUser("root@example.com", GOOD, Role.ADMIN);
        accounts.addUser("dev@example.com", GOOD, Role.DEVELOPER);
        assertThatThrownBy(() -> accounts.removeUser("root@example.com"))
                .isInstanceOf(ConflictException.class).extracting("reason").isEqualTo("last_admin");
        assertThatThrownBy(() -> accounts.changeRole("root@example.com", Role.VIEWER))
                .isInstanceOf(ConflictException.class).extracting("reason").isEqualTo("last_admin");
        accounts.changeRole("dev@example.com", Role.ADMIN);
        assertThat(accounts.removeUser("root@example.com").email()).isEqualTo("root@example.com");
        assertThat(accounts.users()).extracting(User::email).containsExactly("dev@example.com");
    }

    @Test
    void removingAUser_endsTheirSessionsAndTokens() {
        accounts.addUser("root@example.com", GOOD, Role.ADMIN);
        User dev = accounts.addUser("dev@example.com", GOOD, Role.DEVELOPER);
        String session = accounts.login("dev@example.com", GOOD.clone(), "c").sessionSecret();
        String token = accounts.createToken(new Principal("user:dev", dev.id(), Role.DEVELOPER, null),
                projectA.value(), "bot", Role.DEVELOPER).secret();
        accounts.removeUser(dev.id());
        assertThat(accounts.session(session)).isEmpty();
        assertThat(accounts.tokenPrincipal(token)).isEmpty();
    }

    @Test
    void demotingAUser_revokesTheirTokensTheNewRoleDoesNotCover() {
        accounts.addUser("root@example.com", GOOD, Role.ADMIN);
        User dev = accounts.addUser("dev@example.com", GOOD, Role.DEVELOPER);
        Principal maker = new Principal("user:dev", dev.id(), Role.DEVELOPER, null);
        String working = accounts.createToken(maker, projectA.value(), "worker", Role.DEVELOPER).secret();
        String watching = accounts.createToken(maker, projectA.value(), "watcher", Role.VIEWER).secret();
        accounts.changeRole("dev@example.com", Role.VIEWER);
        assertThat(accounts.tokenPrincipal(working)).isEmpty();
        assertThat(accounts.tokenPrincipal(watching)).get().extracting(Principal::role).isEqualTo(Role.VIEWER);
    }

    @Test
    void changePassword_makesTheOldOneFail() {
        accounts.addUser("ada@example.com", GOOD, Role.VIEWER);
        accounts.changePassword("ada@example.com", "a brand new passphrase".toCharArray());
        assertThatThrownBy(() -> accounts.login("ada@example.com", GOOD.clone(), "c")).isInstanceOf(AccessDeniedException.class);
        assertThat(accounts.login("ada@example.com", "a brand new passphrase".toCharArray(), "c")).isNotNull();
    }

    @Test
    void theAuditTrailIsForAdmins_andLongValuesAreCut() {
        Principal admin = new Principal("user:root", "user-x", Role.ADMIN, null);
        Principal dev = new Principal("user:dev", "user-y", Role.DEVELOPER, null);
        accounts.audit(dev, "task.update", "task-1", projectA, "a", "b".repeat(5000));
        assertThatThrownBy(() -> accounts.auditLog(dev, 0, null, 10)).isInstanceOf(AccessDeniedException.class);
        List<AuditEntry> log = accounts.auditLog(admin, 0, null, 10);
        assertThat(log).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("user:dev");
            assertThat(e.after()).hasSize(2001);
            assertThat(e.at()).isEqualTo(now.get());
        });
        assertThatThrownBy(() -> accounts.auditLog(admin, 0, null, 0))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("limit");
    }
}
