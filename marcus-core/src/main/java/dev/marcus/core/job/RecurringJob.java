package dev.marcus.core.job;

import dev.marcus.core.error.ValidationException;
import java.time.Duration;

/**
 * A job that runs every {@code interval}, once per interval across every process sharing the store.
 *
 * @param name its id and kind, e.g. {@code lease-sweep}
 * @param maxAttempts attempts per slot before the slot counts as failed
 * @param lease how long a run may take before another worker may take it over
 */
public record RecurringJob(String name, Duration interval, int maxAttempts, Duration lease) {
    public RecurringJob {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new ValidationException("interval", "must be positive for job " + name);
        }
        if (maxAttempts < 1) {
            throw new ValidationException("max_attempts", "must be at least 1 for job " + name);
        }
    }

    public RecurringJob(String name, Duration interval) {
        this(name, interval, 3, Duration.ofMinutes(5));
    }
}
