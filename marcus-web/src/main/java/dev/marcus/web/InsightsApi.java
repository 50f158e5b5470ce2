package dev.marcus.web;

import dev.marcus.core.model.Role;
import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.core.analytics.MetricsService;
import dev.marcus.core.analytics.PredictionService;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Views;
import io.javalin.http.Context;
import java.util.Map;

/**
 * What the dashboard's charts and health panel read: the core's analytics (the services behind
 * {@code get_project_metrics}, {@code predict_completion_time}, {@code check_board_health} and
 * {@code diagnose_project}), served over REST for viewers.
 */
final class InsightsApi implements ApiRoutes {
    static final String DEFAULT_WINDOW = "24h";

    private final ProjectService projects;
    private final MetricsService metrics;
    private final PredictionService predictions;
    private final BoardHealthService health;
    private final Access access;

    InsightsApi(ProjectService projects, StorageBackend storage, Access access, Clock clock) {
        this.projects = projects;
        this.metrics = new MetricsService(storage, projects, clock);
        this.predictions = new PredictionService(storage, projects, clock);
        this.health = new BoardHealthService(storage, projects, clock);
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/projects/{projectId}/timeline", this::timeline);
        r.get("/api/projects/{projectId}/metrics", this::metrics);
        r.get("/api/projects/{projectId}/health", this::health);
    }

    /** Swim lanes, completions per hour, cycle times and burn-down, with the completion forecast. */
    private void timeline(Context ctx) {
        String id = allowed(ctx);
        Map<String, Object> body = Views.ok();
        body.putAll(metrics.timeline(id, window(ctx)));
        body.put("forecast", predictions.completionTime(id, true));
        ctx.json(body);
    }

    private void metrics(Context ctx) {
        String id = allowed(ctx);
        Map<String, Object> body = Views.ok();
        body.put("metrics", metrics.project(id, window(ctx)));
        body.put("forecast", predictions.completionTime(id, true));
        ctx.json(body);
    }

    /** Board health (score and issues), why tasks cannot be handed out, and lease/holder consistency. */
    private void health(Context ctx) {
        String id = allowed(ctx);
        Map<String, Object> body = Views.ok();
        body.putAll(health.boardHealth(id));
        body.put("diagnosis", health.diagnose(id));
        body.put("assignments", health.assignmentHealth(id));
        ctx.json(body);
    }

    private String allowed(Context ctx) {
        var p = projects.resolve(ctx.pathParam("projectId"));
        access.require(ctx, Role.VIEWER, p.id());
        return p.id().value();
    }

    private static String window(Context ctx) {
        String w = ctx.queryParam("window");
        return w == null || w.isBlank() ? DEFAULT_WINDOW : w;
    }
}
