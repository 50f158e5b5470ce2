package dev.marcus.web;

import dev.marcus.core.account.AccountService;
import dev.marcus.core.account.Principal;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who the caller is, and signing in and out. {@code GET /api/session} tells the dashboard whether accounts are on,
 * who is signed in, their role (which decides the controls it shows) and the CSRF token to send with changes.
 */
final class SessionApi implements ApiRoutes {
    private final Access access;
    private final AccountService accounts;
    private final long cookieSeconds;

    /** @param accounts {@code null} when accounts are off */
    SessionApi(Access access, AccountService accounts, long cookieSeconds) {
        this.access = access;
        this.accounts = accounts;
        this.cookieSeconds = cookieSeconds;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/session", this::session);
        r.post("/api/login", this::login);
        r.post("/api/logout", this::logout);
    }

    private void session(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("accounts", access.accountsOn());
        if (!access.accountsOn()) {
            body.put("authenticated", true);
            body.put("role", access.roleOf(ctx).wire());
            ctx.json(body);
            return;
        }
        Principal p = AccountAccess.principal(ctx);
        body.put("authenticated", p != null);
        body.put("role", p == null ? null : p.role().wire());
        if (p != null) {
            body.put("user", p.name());
            String csrf = AccountAccess.csrf(ctx);
            if (csrf != null) {
                body.put("csrf_token", csrf);
            }
        } else if (!accounts.hasUsers()) {
            body.put("setup", "nobody can sign in yet: run 'marcus user add --email you@example.com --role admin' "
                    + "on the server");
        }
        ctx.json(body);
    }

    private void login(Context ctx) {
        if (accounts == null) {
            throw new WebException(404, "accounts_off", "accounts are off on this server: nobody needs to sign in");
        }
        Body b = Body.of(ctx);
        String email = b.required("email");
        char[] password = b.required("password").toCharArray();
        AccountService.SignedIn in;
        try {
            in = accounts.login(email, password, ctx.ip());
        } finally {
            AccountService.wipe(password);
        }
        ctx.header("Set-Cookie", cookie(ctx, in.sessionSecret(), cookieSeconds));
        ctx.header("Cache-Control", "no-store");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("user", Map.of("id", in.user().id(), "email", in.user().email(), "role", in.user().role().wire()));
        body.put("role", in.user().role().wire());
        body.put("csrf_token", in.session().csrfToken());
        ctx.json(body);
    }

    private void logout(Context ctx) {
        if (accounts != null) {
            accounts.logout(ctx.cookie(AccountAccess.COOKIE));
        }
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
        ctx.json(Map.of("success", true));
    }

    /** The session cookie: unreadable by scripts, never sent by other sites, Secure behind HTTPS. */
    static String cookie(Context ctx, String value, long maxAgeSeconds) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return AccountAccess.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }
}
