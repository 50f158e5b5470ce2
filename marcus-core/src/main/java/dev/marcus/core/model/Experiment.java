package dev.marcus.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * One experiment run recorded in Marcus's own store: a named window of work whose outcome (tasks finished, blockers,
 * tokens, cost) is measured from the event log between {@code startedAt} and {@code endedAt}.
 *
 * @param runName a label of this run, or {@code null}
 * @param projectId the project the run watches, or {@code null} for the whole installation
 * @param params configuration of the run as given by the caller (string values)
 * @param tags free labels as given by the caller
 * @param trackingIntervalSeconds how often the caller intends to poll the status
 * @param summary the figures recorded when the run ended; empty while it runs
 * @param endedAt when the run ended, or {@code null} while it runs
 */
public record Experiment(String id, String name, String runName, ProjectId projectId, Map<String, String> params,
                         Map<String, String> tags, int trackingIntervalSeconds, Map<String, String> summary,
                         Instant startedAt, Instant endedAt) {
    public Experiment {
        params = Map.copyOf(params);
        tags = Map.copyOf(tags);
        summary = Map.copyOf(summary);
    }

    public boolean isRunning() {
        return endedAt == null;
    }
}
