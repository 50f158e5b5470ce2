package dev.marcus.core.lease;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Task;
import java.time.Duration;
import java.time.Instant;

/**
 * How long an agent may stay silent before its task is taken back. Progressive: short before the first report
 * ({@code initial}), then from {@code base} growing linearly with reported progress up to {@code max} at 100%.
 * Every tool call of the holder renews the lease.
 *
 * @param sweepInterval how often each process looks for expired leases
 */
public record LeasePolicy(Duration initial, Duration base, Duration max, Duration sweepInterval) {

    /** 10 minutes to the first report; then 15 minutes, growing to 60 minutes as progress nears 100%. */
    public static final LeasePolicy DEFAULT = new LeasePolicy(
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(60), Duration.ofSeconds(15));

    public LeasePolicy {
        positive("lease.initial", initial);
        positive("lease.base", base);
        positive("lease.max", max);
        positive("lease.sweep_interval", sweepInterval);
        if (max.compareTo(base) < 0) {
            throw new ValidationException("lease.max", "must be at least lease.base (" + base.toSeconds() + " s)");
        }
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ValidationException(field, "must be a positive duration");
        }
    }

    /** A policy with every duration given in seconds; the sweeper runs four times per initial lease, at most every 15 s. */
    public static LeasePolicy ofSeconds(long initial, long base, long max) {
        long sweepMillis = Math.max(100, Math.min(15_000, initial * 1000 / 4));
        return new LeasePolicy(Duration.ofSeconds(initial), Duration.ofSeconds(base), Duration.ofSeconds(max),
                Duration.ofMillis(sweepMillis));
    }

    /** When a lease on {@code task} renewed at {@code now}, with {@code progress} reported, should end. */
    public Instant expiry(Instant now, boolean reported, int progress) {
        if (!reported) {
            return now.plus(initial);
        }
        long span = max.toMillis() - base.toMillis();
        long extra = span * Math.max(0, Math.min(100, progress)) / 100;
        return now.plus(base).plusMillis(extra);
    }

    /** Renewal for a task as it stands. */
    public Instant renewal(Instant now, Task task) {
        return expiry(now, task.lastReportAt() != null, task.progress());
    }
}
