package dev.marcus.core.model;

import java.util.List;

/**
 * A task to be created. The id is chosen by the caller (the core) so that tasks created together can depend on
 * each other.
 *
 * @param dependencies tasks this one waits for (existing ones, or others created in the same call)
 * @param blocks existing tasks that must wait for this one (they gain a dependency on it)
 * @param estimatedHours estimate, or {@code null}
 * @param parentId parent task for a subtask, or {@code null}
 */
public record NewTask(
        TaskId id,
        String name,
        String description,
        Priority priority,
        List<String> labels,
        List<TaskId> dependencies,
        List<TaskId> blocks,
        Double estimatedHours,
        List<String> acceptanceCriteria,
        TaskId parentId) {

    public NewTask {
        labels = List.copyOf(labels);
        dependencies = List.copyOf(dependencies);
        blocks = List.copyOf(blocks);
        acceptanceCriteria = List.copyOf(acceptanceCriteria);
    }
}
