package dev.marcus.core.planning;

import java.util.List;

/** The tasks a planner made of a description, with the features (phases) it found, in order. */
public record ProjectPlan(List<String> features, List<PlannedTask> tasks) {
    public ProjectPlan {
        features = List.copyOf(features);
        tasks = List.copyOf(tasks);
    }
}
