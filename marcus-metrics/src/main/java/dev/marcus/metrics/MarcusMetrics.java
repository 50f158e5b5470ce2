package dev.marcus.metrics;

import dev.marcus.core.job.Job;
import dev.marcus.core.job.JobStatus;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.JobQueue;
import dev.marcus.core.port.OperationsStore;
import dev.marcus.core.port.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The metrics of one Marcus process, in Prometheus form. Counters and timers are fed by the core through
 * {@link #telemetry()}; the figures about the board (tasks by status per project, agents, blockers) are read from the
 * store by aggregate queries when Prometheus scrapes, at most once per {@link #READINGS_TTL}. Label values are
 * bounded: statuses, the few job kinds and no-task reasons, route templates (never raw paths), and projects (at most
 * {@link #MAX_PROJECT_SERIES} live projects by name of id; the rest summed under {@code project="other"}).
 */
public final class MarcusMetrics implements AutoCloseable {
    /** Scrapes closer together than this share one reading of the store. */
    static final Duration READINGS_TTL = Duration.ofSeconds(2);
    static final int MAX_PROJECT_SERIES = 50;
    private static final Set<String> NO_TASK_REASONS = Set.of("waiting_on_dependencies", "all_assigned", "blocked",
            "no_tasks", "agent_paused");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer claims;
    private final Counter recoveries;
    private final DistributionSummary relayLag;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile Readings readings;

    public MarcusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        claims = Timer.builder("marcus.claims")
                .description("Tasks claimed by request_next_task, and how long the claiming attempt took")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        recoveries = Counter.builder("marcus.lease.recoveries")
                .description("Tasks taken back from silent agents by this process's lease sweeps")
                .register(registry);
        relayLag = DistributionSummary.builder("marcus.event.relay.lag")
                .description("Time from an event's commit to its delivery on this process's event bus")
                .baseUnit("seconds")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** The registry, for binders of other modules (the database pool, the web server). */
    public MeterRegistry registry() {
        return registry;
    }

    /** What the core calls as it works. */
    public Telemetry telemetry() {
        return new Telemetry() {
            @Override
            public void claimed(Duration took) {
                claims.record(took);
            }

            @Override
            public void noTask(String reason) {
                Counter.builder("marcus.no.task").description("request_next_task answers without a task, by reason")
                        .tag("reason", NO_TASK_REASONS.contains(reason) ? reason : "other")
                        .register(registry).increment();
            }

            @Override
            public void leasesRecovered(int count) {
                recoveries.increment(count);
            }

            @Override
            public void jobFinished(String kind, boolean ok, Duration took) {
                Timer.builder("marcus.job.runs").description("Background job attempts run by this process")
                        .tags("kind", kind, "outcome", ok ? "ok" : "failed")
                        .register(registry).record(took);
            }
        };
    }

    /** Reports the board's figures from the store at scrape time: tasks by status per project, agents, blockers. */
    public MarcusMetrics bindReadings(OperationsStore store, Clock clock, Duration silentAfter) {
        Readings readings = new Readings(store, clock, silentAfter);
        this.readings = readings;
        MultiGauge tasks = MultiGauge.builder("marcus.tasks").description("Tasks by project and status").register(registry);
        readings.onRead(r -> {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            int[] other = new int[4];
            boolean overflow = false;
            for (int i = 0; i < r.tasks().size(); i++) {
                OperationsStore.ProjectTasks p = r.tasks().get(i);
                if (i < MAX_PROJECT_SERIES) {
                    addRows(rows, p.project().value(), p.counts());
                } else {
                    overflow = true;
                    other[0] += p.counts().todo();
                    other[1] += p.counts().inProgress();
                    other[2] += p.counts().blocked();
                    other[3] += p.counts().done();
                }
            }
            if (overflow) {
                addRows(rows, "other", new TaskCounts(other[0], other[1], other[2], other[3]));
            }
            tasks.register(rows, true);
        });
        Gauge.builder("marcus.agents", readings, x -> x.get().agentsActive()).tag("state", "active")
                .description("Agents heard from lately (active) and agents holding a task but silent").register(registry);
        Gauge.builder("marcus.agents", readings, x -> x.get().agentsSilent()).tag("state", "silent").register(registry);
        Gauge.builder("marcus.blockers.open", readings, x -> x.get().openBlockers())
                .description("Blockers not resolved yet").register(registry);
        Gauge.builder("marcus.tasks.oldest.in.progress", readings, x -> {
            Instant at = x.get().oldestInProgressAt();
            return at == null ? 0 : Math.max(0, Duration.between(at, clock.now()).toMillis() / 1000.0);
        }).baseUnit("seconds").description("Age of the longest-running task in progress (0 when none)").register(registry);
        return this;
    }

    private static void addRows(List<MultiGauge.Row<?>> rows, String project, TaskCounts c) {
        rows.add(MultiGauge.Row.of(Tags.of("project", project, "status", TaskStatus.TODO.wire()), c.todo()));
        rows.add(MultiGauge.Row.of(Tags.of("project", project, "status", TaskStatus.IN_PROGRESS.wire()), c.inProgress()));
        rows.add(MultiGauge.Row.of(Tags.of("project", project, "status", TaskStatus.BLOCKED.wire()), c.blocked()));
        rows.add(MultiGauge.Row.of(Tags.of("project", project, "status", TaskStatus.DONE.wire()), c.done()));
    }

    /** Cache hits, misses and entries of the process's cache. */
    public MarcusMetrics bindCache(CacheBackend cache) {
        FunctionCounter.builder("marcus.cache.requests", cache, c -> c.stats().hits()).tag("result", "hit")
                .description("Cache lookups by result").register(registry);
        FunctionCounter.builder("marcus.cache.requests", cache, c -> c.stats().misses()).tag("result", "miss")
                .register(registry);
        Gauge.builder("marcus.cache.entries", cache, c -> c.stats().size()).register(registry);
        return this;
    }

    /**
     * The Redis circuit breaker: {@code marcus_redis_breaker_open} is 1 while Redis calls are skipped.
     *
     * @param state {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     */
    public MarcusMetrics bindBreaker(Supplier<String> state) {
        Gauge.builder("marcus.redis.breaker.open", state, s -> "OPEN".equals(s.get()) ? 1 : 0)
                .description("1 while the Redis circuit breaker is open (Redis calls skipped)").register(registry);
        return this;
    }

    /** The lag of the event relay: how long after an event was written it reached this process's bus. */
    public MarcusMetrics bindEventLag(EventBus bus, Clock clock) {
        EventBus.Subscription sub = bus.subscribe(e -> {
            long ms = Duration.between(e.at(), clock.now()).toMillis();
            relayLag.record(Math.max(0, ms) / 1000.0);
        });
        closing.add(sub::close);
        return this;
    }

    /** Recurring jobs whose last run failed, and dead one-off jobs (among the newest 1,000). */
    public MarcusMetrics bindJobs(JobQueue queue) {
        Gauge.builder("marcus.jobs.failing", queue, q -> count(q, JobStatus.FAILED)).tag("status", "failed")
                .description("Jobs in a failed state: recurring jobs whose last run failed, dead one-off jobs")
                .register(registry);
        Gauge.builder("marcus.jobs.failing", queue, q -> count(q, JobStatus.DEAD)).tag("status", "dead").register(registry);
        return this;
    }

    private static double count(JobQueue q, JobStatus status) {
        try {
            return q.list(null, null, 1000).stream().map(Job::status).filter(status::equals).count();
        } catch (RuntimeException storeDown) {
            return Double.NaN;
        }
    }

    /** Times one HTTP request by its route template (never the raw path). */
    public void http(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests").description("HTTP requests by route template")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .tags("method", method, "uri", route, "status", Integer.toString(status),
                        "outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Forgets the last reading of the store, so the next scrape reads it again (benchmarks). */
    public void forgetReadings() {
        Readings r = readings;
        if (r != null) {
            r.forget();
        }
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        Readings r = readings;
        if (r != null) {
            r.get(); // refresh the per-project rows before the registry is read
        }
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        gc.close();
        registry.close();
    }

    /** The store's readings, read at most once per {@link #READINGS_TTL}, and handed to listeners when fresh. */
    private static final class Readings {
        private final OperationsStore store;
        private final Clock clock;
        private final Duration silentAfter;
        private final List<java.util.function.Consumer<OperationsStore.Readings>> listeners = new ArrayList<>();
        private OperationsStore.Readings last = new OperationsStore.Readings(List.of(), 0, 0, 0, null);
        private long readAt;

        Readings(OperationsStore store, Clock clock, Duration silentAfter) {
            this.store = store;
            this.clock = clock;
            this.silentAfter = silentAfter;
        }

        void onRead(java.util.function.Consumer<OperationsStore.Readings> listener) {
            listeners.add(listener);
        }

        synchronized void forget() {
            readAt = 0;
        }

        synchronized OperationsStore.Readings get() {
            long now = System.nanoTime();
            if (readAt == 0 || now - readAt > READINGS_TTL.toNanos()) {
                readAt = now;
                try {
                    last = store.readings(clock.now(), silentAfter);
                } catch (RuntimeException storeDown) {
                    return last; // a scrape must not fail because the store is slow: the old figures stand
                }
                listeners.forEach(l -> l.accept(last));
            }
            return last;
        }
    }
}
