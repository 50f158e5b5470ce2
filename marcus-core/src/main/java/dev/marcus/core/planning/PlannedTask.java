package dev.marcus.core.planning;

import dev.marcus.core.model.Priority;
import java.util.List;

/**
 * A task in a plan, before it has an id. Dependencies refer to other planned tasks by {@link #key()}.
 *
 * @param key unique within the plan (the planners use the task's position)
 * @param feature the feature (heading) it belongs to, or empty
 * @param estimatedHours estimate, or {@code null}
 */
public record PlannedTask(String key, String name, String description, String feature, Priority priority,
                          List<String> labels, List<String> dependsOn, Double estimatedHours,
                          List<String> acceptanceCriteria) {
    public PlannedTask {
        labels = List.copyOf(labels);
        dependsOn = List.copyOf(dependsOn);
        acceptanceCriteria = List.copyOf(acceptanceCriteria);
    }
}
