package dev.marcus.web;

import dev.marcus.core.account.AccountService;
import dev.marcus.core.account.Principal;
import dev.marcus.core.error.AccessDeniedException;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Role;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@link Access} with accounts: a request is signed in by its session cookie ({@value #COOKIE}, from
 * {@code POST /api/login}) or by an API token ({@code Authorization: Bearer mrc_…}). Changes made with a cookie must
 * carry the session's CSRF token in {@value #CSRF_HEADER} (a token header is not sent by browsers on their own, so
 * it needs none). Roles and a token's project scope are checked by {@link #require}; every change is audited with
 * the project it touched.
 */
final class AccountAccess implements Access {
    static final String COOKIE = "marcus_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String PRINCIPAL = "marcus.principal";
    private static final String CSRF = "marcus.csrf";
    private static final String PROJECT = "marcus.project";
    /** Reachable without signing in. */
    private static final Set<String> PUBLIC = Set.of("/api/login", "/api/logout", "/api/session", "/api/openapi.json");

    private final AccountService accounts;

    AccountAccess(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public boolean accountsOn() {
        return true;
    }

    @Override
    public void authenticate(Context ctx) {
        Optional<Principal> who = identify(ctx);
        who.ifPresent(p -> ctx.attribute(PRINCIPAL, p));
        if (PUBLIC.contains(ctx.path())) {
            return;
        }
        if (who.isEmpty()) {
            throw new AccessDeniedException(AccessDeniedException.Kind.UNAUTHENTICATED,
                    "sign in first (POST /api/login), or send 'Authorization: Bearer <API token>'");
        }
        String csrf = ctx.attribute(CSRF);
        if (csrf != null && !safe(ctx.method())) {
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                    sent.getBytes(StandardCharsets.UTF_8))) {
                throw new WebException(403, "csrf", "missing or wrong " + CSRF_HEADER
                        + " header: changes need the token that GET /api/session returns");
            }
        }
    }

    /** The caller of this request: a bearer token first, else the session cookie. */
    private Optional<Principal> identify(Context ctx) {
        String bearer = bearer(ctx.header("Authorization"));
        if (bearer != null) {
            return accounts.tokenPrincipal(bearer);
        }
        return accounts.session(ctx.cookie(COOKIE)).map(s -> {
            ctx.attribute(CSRF, s.session().csrfToken());
            return s.principal();
        });
    }

    /** The CSRF token of this request's session (set by {@link #authenticate}), or {@code null}. */
    static String csrf(Context ctx) {
        return ctx.attribute(CSRF);
    }

    /** The signed-in caller of this request, if any. */
    static Principal principal(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    @Override
    public void require(Context ctx, Role role, ProjectId project) {
        Principal p = principal(ctx);
        AccountService.requireRole(p, role);
        if (project != null) {
            ctx.attribute(PROJECT, project);
            if (!p.canSee(project)) {
                throw new AccessDeniedException(AccessDeniedException.Kind.FORBIDDEN, "this token works on project "
                        + p.scope().value() + " only, not on " + project.value());
            }
        } else if (p.scope() != null && role != Role.VIEWER) {
            throw new AccessDeniedException(AccessDeniedException.Kind.FORBIDDEN, "this token works on project "
                    + p.scope().value() + " only; it cannot make installation-wide changes");
        }
    }

    @Override
    public boolean canSee(Context ctx, ProjectId project) {
        Principal p = principal(ctx);
        return p != null && p.canSee(project);
    }

    @Override
    public void audit(Context ctx, String action, String target, String before, String after) {
        Principal p = principal(ctx);
        if (p != null) {
            accounts.audit(p, action, target, ctx.attribute(PROJECT), before, after);
        }
    }

    @Override
    public Role roleOf(Context ctx) {
        Principal p = principal(ctx);
        return p == null ? Role.VIEWER : p.role();
    }

    @Override
    public Predicate<ProjectId> feedScope(String sessionCookie, String authorization) {
        String bearer = bearer(authorization);
        Optional<Principal> who = bearer != null ? accounts.tokenPrincipal(bearer)
                : accounts.session(sessionCookie).map(AccountService.SessionPrincipal::principal);
        return who.<Predicate<ProjectId>>map(p -> p::canSee).orElse(null);
    }

    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static boolean safe(HandlerType m) {
        return m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS;
    }
}
