package dev.marcus.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.job.ClaimedJob;
import dev.marcus.core.job.Job;
import dev.marcus.core.job.JobRun;
import dev.marcus.core.job.JobStatus;
import dev.marcus.core.job.NewJob;
import dev.marcus.core.job.RecurringJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The written contract of {@link JobQueue}; each adapter supplies a fresh, empty queue per test. */
public abstract class JobQueueContract {
    protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Set<String> ALL = Set.of("sweep", "deliver", "backup");

    protected JobQueue queue;

    protected abstract JobQueue newQueue();

    @BeforeEach
    void setUpQueue() {
        queue = newQueue();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void recurringJob_isDueOneIntervalAfterScheduling_andClaimedByOneWorkerOnly() {
        queue.schedule(new RecurringJob("sweep", Duration.ofSeconds(10)), T0);
        queue.schedule(new RecurringJob("sweep", Duration.ofSeconds(10)), at(1)); // another process starting

        assertThat(queue.claimDue("a", ALL, 5, at(9))).isEmpty();
        List<ClaimedJob> first = queue.claimDue("a", ALL, 5, at(10));
        assertThat(first).singleElement().satisfies(j -> {
            assertThat(j.dueAt()).isEqualTo(at(10));
            assertThat(j.attempt()).isEqualTo(1);
            assertThat(j.recurring()).isTrue();
        });
        assertThat(queue.claimDue("b", ALL, 5, at(10))).as("claimed already").isEmpty();
        assertThat(queue.find("sweep")).get().extracting(Job::status, Job::lockedBy).containsExactly(JobStatus.RUNNING, "a");
    }

    @Test
    void success_movesToTheNextSlot_andSkipsSlotsMissedMeanwhile() {
        queue.schedule(new RecurringJob("sweep", Duration.ofSeconds(10)), T0);
        ClaimedJob run = queue.claimDue("a", ALL, 1, at(10)).get(0);
        queue.succeeded(run, "cursor-1", at(11));
        assertThat(queue.find("sweep")).get().satisfies(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.SCHEDULED);
            assertThat(j.nextRunAt()).isEqualTo(at(20));
            assertThat(j.lastSuccessAt()).isEqualTo(at(11));
        });
        // nobody ran for a while: one run for the slot at 20 s, then the next slot after now, not a burst
        ClaimedJob late = queue.claimDue("b", ALL, 1, at(47)).get(0);
        assertThat(late.dueAt()).isEqualTo(at(20));
        assertThat(late.state()).isEqualTo("cursor-1");
        queue.succeeded(late, null, at(48));
        assertThat(queue.find("sweep").orElseThrow().nextRunAt()).isEqualTo(at(50));
        assertThat(queue.claimDue("b", ALL, 1, at(49))).isEmpty();
        assertThat(queue.runs("sweep", 10)).extracting(JobRun::outcome).containsExactly("ok", "ok");
    }

    @Test
    void failedOneOffJob_isRetriedWithItsAttempts_thenDead_andRetryableByHand() {
        assertThat(queue.enqueue(new NewJob("deliver-1", "deliver", "hook-1", "{}", T0, 2), T0)).isTrue();
        assertThat(queue.enqueue(new NewJob("deliver-1", "deliver", "hook-1", "{}", T0, 2), T0)).as("same id").isFalse();

        ClaimedJob first = queue.claimDue("a", ALL, 5, T0).get(0);
        assertThat(first.lastAttempt()).isFalse();
        queue.failed(first, "HTTP 500", at(30), at(1));
        assertThat(queue.find("deliver-1")).get().extracting(Job::status, Job::lastError)
                .containsExactly(JobStatus.RETRYING, "HTTP 500");
        assertThat(queue.claimDue("a", ALL, 5, at(29))).as("back-off").isEmpty();

        ClaimedJob second = queue.claimDue("b", ALL, 5, at(30)).get(0);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.lastAttempt()).isTrue();
        queue.failed(second, "HTTP 502", null, at(31));
        Job dead = queue.find("deliver-1").orElseThrow();
        assertThat(dead.status()).isEqualTo(JobStatus.DEAD);
        assertThat(dead.nextRunAt()).isNull();
        assertThat(dead.failures()).isEqualTo(1);
        assertThat(queue.claimDue("a", ALL, 5, at(10_000))).isEmpty();
        assertThat(queue.runs("deliver-1", 10)).extracting(JobRun::outcome, JobRun::attempt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("failed", 2), org.assertj.core.groups.Tuple.tuple("failed", 1));
        assertThat(queue.list("deliver", "hook-1", 10)).extracting(Job::id).containsExactly("deliver-1");

        assertThat(queue.retryNow("deliver-1", at(100)).status()).isEqualTo(JobStatus.SCHEDULED);
        ClaimedJob again = queue.claimDue("a", ALL, 5, at(100)).get(0);
        assertThat(again.attempt()).isEqualTo(1);
        queue.succeeded(again, null, at(101));
        assertThat(queue.find("deliver-1").orElseThrow().status()).isEqualTo(JobStatus.DONE);
    }

    @Test
    void recurringJobWhoseAttemptsAreSpent_isFailed_untilItsNextSlotSucceeds() {
        queue.schedule(new RecurringJob("backup", Duration.ofSeconds(60), 1, Duration.ofMinutes(5)), T0);
        ClaimedJob run = queue.claimDue("a", ALL, 1, at(60)).get(0);
        queue.failed(run, "disk full", null, at(61));
        Job failed = queue.find("backup").orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("disk full");
        assertThat(failed.nextRunAt()).isEqualTo(at(120));
        ClaimedJob next = queue.claimDue("a", ALL, 1, at(120)).get(0);
        queue.succeeded(next, null, at(121));
        assertThat(queue.find("backup").orElseThrow().status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(queue.find("backup").orElseThrow().lastError()).isNull();
    }

    @Test
    void runWhoseLeaseEnded_isTakenOver_andItsFirstWorkerCannotReportAnyMore() {
        queue.schedule(new RecurringJob("sweep", Duration.ofSeconds(10), 3, Duration.ofSeconds(30)), T0);
        ClaimedJob first = queue.claimDue("dead-worker", ALL, 1, at(10)).get(0);
        assertThat(queue.claimDue("b", ALL, 1, at(39))).isEmpty();
        ClaimedJob takeover = queue.claimDue("b", ALL, 1, at(40)).get(0);
        assertThat(takeover.dueAt()).isEqualTo(at(10));
        assertThat(takeover.attempt()).isEqualTo(2);

        queue.succeeded(first, "stale", at(41)); // too late: b owns the run now
        assertThat(queue.find("sweep").orElseThrow().lockedBy()).isEqualTo("b");
        queue.succeeded(takeover, "fresh", at(42));
        Job done = queue.find("sweep").orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(queue.claimDue("b", ALL, 1, at(50)).get(0).state()).isEqualTo("fresh");
    }

    @Test
    void onlyKindsTheWorkerCanRun_areClaimed() {
        queue.enqueue(new NewJob("d", "deliver", null, null, T0, 1), T0);
        assertThat(queue.claimDue("a", Set.of("sweep"), 5, at(1))).isEmpty();
        assertThat(queue.claimDue("a", Set.of("deliver"), 5, at(1))).hasSize(1);
    }

    @Test
    void retryingAnUnknownJob_namesIt() {
        assertThatThrownBy(() -> queue.retryNow("nope", T0)).isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
    }

    @Test
    void purge_forgetsFinishedOneOffJobsOnly() {
        queue.schedule(new RecurringJob("sweep", Duration.ofSeconds(10)), T0);
        queue.enqueue(new NewJob("d1", "deliver", null, null, T0, 1), T0);
        queue.enqueue(new NewJob("d2", "deliver", null, null, T0, 1), T0);
        List<ClaimedJob> both = queue.claimDue("a", Set.of("deliver"), 5, T0);
        queue.succeeded(both.get(0), null, at(1));
        queue.failed(both.get(1), "x", null, at(1));
        assertThat(queue.purge(at(3600))).isEqualTo(1);
        assertThat(queue.list(null, null, 10)).extracting(Job::id).containsExactlyInAnyOrder("sweep", both.get(1).id());
    }
}
