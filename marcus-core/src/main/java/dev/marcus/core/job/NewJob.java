package dev.marcus.core.job;

import java.time.Instant;

/**
 * A one-off job to enqueue.
 *
 * @param id unique; a second enqueue with the same id adds nothing (so a redone fan-out adds no duplicate)
 * @param payload what the handler needs (JSON text), or {@code null}
 */
public record NewJob(String id, String kind, String ref, String payload, Instant runAt, int maxAttempts) {
}
