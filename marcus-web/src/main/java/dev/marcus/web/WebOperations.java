package dev.marcus.web;

import dev.marcus.core.integration.GithubService;
import dev.marcus.core.integration.WebhookService;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.JobQueue;
import dev.marcus.metrics.MarcusMetrics;
import dev.marcus.integrations.GithubPayload;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The operators' side of the web server, given to {@link MarcusWeb.Builder#operations}: {@code /metrics} for
 * Prometheus (with accounts on it needs {@code Authorization: Bearer <metrics token>}, or is served on a port of its
 * own instead), HTTP timing by matched route, the job and webhook endpoints, and the GitHub webhook at
 * {@code /hooks/github/{projectId}} (outside {@code /api}: GitHub signs its deliveries instead of signing in).
 *
 * @param metrics the process's metrics, or {@code null} for no {@code /metrics}
 * @param metricsToken the bearer token {@code /metrics} needs when accounts are on, or {@code null}
 * @param jobs the job queue (listing and retry)
 * @param poke wakes this process's job runner after a retry by hand
 */
public record WebOperations(MarcusMetrics metrics, String metricsToken, JobQueue jobs, Runnable poke,
                            WebhookService webhooks, GithubService github) {
    public WebOperations {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(github, "github");
        poke = poke == null ? () -> { } : poke;
    }

    /** Route label of requests no route matched: static files, the MCP servlet or nothing at all. */
    static String routeOf(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) {
            return matched.path;
        }
        if (ctx.path().startsWith("/mcp")) {
            return "/mcp";
        }
        return ctx.status().getCode() == 404 ? "NOT_FOUND" : "static";
    }

    void install(JavalinConfig config, Access access) {
        if (metrics != null) {
            config.requestLogger.http((ctx, ms) -> metrics.http(ctx.method().name(), routeOf(ctx), ctx.status().getCode(),
                    (long) (ms * 1_000_000L)));
            // MCP over HTTP is a servlet beside Javalin's: its requests are timed by a filter in front of it
            config.jetty.modifyServletContextHandler(handler -> {
                org.eclipse.jetty.ee10.servlet.FilterHolder timing = new org.eclipse.jetty.ee10.servlet.FilterHolder(
                        new McpTiming(metrics));
                timing.setAsyncSupported(true);
                handler.addFilter(timing, "/mcp", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
            });
            config.routes.get("/metrics", ctx -> {
                if (access.accountsOn()) {
                    String bearer = AccountAccess.bearer(ctx.header("Authorization"));
                    if (metricsToken == null) {
                        throw new WebException(404, "not_found", "with accounts on, /metrics is served with "
                                + "MARCUS_METRICS_TOKEN set, or on its own port (serve --metrics-port)");
                    }
                    if (bearer == null || !MessageDigest.isEqual(bearer.getBytes(StandardCharsets.UTF_8),
                            metricsToken.getBytes(StandardCharsets.UTF_8))) {
                        throw new WebException(401, "unauthenticated", "/metrics needs 'Authorization: Bearer <metrics token>'");
                    }
                }
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
            });
        }
        config.routes.post("/hooks/github/{projectId}", this::github);
    }

    /** Times requests to {@code /mcp} (labelled by that path, never by session or query). */
    private record McpTiming(MarcusMetrics metrics) implements jakarta.servlet.Filter {
        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
                             jakarta.servlet.FilterChain chain) throws java.io.IOException, jakarta.servlet.ServletException {
            long started = System.nanoTime();
            try {
                chain.doFilter(request, response);
            } finally {
                metrics.http(((jakarta.servlet.http.HttpServletRequest) request).getMethod(), "/mcp",
                        ((jakarta.servlet.http.HttpServletResponse) response).getStatus(), System.nanoTime() - started);
            }
        }
    }

    /** A GitHub delivery: signature first (nothing is read before it is checked), then the pull request. */
    private void github(Context ctx) {
        ProjectId project = new ProjectId(ctx.pathParam("projectId"));
        byte[] body = ctx.bodyAsBytes();
        github.verify(project, body, ctx.header("X-Hub-Signature-256"));
        String event = ctx.header("X-GitHub-Event");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("event", event);
        GithubPayload.pullRequest(event, body).ifPresentOrElse(pr -> {
            GithubService.Outcome o = github.pullRequest(project, pr);
            answer.put("linked", o.linked());
            answer.put("done", o.done());
            answer.put("notes", o.notes());
        }, () -> answer.put("note", "only pull_request events change anything; this one was accepted and ignored"));
        ctx.json(answer);
    }
}
