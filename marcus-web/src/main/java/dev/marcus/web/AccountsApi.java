package dev.marcus.web;

import dev.marcus.core.account.AccountService;
import dev.marcus.core.account.ApiToken;
import dev.marcus.core.account.AuditEntry;
import dev.marcus.core.account.Principal;
import dev.marcus.core.account.User;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Role;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Users (admins), API tokens (their makers and admins) and the audit trail (admins): the account management the
 * dashboard's Admin page and scripts use. Answers 404 when accounts are off.
 */
final class AccountsApi implements ApiRoutes {
    private final AccountService accounts;
    private final Access access;

    /** @param accounts {@code null} when accounts are off */
    AccountsApi(AccountService accounts, Access access) {
        this.accounts = accounts;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/users", this::users);
        r.post("/api/users", this::addUser);
        r.patch("/api/users/{userId}", this::updateUser);
        r.delete("/api/users/{userId}", this::removeUser);
        r.get("/api/tokens", this::tokens);
        r.post("/api/tokens", this::createToken);
        r.delete("/api/tokens/{tokenId}", this::revokeToken);
        r.get("/api/audit", this::audit);
    }

    private AccountService on() {
        if (accounts == null) {
            throw new WebException(404, "accounts_off", "accounts are off on this server (solo on 127.0.0.1); "
                    + "serve with --accounts or use the team profile");
        }
        return accounts;
    }

    private void users(Context ctx) {
        AccountService a = on();
        access.require(ctx, Role.ADMIN, null);
        Map<String, Object> body = ok();
        body.put("users", a.users().stream().map(AccountsApi::user).toList());
        ctx.json(body);
    }

    private void addUser(Context ctx) {
        AccountService a = on();
        access.require(ctx, Role.ADMIN, null);
        Body b = Body.of(ctx);
        Role role = Role.parse("role", b.required("role"));
        char[] password = b.required("password").toCharArray();
        User u;
        try {
            u = a.addUser(b.required("email"), password, role);
        } finally {
            AccountService.wipe(password);
        }
        access.audit(ctx, "user.add", u.email(), null, "role=" + role.wire());
        Map<String, Object> body = ok();
        body.put("user", user(u));
        ctx.status(201).json(body);
    }

    private void updateUser(Context ctx) {
        AccountService a = on();
        access.require(ctx, Role.ADMIN, null);
        User before = a.user(ctx.pathParam("userId"));
        Body b = Body.of(ctx);
        String role = b.string("role");
        String password = b.string("password");
        if (role == null && password == null) {
            throw new ValidationException("body", "give 'role' and/or 'password' to change");
        }
        Role newRole = role == null ? null : Role.parse("role", role); // parse everything before changing anything
        User after = before;
        if (password != null) {
            char[] pw = password.toCharArray();
            try {
                after = a.changePassword(before.id(), pw);
            } finally {
                AccountService.wipe(pw);
            }
            access.audit(ctx, "user.password", before.email(), null, "changed");
        }
        if (newRole != null) {
            after = a.changeRole(before.id(), newRole);
            access.audit(ctx, "user.role", before.email(), before.role().wire(), after.role().wire());
        }
        Map<String, Object> body = ok();
        body.put("user", user(after));
        ctx.json(body);
    }

    private void removeUser(Context ctx) {
        AccountService a = on();
        access.require(ctx, Role.ADMIN, null);
        Principal me = AccountAccess.principal(ctx);
        User target = a.user(ctx.pathParam("userId"));
        if (target.id().equals(me.userId())) {
            throw new ValidationException("userId", "you cannot remove yourself; ask another admin");
        }
        User removed = a.removeUser(target.id());
        access.audit(ctx, "user.remove", removed.email(), "role=" + removed.role().wire(), null);
        ctx.json(ok());
    }

    private void tokens(Context ctx) {
        AccountService a = on();
        access.require(ctx, Role.DEVELOPER, null);
        Map<String, Object> body = ok();
        body.put("tokens", a.tokens(AccountAccess.principal(ctx)).stream().map(AccountsApi::token).toList());
        ctx.json(body);
    }

    private void createToken(Context ctx) {
        AccountService a = on();
        Body b = Body.of(ctx);
        String project = b.required("project_id");
        access.require(ctx, Role.DEVELOPER, ProjectId.parse("project_id", project));
        String role = b.string("role");
        AccountService.IssuedToken issued = a.createToken(AccountAccess.principal(ctx), project, b.required("name"),
                role == null ? Role.DEVELOPER : Role.parse("role", role));
        access.audit(ctx, "token.create", issued.token().id(), null,
                issued.token().name() + " role=" + issued.token().role().wire());
        Map<String, Object> body = ok();
        body.put("token", token(issued.token()));
        body.put("secret", issued.secret());
        body.put("note", "copy the secret now: it is not stored and cannot be shown again");
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(body);
    }

    private void revokeToken(Context ctx) {
        AccountService a = on();
        access.require(ctx, Role.DEVELOPER, null);
        ApiToken t = a.revokeToken(AccountAccess.principal(ctx), ctx.pathParam("tokenId"));
        access.audit(ctx, "token.revoke", t.id(), "active", "revoked");
        Map<String, Object> body = ok();
        body.put("token", token(t));
        ctx.json(body);
    }

    private void audit(Context ctx) {
        AccountService a = on();
        access.require(ctx, Role.ADMIN, null);
        long before = longParam(ctx, "before", 0);
        int limit = (int) longParam(ctx, "limit", 100);
        String project = ctx.queryParam("project_id");
        List<AuditEntry> entries = a.auditLog(AccountAccess.principal(ctx), before,
                project == null || project.isBlank() ? null : ProjectId.parse("project_id", project), limit);
        String format = ctx.queryParam("format");
        if ("jsonl".equals(format)) {
            StringBuilder out = new StringBuilder();
            for (AuditEntry e : entries) {
                out.append(WebJson.write(entry(e))).append('\n');
            }
            ctx.header("Content-Disposition", "attachment; filename=\"marcus-audit.jsonl\"");
            ctx.contentType("application/x-ndjson").result(out.toString());
            return;
        }
        if (format != null && !"json".equals(format)) {
            throw new ValidationException("format", "'" + format + "' is not one of json, jsonl");
        }
        Map<String, Object> body = ok();
        body.put("entries", entries.stream().map(AccountsApi::entry).toList());
        body.put("next_before", entries.size() == limit ? entries.get(entries.size() - 1).id() : null);
        ctx.json(body);
    }

    private static long longParam(Context ctx, String name, long dflt) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "'" + raw + "' is not a whole number");
        }
    }

    private static Map<String, Object> ok() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        return m;
    }

    static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("role", u.role().wire());
        m.put("created_at", iso(u.createdAt()));
        m.put("last_login_at", iso(u.lastLoginAt()));
        m.put("locked_until", u.lockedUntil() != null && u.lockedUntil().isAfter(Instant.now()) ? iso(u.lockedUntil()) : null);
        return m;
    }

    static Map<String, Object> token(ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("project_id", t.projectId().value());
        m.put("role", t.role().wire());
        m.put("hint", t.hint() + "…");
        m.put("created_by", t.createdBy());
        m.put("created_at", iso(t.createdAt()));
        m.put("last_used_at", iso(t.lastUsedAt()));
        m.put("revoked_at", iso(t.revokedAt()));
        return m;
    }

    static Map<String, Object> entry(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", iso(e.at()));
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("project_id", e.projectId() == null ? null : e.projectId().value());
        m.put("before", e.before());
        m.put("after", e.after());
        return m;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
