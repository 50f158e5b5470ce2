package dev.marcus.web;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.integration.TaskLink;
import dev.marcus.core.integration.Webhook;
import dev.marcus.core.integration.WebhookService;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Role;
import dev.marcus.core.model.Task;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Views;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project's outbound webhooks (admins: they send the project's events elsewhere), its GitHub webhook secret, and
 * the pull requests linked to a task. A webhook's secret is in the answer that creates it and never again.
 */
final class IntegrationsApi implements ApiRoutes {
    private final WebOperations ops;
    private final ProjectService projects;
    private final Access access;

    IntegrationsApi(WebOperations ops, ProjectService projects, Access access) {
        this.ops = ops;
        this.projects = projects;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/projects/{projectId}/webhooks", this::list);
        r.post("/api/projects/{projectId}/webhooks", this::create);
        r.delete("/api/webhooks/{webhookId}", this::remove);
        r.get("/api/webhooks/{webhookId}/deliveries", this::deliveries);
        r.post("/api/webhooks/{webhookId}/ping", this::ping);
        r.post("/api/projects/{projectId}/github", this::githubSecret);
        r.get("/api/tasks/{taskId}/links", this::links);
    }

    private WebOperations ops() {
        if (ops == null) {
            throw new NotFoundException("integrations", "this server runs without integrations");
        }
        return ops;
    }

    private void list(Context ctx) {
        Project p = projects.resolve(ctx.pathParam("projectId"));
        access.require(ctx, Role.ADMIN, p.id());
        Map<String, Object> body = Views.ok();
        body.put("webhooks", ops().webhooks().list(p.id()).stream().map(IntegrationsApi::view).toList());
        ctx.json(body);
    }

    private void create(Context ctx) {
        access.require(ctx, Role.ADMIN, null);
        Project p = projects.resolve(ctx.pathParam("projectId"));
        Body b = Body.of(ctx).only(Set.of("url", "format", "events"));
        WebhookService.Created c = ops().webhooks().create(p.id(), b.required("url"), b.string("format"),
                b.stringsOrNull("events"), who(ctx));
        access.audit(ctx, "webhook.create", c.webhook().id(), null, c.webhook().url());
        Map<String, Object> body = Views.ok();
        body.put("webhook", view(c.webhook()));
        body.put("secret", c.secret());
        body.put("note", "keep the secret now: it is never shown again. Verify X-Marcus-Signature-256 "
                + "(sha256=HMAC-SHA256 of the body) with it.");
        ctx.status(201).json(body);
    }

    private void remove(Context ctx) {
        access.require(ctx, Role.ADMIN, null);
        Webhook h = ops().webhooks().require(ctx.pathParam("webhookId"));
        ops().webhooks().remove(h.id());
        access.audit(ctx, "webhook.delete", h.id(), h.url(), null);
        ctx.json(Views.ok());
    }

    private void deliveries(Context ctx) {
        access.require(ctx, Role.ADMIN, null);
        Webhook h = ops().webhooks().require(ctx.pathParam("webhookId"));
        Map<String, Object> body = Views.ok();
        body.put("webhook", view(h));
        body.put("deliveries", JobsApi.views(ops().webhooks().deliveries(h.id(), 100)));
        ctx.json(body);
    }

    private void ping(Context ctx) {
        access.require(ctx, Role.ADMIN, null);
        String job = ops().webhooks().ping(ctx.pathParam("webhookId"));
        ops().poke().run();
        Map<String, Object> body = Views.ok();
        body.put("delivery_id", job);
        ctx.json(body);
    }

    private void githubSecret(Context ctx) {
        access.require(ctx, Role.ADMIN, null);
        Project p = projects.resolve(ctx.pathParam("projectId"));
        String secret = ops().github().newSecret(p.id());
        access.audit(ctx, "github.secret", p.id().value(), null, "(new secret)");
        Map<String, Object> body = Views.ok();
        body.put("payload_url", "/hooks/github/" + p.id().value());
        body.put("content_type", "application/json");
        body.put("secret", secret);
        body.put("events", List.of("pull_request"));
        body.put("note", "in GitHub: Settings → Webhooks → Add webhook, with this path on your Marcus URL and this "
                + "secret (shown once; making a new one replaces it)");
        ctx.json(body);
    }

    private void links(Context ctx) {
        Task t = projects.task(ctx.pathParam("taskId"));
        access.require(ctx, Role.VIEWER, t.projectId());
        Map<String, Object> body = Views.ok();
        body.put("links", ops().github().links(t.id()).stream().map(IntegrationsApi::link).toList());
        ctx.json(body);
    }

    private static String who(Context ctx) {
        var p = AccountAccess.principal(ctx);
        return p == null ? null : p.userId();
    }

    static Map<String, Object> view(Webhook h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("project_id", h.project().value());
        m.put("url", h.url());
        m.put("format", h.format());
        m.put("events", h.events());
        m.put("secret_hint", h.secretHint());
        m.put("active", h.active());
        m.put("created_at", Views.time(h.createdAt()));
        return m;
    }

    private static Map<String, Object> link(TaskLink l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", l.kind());
        m.put("url", l.url());
        m.put("title", l.title());
        m.put("state", l.state());
        m.put("number", l.number());
        m.put("updated_at", Views.time(l.updatedAt()));
        return m;
    }
}
