package dev.marcus.core.job;

/** Runs one kind of job. Throwing fails the attempt; the queue retries it with back-off, up to its attempts. */
@FunctionalInterface
public interface JobHandler {

    /**
     * @return the state to keep for the next run of a recurring job (a cursor), or {@code null} to keep the old one
     */
    String run(ClaimedJob job) throws Exception;
}
