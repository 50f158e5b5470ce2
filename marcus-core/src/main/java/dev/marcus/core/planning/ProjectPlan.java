package dev.marcus.core.planning;

import java.util.List;

/**
 * The tasks a planner made of a description, with the features (phases) it found, in order, and the warnings a
 * reader should see: references it could not resolve or could read two ways (each names its line and what was done).
 */
public record ProjectPlan(List<String> features, List<PlannedTask> tasks, List<String> warnings) {
    public ProjectPlan {
        features = List.copyOf(features);
        tasks = List.copyOf(tasks);
        warnings = List.copyOf(warnings);
    }

    public ProjectPlan(List<String> features, List<PlannedTask> tasks) {
        this(features, tasks, List.of());
    }
}
