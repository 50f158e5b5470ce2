package dev.marcus.core.port;

import dev.marcus.core.job.ClaimedJob;
import dev.marcus.core.job.Job;
import dev.marcus.core.job.JobRun;
import dev.marcus.core.job.NewJob;
import dev.marcus.core.job.RecurringJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Background jobs kept in the store, shared by every process and replica.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Once per slot.</b> A recurring job's runs are numbered by their slot ({@code dueAt}). {@link #claimDue}
 *       hands a due job to one worker only, whatever the number of processes calling it; the next slot is the first
 *       one after the run finished, so slots missed while nobody ran are skipped, not replayed in a burst.</li>
 *   <li><b>Leases.</b> A claimed run belongs to its worker until {@code lease} ends; after that (the worker died) the
 *       next claim takes it over as another attempt.</li>
 *   <li><b>Retries.</b> {@link #failed} with a retry time schedules another attempt at the same slot; without one
 *       the run is given up: a recurring job becomes {@code failed} and waits for its next slot, a one-off job becomes
 *       {@code dead} and stays for {@link #retryNow}.</li>
 *   <li><b>History.</b> Every attempt is a {@link JobRun}.</li>
 *   <li>Errors as in {@link StorageBackend}: unknown ids raise {@code NotFoundException}, an unreachable store
 *       {@code BackendUnavailableException}. Every method is one transaction.</li>
 * </ul>
 */
public interface JobQueue {

    /**
     * Makes sure the recurring job exists (first run one interval from {@code now}); when it exists with another
     * interval or attempt count, takes the new ones. Safe to call from every process at start-up.
     */
    void schedule(RecurringJob job, Instant now);

    /** Adds a one-off job; false (and nothing changed) when a job with its id exists. */
    boolean enqueue(NewJob job, Instant now);

    /**
     * Claims up to {@code max} due jobs of these kinds for {@code worker}, oldest due first, and records an attempt
     * for each.
     */
    List<ClaimedJob> claimDue(String worker, Collection<String> kinds, int max, Instant now);

    /**
     * Ends the attempt well: a recurring job keeps {@code state} (when not {@code null}) and is due at its next
     * slot; a one-off job is done.
     */
    void succeeded(ClaimedJob run, String state, Instant now);

    /**
     * Ends the attempt badly with {@code error}; {@code retryAt} is when to try the same slot again, or {@code null}
     * to give the run up.
     */
    void failed(ClaimedJob run, String error, Instant retryAt, Instant now);

    Optional<Job> find(String id);

    /**
     * Jobs, recurring ones first (by name), then one-off ones newest first.
     *
     * @param kind only this kind, or {@code null}
     * @param ref only jobs about this, or {@code null}
     */
    List<Job> list(String kind, String ref, int limit);

    /** The latest attempts at a job, newest first. */
    List<JobRun> runs(String jobId, int limit);

    /**
     * Makes a job due now with a fresh set of attempts (a dead one-off job comes back to life; a recurring job runs
     * an extra time now, then keeps its schedule).
     *
     * @throws dev.marcus.core.error.NotFoundException ({@code job_id}) for an unknown job
     * @throws dev.marcus.core.error.ConflictException {@code job_running} while it runs
     */
    Job retryNow(String id, Instant now);

    /** Forgets finished one-off jobs and attempts older than {@code before}; the count of jobs removed. */
    int purge(Instant before);

    /** How long a claimed run stays its worker's by default. */
    Duration DEFAULT_LEASE = Duration.ofMinutes(5);
}
