package dev.marcus.core.port;

import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import java.util.List;

/**
 * What finishing a task changed.
 *
 * @param task the finished task
 * @param unblocked tasks that became ready because of it
 * @param completedParents parents finished because their last subtask was
 * @param projectComplete whether the project has no unfinished task left
 */
public record Completion(Task task, List<TaskId> unblocked, List<TaskId> completedParents, boolean projectComplete) {
    public Completion {
        unblocked = List.copyOf(unblocked);
        completedParents = List.copyOf(completedParents);
    }
}
