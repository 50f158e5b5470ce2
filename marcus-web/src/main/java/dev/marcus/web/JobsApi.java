package dev.marcus.web;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.job.Job;
import dev.marcus.core.job.JobRun;
import dev.marcus.core.model.Role;
import dev.marcus.mcp.Views;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Background jobs for admins: recurring and one-off jobs, their attempts, and a retry by hand. */
final class JobsApi implements ApiRoutes {
    private final WebOperations ops;
    private final Access access;

    JobsApi(WebOperations ops, Access access) {
        this.ops = ops;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/jobs", this::list);
        r.get("/api/jobs/{jobId}/runs", this::runs);
        r.post("/api/jobs/{jobId}/retry", this::retry);
    }

    private WebOperations ops() {
        if (ops == null) {
            throw new NotFoundException("jobs", "this server runs without a job queue");
        }
        return ops;
    }

    private void list(Context ctx) {
        access.require(ctx, Role.ADMIN, null);
        String kind = ctx.queryParam("kind");
        int limit = Math.min(500, Math.max(1, ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100)));
        Map<String, Object> body = Views.ok();
        body.put("jobs", ops().jobs().list(kind, ctx.queryParam("ref"), limit).stream().map(JobsApi::view).toList());
        ctx.json(body);
    }

    private void runs(Context ctx) {
        access.require(ctx, Role.ADMIN, null);
        Job job = ops().jobs().find(ctx.pathParam("jobId"))
                .orElseThrow(() -> new NotFoundException("job_id", "no job '" + ctx.pathParam("jobId") + "'"));
        Map<String, Object> body = Views.ok();
        body.put("job", view(job));
        body.put("runs", ops().jobs().runs(job.id(), 50).stream().map(JobsApi::run).toList());
        ctx.json(body);
    }

    private void retry(Context ctx) {
        access.require(ctx, Role.ADMIN, null);
        String id = ctx.pathParam("jobId");
        Job before = ops().jobs().find(id).orElseThrow(() -> new NotFoundException("job_id", "no job '" + id + "'"));
        Job after = ops().jobs().retryNow(id, java.time.Instant.now());
        access.audit(ctx, "job.retry", id, before.status().wire(), after.status().wire());
        ops().poke().run();
        Map<String, Object> body = Views.ok();
        body.put("job", view(after));
        ctx.json(body);
    }

    static Map<String, Object> view(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("kind", j.kind());
        m.put("ref", j.ref());
        m.put("recurring", j.recurring());
        m.put("interval_seconds", j.interval() == null ? null : j.interval().toSeconds());
        m.put("status", j.status().wire());
        m.put("attempts", j.attempts());
        m.put("max_attempts", j.maxAttempts());
        m.put("next_run_at", Views.time(j.nextRunAt()));
        m.put("last_started_at", Views.time(j.lastStartedAt()));
        m.put("last_finished_at", Views.time(j.lastFinishedAt()));
        m.put("last_success_at", Views.time(j.lastSuccessAt()));
        m.put("last_error", j.lastError());
        m.put("runs", j.runs());
        m.put("failures", j.failures());
        m.put("worker", j.lockedBy());
        return m;
    }

    private static Map<String, Object> run(JobRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempt", r.attempt());
        m.put("due_at", Views.time(r.dueAt()));
        m.put("worker", r.worker());
        m.put("started_at", Views.time(r.startedAt()));
        m.put("finished_at", Views.time(r.finishedAt()));
        m.put("outcome", r.outcome());
        m.put("error", r.error());
        return m;
    }

    static List<Map<String, Object>> views(List<Job> jobs) {
        return jobs.stream().map(JobsApi::view).toList();
    }
}
