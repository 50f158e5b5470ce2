package dev.marcus.storage.sql;

import static dev.marcus.storage.sql.SqlStorageBackend.inst;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.job.ClaimedJob;
import dev.marcus.core.job.Job;
import dev.marcus.core.job.JobRun;
import dev.marcus.core.job.JobStatus;
import dev.marcus.core.job.NewJob;
import dev.marcus.core.job.RecurringJob;
import dev.marcus.core.port.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link JobQueue} on the tables of migration V17 ({@code jobs}, {@code job_runs}), in the same database and
 * transactions as the {@link SqlStorageBackend} it belongs to. A claim selects due rows through the backend's
 * {@code lockCandidates} hook (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}; SQLite: the writer's file lock) and moves
 * them to {@code running} in the same transaction, with {@code next_run_at} at the end of the lease. Reports are
 * fenced by worker and attempt: a worker whose lease was taken over cannot overwrite its successor's run.
 */
final class SqlJobQueue implements JobQueue {
    private static final int ERROR_CHARS = 2000;

    static final Table<Record> JOBS = table(name("jobs"));
    private static final Field<String> J_WS = field(name("jobs", "workspace_id"), SQLDataType.VARCHAR);
    private static final Field<String> J_ID = field(name("jobs", "id"), SQLDataType.VARCHAR);
    private static final Field<String> J_KIND = field(name("jobs", "kind"), SQLDataType.VARCHAR);
    private static final Field<String> J_REF = field(name("jobs", "ref"), SQLDataType.VARCHAR);
    private static final Field<String> J_PAYLOAD = field(name("jobs", "payload"), SQLDataType.VARCHAR);
    private static final Field<String> J_STATE = field(name("jobs", "state"), SQLDataType.VARCHAR);
    private static final Field<Long> J_INTERVAL = field(name("jobs", "interval_ms"), SQLDataType.BIGINT);
    private static final Field<Long> J_LEASE = field(name("jobs", "lease_ms"), SQLDataType.BIGINT);
    private static final Field<String> J_STATUS = field(name("jobs", "status"), SQLDataType.VARCHAR);
    private static final Field<Integer> J_ATTEMPTS = field(name("jobs", "attempts"), SQLDataType.INTEGER);
    private static final Field<Integer> J_MAX = field(name("jobs", "max_attempts"), SQLDataType.INTEGER);
    private static final Field<Long> J_DUE = field(name("jobs", "due_at"), SQLDataType.BIGINT);
    private static final Field<Long> J_NEXT = field(name("jobs", "next_run_at"), SQLDataType.BIGINT);
    private static final Field<String> J_LOCKED_BY = field(name("jobs", "locked_by"), SQLDataType.VARCHAR);
    private static final Field<Long> J_STARTED = field(name("jobs", "last_started_at"), SQLDataType.BIGINT);
    private static final Field<Long> J_FINISHED = field(name("jobs", "last_finished_at"), SQLDataType.BIGINT);
    private static final Field<Long> J_SUCCESS = field(name("jobs", "last_success_at"), SQLDataType.BIGINT);
    private static final Field<String> J_ERROR = field(name("jobs", "last_error"), SQLDataType.VARCHAR);
    private static final Field<Long> J_RUNS = field(name("jobs", "runs"), SQLDataType.BIGINT);
    private static final Field<Long> J_FAILURES = field(name("jobs", "failures"), SQLDataType.BIGINT);
    private static final Field<Long> J_CREATED = field(name("jobs", "created_at"), SQLDataType.BIGINT);
    private static final Field<Long> J_UPDATED = field(name("jobs", "updated_at"), SQLDataType.BIGINT);

    static final Table<Record> RUNS = table(name("job_runs"));
    private static final Field<Long> R_ID = field(name("job_runs", "id"), SQLDataType.BIGINT);
    private static final Field<String> R_WS = field(name("job_runs", "workspace_id"), SQLDataType.VARCHAR);
    private static final Field<String> R_JOB = field(name("job_runs", "job_id"), SQLDataType.VARCHAR);
    private static final Field<Long> R_DUE = field(name("job_runs", "due_at"), SQLDataType.BIGINT);
    private static final Field<Integer> R_ATTEMPT = field(name("job_runs", "attempt"), SQLDataType.INTEGER);
    private static final Field<String> R_WORKER = field(name("job_runs", "worker"), SQLDataType.VARCHAR);
    private static final Field<Long> R_STARTED = field(name("job_runs", "started_at"), SQLDataType.BIGINT);
    private static final Field<Long> R_FINISHED = field(name("job_runs", "finished_at"), SQLDataType.BIGINT);
    private static final Field<String> R_OUTCOME = field(name("job_runs", "outcome"), SQLDataType.VARCHAR);
    private static final Field<String> R_ERROR = field(name("job_runs", "error"), SQLDataType.VARCHAR);
    private static final Field<Long> R_CREATED = field(name("job_runs", "created_at"), SQLDataType.BIGINT);
    private static final Field<Long> R_UPDATED = field(name("job_runs", "updated_at"), SQLDataType.BIGINT);

    private static final List<Field<?>> JOB_COLUMNS = List.of(J_ID, J_KIND, J_REF, J_PAYLOAD, J_STATE, J_INTERVAL,
            J_LEASE, J_STATUS, J_ATTEMPTS, J_MAX, J_DUE, J_NEXT, J_LOCKED_BY, J_STARTED, J_FINISHED, J_SUCCESS, J_ERROR,
            J_RUNS, J_FAILURES, J_CREATED);
    /** Statuses a due job can be claimed from ({@code running}: its worker's lease ended). */
    private static final List<String> CLAIMABLE = List.of("scheduled", "retrying", "failed", "running");

    private final SqlStorageBackend db;
    private final String ws;

    SqlJobQueue(SqlStorageBackend db) {
        this.db = db;
        this.ws = Db.DEFAULT_WORKSPACE; // the backend's workspace is not set yet while its fields are built
    }

    @Override
    public void schedule(RecurringJob job, Instant now) {
        long t = now.toEpochMilli();
        long interval = job.interval().toMillis();
        db.write("schedule job " + job.name(), ctx -> {
            Record row = ctx.select(J_INTERVAL, J_MAX, J_LEASE, J_NEXT, J_STATUS).from(JOBS)
                    .where(J_WS.eq(ws)).and(J_ID.eq(job.name()))
                    .fetchOne();
            if (row == null) {
                ctx.insertInto(JOBS)
                        .set(J_WS, ws).set(J_ID, job.name()).set(J_KIND, job.name())
                        .set(J_INTERVAL, interval).set(J_LEASE, job.lease().toMillis())
                        .set(J_STATUS, JobStatus.SCHEDULED.wire()).set(J_ATTEMPTS, 0).set(J_MAX, job.maxAttempts())
                        .set(J_DUE, t + interval).set(J_NEXT, t + interval)
                        .set(J_CREATED, t).set(J_UPDATED, t)
                        .onConflictDoNothing()
                        .execute();
                return null;
            }
            if (row.get(J_INTERVAL) != null && row.get(J_INTERVAL) == interval && row.get(J_MAX) == job.maxAttempts()
                    && row.get(J_LEASE) == job.lease().toMillis()) {
                return null;
            }
            var update = ctx.update(JOBS)
                    .set(J_INTERVAL, interval).set(J_MAX, job.maxAttempts()).set(J_LEASE, job.lease().toMillis())
                    .set(J_UPDATED, t);
            Long next = row.get(J_NEXT);
            if (!"running".equals(row.get(J_STATUS)) && next != null && next > t + interval) {
                // a shorter interval takes effect now rather than after the old, longer wait
                update = update.set(J_DUE, t + interval).set(J_NEXT, t + interval);
            }
            update.where(J_WS.eq(ws)).and(J_ID.eq(job.name())).execute();
            return null;
        });
    }

    @Override
    public boolean enqueue(NewJob job, Instant now) {
        long t = now.toEpochMilli();
        long runAt = job.runAt() == null ? t : job.runAt().toEpochMilli();
        return db.write("enqueue job " + job.id(), ctx -> ctx.insertInto(JOBS)
                .set(J_WS, ws).set(J_ID, job.id()).set(J_KIND, job.kind()).set(J_REF, job.ref())
                .set(J_PAYLOAD, job.payload()).set(J_LEASE, DEFAULT_LEASE.toMillis())
                .set(J_STATUS, JobStatus.SCHEDULED.wire()).set(J_ATTEMPTS, 0).set(J_MAX, Math.max(1, job.maxAttempts()))
                .set(J_DUE, runAt).set(J_NEXT, runAt)
                .set(J_CREATED, t).set(J_UPDATED, t)
                .onConflictDoNothing()
                .execute() > 0);
    }

    @Override
    public List<ClaimedJob> claimDue(String worker, Collection<String> kinds, int max, Instant now) {
        if (kinds.isEmpty() || max <= 0) {
            return List.of();
        }
        long t = now.toEpochMilli();
        return db.write("claim due jobs", ctx -> {
            List<Record> due = db.lockCandidates(ctx.select(JOB_COLUMNS).from(JOBS)
                    .where(J_WS.eq(ws))
                    .and(J_NEXT.le(t))
                    .and(J_STATUS.in(CLAIMABLE))
                    .and(J_KIND.in(kinds))
                    .orderBy(J_NEXT)
                    .limit(max)).fetch();
            List<ClaimedJob> claimed = new ArrayList<>();
            for (Record r : due) {
                String status = r.get(J_STATUS);
                // a retry, or a take-over from a worker whose lease ended, is another attempt at the same slot
                int attempt = "retrying".equals(status) || "running".equals(status) ? r.get(J_ATTEMPTS) + 1 : 1;
                long due0 = r.get(J_DUE);
                int max0 = r.get(J_MAX);
                if ("running".equals(status)) {
                    ctx.update(RUNS).set(R_OUTCOME, "failed").set(R_FINISHED, t)
                            .set(R_ERROR, "lease ended before the worker reported (" + r.get(J_LOCKED_BY) + ")")
                            .set(R_UPDATED, t)
                            .where(R_JOB.eq(r.get(J_ID))).and(R_OUTCOME.eq(inline("running")))
                            .execute();
                    if (attempt > max0) {
                        giveUp(ctx, r, "lease ended before the worker reported; attempts spent", t);
                        continue;
                    }
                }
                ctx.update(JOBS)
                        .set(J_STATUS, JobStatus.RUNNING.wire())
                        .set(J_ATTEMPTS, attempt)
                        .set(J_NEXT, t + r.get(J_LEASE))
                        .set(J_LOCKED_BY, worker)
                        .set(J_STARTED, t)
                        .set(J_RUNS, J_RUNS.plus(1))
                        .set(J_UPDATED, t)
                        .where(J_WS.eq(ws)).and(J_ID.eq(r.get(J_ID)))
                        .execute();
                Long runId = ctx.insertInto(RUNS)
                        .set(R_WS, ws).set(R_JOB, r.get(J_ID)).set(R_DUE, due0).set(R_ATTEMPT, attempt)
                        .set(R_WORKER, worker).set(R_STARTED, t).set(R_OUTCOME, "running")
                        .set(R_CREATED, t).set(R_UPDATED, t)
                        .returningResult(R_ID)
                        .fetchOne(0, Long.class);
                Long interval = r.get(J_INTERVAL);
                claimed.add(new ClaimedJob(r.get(J_ID), r.get(J_KIND), r.get(J_REF), r.get(J_PAYLOAD), r.get(J_STATE),
                        interval == null ? null : Duration.ofMillis(interval), Instant.ofEpochMilli(due0), attempt, max0,
                        runId == null ? 0 : runId, worker));
            }
            return claimed;
        });
    }

    /** A run whose attempts are spent: a recurring job waits for its next slot, a one-off job is dead. */
    private void giveUp(DSLContext ctx, Record r, String error, long t) {
        Long interval = r.get(J_INTERVAL);
        var update = ctx.update(JOBS)
                .set(J_ATTEMPTS, 0)
                .set(J_LOCKED_BY, (String) null)
                .set(J_FINISHED, t)
                .set(J_ERROR, cut(error))
                .set(J_FAILURES, J_FAILURES.plus(1))
                .set(J_UPDATED, t);
        if (interval != null) {
            long next = nextSlot(r.get(J_DUE), interval, t);
            update = update.set(J_STATUS, JobStatus.FAILED.wire()).set(J_DUE, next).set(J_NEXT, next);
        } else {
            update = update.set(J_STATUS, JobStatus.DEAD.wire()).set(J_NEXT, (Long) null);
        }
        update.where(J_WS.eq(ws)).and(J_ID.eq(r.get(J_ID))).execute();
    }

    /** The first slot after {@code now} on the grid {@code due + k * interval}. */
    static long nextSlot(long due, long interval, long now) {
        if (due > now) {
            return due + interval;
        }
        long k = (now - due) / interval + 1;
        return due + k * interval;
    }

    @Override
    public void succeeded(ClaimedJob run, String state, Instant now) {
        long t = now.toEpochMilli();
        db.write("finish job " + run.id(), ctx -> {
            finishRun(ctx, run, "ok", null, t);
            var update = ctx.update(JOBS)
                    .set(J_ATTEMPTS, 0)
                    .set(J_LOCKED_BY, (String) null)
                    .set(J_FINISHED, t)
                    .set(J_SUCCESS, t)
                    .set(J_UPDATED, t);
            if (state != null) {
                update = update.set(J_STATE, state);
            }
            if (run.recurring()) {
                long next = nextSlot(run.dueAt().toEpochMilli(), run.interval().toMillis(), t);
                update = update.set(J_STATUS, JobStatus.SCHEDULED.wire()).set(J_DUE, next).set(J_NEXT, next)
                        .set(J_ERROR, (String) null);
            } else {
                update = update.set(J_STATUS, JobStatus.DONE.wire()).set(J_NEXT, (Long) null);
            }
            update.where(owned(run)).execute();
            return null;
        });
    }

    @Override
    public void failed(ClaimedJob run, String error, Instant retryAt, Instant now) {
        long t = now.toEpochMilli();
        db.write("record failure of job " + run.id(), ctx -> {
            finishRun(ctx, run, "failed", error, t);
            if (retryAt == null) {
                Record r = ctx.select(JOB_COLUMNS).from(JOBS).where(owned(run)).fetchOne();
                if (r != null) {
                    giveUp(ctx, r, error, t);
                }
                return null;
            }
            ctx.update(JOBS)
                    .set(J_STATUS, JobStatus.RETRYING.wire())
                    .set(J_NEXT, retryAt.toEpochMilli())
                    .set(J_LOCKED_BY, (String) null)
                    .set(J_FINISHED, t)
                    .set(J_ERROR, cut(error))
                    .set(J_UPDATED, t)
                    .where(owned(run))
                    .execute();
            return null;
        });
    }

    /** The job row as long as this run still owns it (same worker, same attempt, still running). */
    private Condition owned(ClaimedJob run) {
        return J_WS.eq(ws).and(J_ID.eq(run.id())).and(J_STATUS.eq(JobStatus.RUNNING.wire()))
                .and(J_LOCKED_BY.eq(run.worker())).and(J_ATTEMPTS.eq(run.attempt()));
    }

    private void finishRun(DSLContext ctx, ClaimedJob run, String outcome, String error, long t) {
        ctx.update(RUNS)
                .set(R_OUTCOME, outcome)
                .set(R_FINISHED, t)
                .set(R_ERROR, cut(error))
                .set(R_UPDATED, t)
                .where(R_ID.eq(run.runId())).and(R_OUTCOME.eq(inline("running")))
                .execute();
    }

    @Override
    public Optional<Job> find(String id) {
        return db.read("find job " + id, ctx -> ctx.select(JOB_COLUMNS).from(JOBS)
                .where(J_WS.eq(ws)).and(J_ID.eq(id))
                .fetchOptional(SqlJobQueue::job));
    }

    @Override
    public List<Job> list(String kind, String ref, int limit) {
        Condition c = J_WS.eq(ws);
        if (kind != null) {
            c = c.and(J_KIND.eq(kind));
        }
        if (ref != null) {
            c = c.and(J_REF.eq(ref));
        }
        Condition where = c;
        return db.read("list jobs", ctx -> ctx.select(JOB_COLUMNS).from(JOBS)
                .where(where)
                // recurring jobs first by name, then one-off jobs newest first
                .orderBy(DSL.when(J_INTERVAL.isNull(), inline(1)).otherwise(inline(0)),
                        DSL.when(J_INTERVAL.isNull(), J_CREATED.neg()).otherwise(inline(0L)), J_ID)
                .limit(Math.max(0, limit))
                .fetch(SqlJobQueue::job));
    }

    @Override
    public List<JobRun> runs(String jobId, int limit) {
        return db.read("list runs of job " + jobId, ctx -> ctx.select(R_ID, R_JOB, R_DUE, R_ATTEMPT, R_WORKER,
                        R_STARTED, R_FINISHED, R_OUTCOME, R_ERROR)
                .from(RUNS)
                .where(R_WS.eq(ws)).and(R_JOB.eq(jobId))
                .orderBy(R_ID.desc())
                .limit(Math.max(0, limit))
                .fetch(r -> new JobRun(r.get(R_ID), r.get(R_JOB), inst(r.get(R_DUE)), r.get(R_ATTEMPT), r.get(R_WORKER),
                        inst(r.get(R_STARTED)), inst(r.get(R_FINISHED)), r.get(R_OUTCOME), r.get(R_ERROR))));
    }

    @Override
    public Job retryNow(String id, Instant now) {
        long t = now.toEpochMilli();
        return db.write("retry job " + id, ctx -> {
            Record r = db.lockRows(ctx.select(JOB_COLUMNS).from(JOBS).where(J_WS.eq(ws)).and(J_ID.eq(id))).fetchOne();
            if (r == null) {
                throw new NotFoundException("job_id", "no job '" + id + "'");
            }
            if ("running".equals(r.get(J_STATUS)) && r.get(J_NEXT) != null && r.get(J_NEXT) > t) {
                throw new ConflictException("job_running", "job '" + id + "' is running now (worker "
                        + r.get(J_LOCKED_BY) + "); wait for it to finish");
            }
            ctx.update(JOBS)
                    .set(J_STATUS, JobStatus.SCHEDULED.wire())
                    .set(J_ATTEMPTS, 0)
                    .set(J_DUE, t)
                    .set(J_NEXT, t)
                    .set(J_LOCKED_BY, (String) null)
                    .set(J_UPDATED, t)
                    .where(J_WS.eq(ws)).and(J_ID.eq(id))
                    .execute();
            return ctx.select(JOB_COLUMNS).from(JOBS).where(J_WS.eq(ws)).and(J_ID.eq(id)).fetchOne(SqlJobQueue::job);
        });
    }

    @Override
    public int purge(Instant before) {
        long t = before.toEpochMilli();
        return db.write("purge old jobs", ctx -> {
            ctx.deleteFrom(RUNS).where(R_WS.eq(ws)).and(R_STARTED.lt(t)).and(R_OUTCOME.ne(inline("running"))).execute();
            return ctx.deleteFrom(JOBS).where(J_WS.eq(ws)).and(J_INTERVAL.isNull())
                    .and(J_STATUS.eq(inline(JobStatus.DONE.wire()))).and(J_UPDATED.lt(t))
                    .execute();
        });
    }

    private static Job job(Record r) {
        Long interval = r.get(J_INTERVAL);
        return new Job(r.get(J_ID), r.get(J_KIND), r.get(J_REF), interval == null ? null : Duration.ofMillis(interval),
                JobStatus.parse("status", r.get(J_STATUS)), r.get(J_ATTEMPTS), r.get(J_MAX), inst(r.get(J_DUE)),
                inst(r.get(J_NEXT)), inst(r.get(J_STARTED)), inst(r.get(J_FINISHED)), inst(r.get(J_SUCCESS)),
                r.get(J_ERROR), r.get(J_RUNS), r.get(J_FAILURES), r.get(J_LOCKED_BY), inst(r.get(J_CREATED)));
    }

    private static String cut(String s) {
        return s == null || s.length() <= ERROR_CHARS ? s : s.substring(0, ERROR_CHARS) + "…";
    }
}
