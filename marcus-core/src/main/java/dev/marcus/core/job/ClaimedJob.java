package dev.marcus.core.job;

import java.time.Duration;
import java.time.Instant;

/**
 * A run a worker has claimed: nobody else runs this job until the worker reports back or its lease ends.
 *
 * @param dueAt the schedule slot this run is for
 * @param attempt 1 for the first attempt at the slot
 * @param state what the job's last successful run left for the next (a cursor), or {@code null}
 */
public record ClaimedJob(String id, String kind, String ref, String payload, String state, Duration interval,
                         Instant dueAt, int attempt, int maxAttempts, long runId, String worker) {

    public boolean recurring() {
        return interval != null;
    }

    /** Whether a failure of this attempt is the last one. */
    public boolean lastAttempt() {
        return attempt >= maxAttempts;
    }
}
