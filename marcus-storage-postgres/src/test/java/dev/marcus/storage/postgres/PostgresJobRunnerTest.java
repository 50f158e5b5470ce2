package dev.marcus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.job.Job;
import dev.marcus.core.job.JobRun;
import dev.marcus.core.job.JobRunner;
import dev.marcus.core.job.JobStatus;
import dev.marcus.core.job.RecurringJob;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several independent job runners (each with its own connection pool, as separate replicas have) on one real
 * PostgreSQL: every slot of every recurring job runs exactly once, and a job that keeps failing is retried, then shown
 * as failed. Prints the duplicate-run figure.
 */
class PostgresJobRunnerTest {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();
    private static final int RUNNERS = 4;
    private static final Duration INTERVAL = Duration.ofMillis(250);

    @Test
    void everySlotOfEveryRecurringJobRunsOnce_acrossRunners_andAFailingJobEndsFailedAfterItsRetries() throws Exception {
        Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
        AtomicInteger failingCalls = new AtomicInteger();
        List<PostgresStorageBackend> stores = new ArrayList<>();
        List<JobRunner> runners = new ArrayList<>();
        List<String> jobs = List.of("tick-a", "tick-b", "tick-c");
        try {
            for (int i = 0; i < RUNNERS; i++) {
                PostgresStorageBackend store = PG.open();
                stores.add(store);
                JobRunner runner = new JobRunner(store.jobs(), Clock.system(),
                        new JobRunner.Settings(Duration.ofMillis(40), 2, Duration.ofMillis(100), Duration.ofMillis(200),
                                "runner-" + i), Telemetry.NONE);
                for (String name : jobs) {
                    runner.every(new RecurringJob(name, INTERVAL, 3, Duration.ofMinutes(1)), job -> {
                        executions.computeIfAbsent(job.id() + "@" + job.dueAt().toEpochMilli(), k -> new AtomicInteger())
                                .incrementAndGet();
                        return null;
                    });
                }
                runner.every(new RecurringJob("always-fails", Duration.ofHours(1), 3, Duration.ofMinutes(1)), job -> {
                    failingCalls.incrementAndGet();
                    throw new IllegalStateException("the backup disk is full");
                });
                runners.add(runner);
            }
            runners.forEach(JobRunner::start);
            // make the failing job due now rather than in an hour
            stores.get(0).jobs().retryNow("always-fails", Instant.now());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && (minSlots(executions, jobs) < 12
                    || stores.get(0).jobs().find("always-fails").orElseThrow().status() != JobStatus.FAILED)) {
                Thread.sleep(100);
            }
        } finally {
            runners.forEach(JobRunner::close);
        }
        long duplicates = executions.values().stream().filter(c -> c.get() > 1).count();
        int runs = executions.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("jobs: %d runners, %d recurring jobs every %d ms: %d runs of %d slots, duplicate runs %d%n",
                RUNNERS, jobs.size(), INTERVAL.toMillis(), runs, executions.size(), duplicates);
        assertThat(minSlots(executions, jobs)).as("every job ran many slots").isGreaterThanOrEqualTo(12);
        assertThat(duplicates).as("slots run more than once").isZero();

        PostgresStorageBackend store = stores.get(0);
        Job failed = store.jobs().find("always-fails").orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("the backup disk is full");
        assertThat(failed.failures()).isEqualTo(1);
        List<JobRun> attempts = store.jobs().runs("always-fails", 10);
        assertThat(attempts).extracting(JobRun::attempt).containsExactly(3, 2, 1);
        assertThat(attempts).extracting(JobRun::outcome).containsOnly("failed");
        assertThat(failingCalls.get()).isEqualTo(3);
        // every recorded run of a tick job is in the store's history too, once per slot
        for (String name : jobs) {
            List<JobRun> history = store.jobs().runs(name, 10_000);
            assertThat(history).extracting(r -> r.dueAt().toEpochMilli() + "/" + r.attempt()).doesNotHaveDuplicates();
        }
        stores.forEach(PostgresStorageBackend::close);
    }

    private static long minSlots(Map<String, AtomicInteger> executions, List<String> jobs) {
        return jobs.stream().mapToLong(j -> executions.keySet().stream().filter(k -> k.startsWith(j + "@")).count())
                .min().orElse(0);
    }
}
