package dev.marcus.core.job;

import java.time.Instant;

/**
 * One attempt at a job: the slot it ran for, which attempt it was, which worker ran it and how it ended.
 *
 * @param outcome {@code running}, {@code ok} or {@code failed}
 */
public record JobRun(long id, String jobId, Instant dueAt, int attempt, String worker, Instant startedAt,
                     Instant finishedAt, String outcome, String error) {
}
