package dev.marcus.core.job;

import dev.marcus.core.port.Clock;
import dev.marcus.core.port.JobQueue;
import dev.marcus.core.port.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this process's share of the background jobs: it registers the recurring ones in the {@link JobQueue}, then
 * claims due jobs of the kinds it has handlers for every {@link Settings#poll()} (or at once after {@link #poke()})
 * and runs them on a few worker threads. Every process sharing the store may run one; the queue hands each run to
 * one of them. A failed attempt is retried after an exponential back-off until the job's attempts are spent.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * @param poll how often to look for due jobs
     * @param workers how many jobs this process runs at once
     * @param retryBase the back-off before the second attempt; it doubles for each further one
     * @param retryMax the longest back-off
     * @param worker this process's name in the job history (host and pid, say)
     */
    public record Settings(Duration poll, int workers, Duration retryBase, Duration retryMax, String worker) {
        public static Settings defaults(String worker) {
            return new Settings(Duration.ofSeconds(1), 2, Duration.ofSeconds(30), Duration.ofHours(1), worker);
        }

        public Settings withRetry(Duration base, Duration max) {
            return new Settings(poll, workers, base, max, worker);
        }

        public Settings withPoll(Duration every) {
            return new Settings(every, workers, retryBase, retryMax, worker);
        }
    }

    private final JobQueue queue;
    private final Clock clock;
    private final Settings settings;
    private final Telemetry telemetry;
    private final Map<String, JobHandler> handlers = new LinkedHashMap<>();
    private final List<RecurringJob> recurring = new ArrayList<>();
    private final Semaphore free;
    private ScheduledExecutorService timer;
    private ExecutorService pool;

    public JobRunner(JobQueue queue, Clock clock, Settings settings, Telemetry telemetry) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = clock;
        this.settings = settings;
        this.telemetry = telemetry;
        this.free = new Semaphore(settings.workers());
    }

    /** Runs one-off jobs of {@code kind} with {@code handler}. */
    public synchronized JobRunner handle(String kind, JobHandler handler) {
        if (handlers.putIfAbsent(kind, handler) != null) {
            throw new IllegalStateException("job kind '" + kind + "' has a handler already");
        }
        return this;
    }

    /** Runs {@code job} every interval with {@code handler} (registered in the queue on {@link #start()}). */
    public synchronized JobRunner every(RecurringJob job, JobHandler handler) {
        handle(job.name(), handler);
        recurring.add(job);
        return this;
    }

    /** The recurring jobs this runner schedules. */
    public synchronized List<RecurringJob> recurringJobs() {
        return List.copyOf(recurring);
    }

    public JobQueue queue() {
        return queue;
    }

    /** Registers the recurring jobs, then polls for due jobs until closed. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        Instant now = clock.now();
        for (RecurringJob job : recurring) {
            queue.schedule(job, now);
        }
        int n = THREADS.incrementAndGet();
        pool = Executors.newFixedThreadPool(settings.workers(), r -> daemon(r, "marcus-job-" + n));
        timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "marcus-job-poll-" + n));
        long every = settings.poll().toMillis();
        timer.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Looks for due jobs now (after something was enqueued) instead of at the next poll. */
    public void poke() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
        }
        if (t != null) {
            t.execute(this::pollQuietly);
        }
    }

    private void pollQuietly() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            LOG.warn("job queue not reachable: {}", e.getMessage());
        }
    }

    /** Claims as many due jobs as there are free workers and hands them to the pool. */
    private void dispatch() {
        int n = free.drainPermits();
        if (n == 0) {
            return;
        }
        List<ClaimedJob> claimed;
        try {
            claimed = queue.claimDue(settings.worker(), kinds(), n, clock.now());
        } catch (RuntimeException e) {
            free.release(n);
            throw e;
        }
        free.release(n - claimed.size());
        for (ClaimedJob job : claimed) {
            pool.execute(() -> {
                try {
                    execute(job);
                } finally {
                    free.release();
                }
            });
        }
    }

    /**
     * Claims and runs due jobs on the calling thread until none is due; the number of attempts run. For commands
     * and tests that want the work done now.
     */
    public int runDue() {
        int ran = 0;
        while (true) {
            List<ClaimedJob> claimed = queue.claimDue(settings.worker(), kinds(), 1, clock.now());
            if (claimed.isEmpty()) {
                return ran;
            }
            execute(claimed.get(0));
            ran++;
        }
    }

    private synchronized List<String> kinds() {
        return List.copyOf(handlers.keySet());
    }

    private void execute(ClaimedJob job) {
        JobHandler handler;
        synchronized (this) {
            handler = handlers.get(job.kind());
        }
        long started = System.nanoTime();
        String state;
        try {
            state = handler.run(job);
        } catch (Exception | LinkageError e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            telemetry.jobFinished(job.kind(), false, took);
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Instant now = clock.now();
            Instant retryAt = job.lastAttempt() ? null : now.plus(backOff(job.attempt()));
            LOG.warn("job {} attempt {}/{} failed{}: {}", job.id(), job.attempt(), job.maxAttempts(),
                    retryAt == null ? " (giving up)" : ", retrying at " + retryAt, error);
            try {
                queue.failed(job, error, retryAt, now);
            } catch (RuntimeException storeDown) {
                LOG.warn("could not record the failure of job {}: {} (its lease will end)", job.id(),
                        storeDown.getMessage());
            }
            return;
        }
        telemetry.jobFinished(job.kind(), true, Duration.ofNanos(System.nanoTime() - started));
        try {
            queue.succeeded(job, state, clock.now());
        } catch (RuntimeException storeDown) {
            LOG.warn("could not record the success of job {}: {} (it may run again when its lease ends)", job.id(),
                    storeDown.getMessage());
        }
    }

    /** The wait before attempt {@code attempt + 1}: the base, doubled per attempt made, capped. */
    Duration backOff(int attempt) {
        Duration d = settings.retryBase();
        for (int i = 1; i < attempt && d.compareTo(settings.retryMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : d;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops polling and waits briefly for running jobs; a job cut short is retried by another worker later. */
    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timer = null;
        pool = null;
    }
}
