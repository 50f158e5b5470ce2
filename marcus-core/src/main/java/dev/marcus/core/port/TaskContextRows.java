package dev.marcus.core.port;

import dev.marcus.core.model.Artifact;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.Task;
import java.util.List;

/**
 * The rows behind a task's context, read in one go by {@link StorageBackend#contextRows}.
 *
 * @param tasks the tasks asked for by id that exist, in no particular order
 * @param decisions decisions on any of the tasks whose notes were asked for, oldest first
 * @param artifacts artifacts of any of those tasks, oldest first
 * @param blockers blockers reported on the task itself, oldest first
 */
public record TaskContextRows(List<Task> tasks, List<Decision> decisions, List<Artifact> artifacts, List<Blocker> blockers) {
    public TaskContextRows {
        tasks = List.copyOf(tasks);
        decisions = List.copyOf(decisions);
        artifacts = List.copyOf(artifacts);
        blockers = List.copyOf(blockers);
    }
}
