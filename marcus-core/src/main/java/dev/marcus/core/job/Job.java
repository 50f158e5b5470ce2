package dev.marcus.core.job;

import java.time.Duration;
import java.time.Instant;

/**
 * A job as the queue keeps it: a recurring one (its {@code interval} set, its id its name) or a one-off one.
 *
 * @param id the recurring job's name, or the one-off job's id (deterministic ids make enqueueing idempotent)
 * @param kind which handler runs it, e.g. {@code lease-sweep} or {@code webhook.deliver}
 * @param ref what it is about, for listing (a webhook id, a project id), or {@code null}
 * @param interval how often a recurring job runs; {@code null} for a one-off job
 * @param dueAt the time of the run in hand: its schedule slot (a retry keeps the slot it retries)
 * @param nextRunAt when it may next be claimed (its slot, or a retry's time); {@code null} once done or dead
 * @param attempts attempts made for the run in hand
 * @param runs runs started in all, {@code failures} of them failed
 */
public record Job(String id, String kind, String ref, Duration interval, JobStatus status, int attempts, int maxAttempts,
                  Instant dueAt, Instant nextRunAt, Instant lastStartedAt, Instant lastFinishedAt, Instant lastSuccessAt,
                  String lastError, long runs, long failures, String lockedBy, Instant createdAt) {

    public boolean recurring() {
        return interval != null;
    }
}
