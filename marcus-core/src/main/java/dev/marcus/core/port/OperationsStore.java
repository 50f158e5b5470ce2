package dev.marcus.core.port;

import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Aggregates and housekeeping the operators' side needs: the figures a metrics scrape reports (counted by the
 * database, never by loading tasks), daily analytics roll-ups, and the deletion of events that were archived.
 * Errors as in {@link StorageBackend}.
 */
public interface OperationsStore {

    /** One project's tasks by status. */
    record ProjectTasks(ProjectId project, TaskCounts counts) {
    }

    /**
     * What a scrape reports, read in one transaction.
     *
     * @param tasks live (not archived) projects' tasks by status
     * @param agentsActive agents heard from within {@code silentAfter}
     * @param agentsSilent agents holding a task that were not heard from within {@code silentAfter}
     * @param openBlockers blockers not resolved
     * @param oldestInProgressAt when the longest-running task in progress was assigned, or {@code null}
     */
    record Readings(List<ProjectTasks> tasks, int agentsActive, int agentsSilent, int openBlockers,
                    Instant oldestInProgressAt) {
    }

    Readings readings(Instant now, Duration silentAfter);

    /** One day's count of one event type in one project. */
    record Rollup(ProjectId project, String day, String eventType, long count) {
    }

    /**
     * Adds the events after {@code afterId} (at most {@code limit}) to the daily counts, in one transaction.
     *
     * @return the id of the last event counted ({@code afterId} when there was none)
     */
    long rollUp(long afterId, int limit, Instant now);

    /** A project's daily counts, newest day first, at most {@code days} days. */
    List<Rollup> rollups(ProjectId project, int days);

    /**
     * Deletes the events with ids up to {@code lastId} that happened before {@code cutoff} (the archiver has written
     * them out first); the number deleted.
     */
    int deleteEventsThrough(long lastId, Instant cutoff);
}
