package dev.marcus.core.planning;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.graph.Cycles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every plan must be before anything is written, whichever planner made it: at least one task, every task
 * named, no two tasks with one key or one name, every dependency naming a task of the plan, no task depending on
 * itself, and no cycle. Failures are {@link ValidationException}s on the field {@code plan} that say which planner
 * answered and what is wrong.
 */
public final class PlanValidator {
    private PlanValidator() {
    }

    /** Returns the plan when it is sound; throws otherwise. */
    public static ProjectPlan check(ProjectPlan plan, String plannerName) {
        String who = "the " + plannerName + " planner's plan was refused, nothing was written: ";
        if (plan == null || plan.tasks().isEmpty()) {
            throw new ValidationException("plan", who + "it has no tasks");
        }
        Map<String, PlannedTask> byKey = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (PlannedTask t : plan.tasks()) {
            if (t.key() == null || t.key().isBlank()) {
                throw new ValidationException("plan", who + "a task has no key");
            }
            if (t.name() == null || t.name().isBlank()) {
                throw new ValidationException("plan", who + "task " + t.key() + " has an empty name");
            }
            if (byKey.put(t.key(), t) != null) {
                throw new ValidationException("plan", who + "two tasks share the key '" + t.key() + "'");
            }
            if (!names.add(t.name().strip().toLowerCase(Locale.ROOT))) {
                throw new ValidationException("plan", who + "task '" + t.name() + "' appears twice");
            }
            if (t.priority() == null) {
                throw new ValidationException("plan", who + "task '" + t.name() + "' has no priority");
            }
            if (t.estimatedHours() != null && (t.estimatedHours().isNaN() || t.estimatedHours() < 0 || t.estimatedHours() > 10_000)) {
                throw new ValidationException("plan", who + "task '" + t.name() + "' has an estimate outside 0–10000 hours");
            }
        }
        for (PlannedTask t : plan.tasks()) {
            for (String d : t.dependsOn()) {
                if (d.equals(t.key())) {
                    throw new ValidationException("plan", who + "task '" + t.name() + "' depends on itself");
                }
                if (!byKey.containsKey(d)) {
                    throw new ValidationException("plan", who + "task '" + t.name() + "' depends on '" + d
                            + "', which is not a task of the plan");
                }
            }
        }
        List<String> cycle = findCycle(plan.tasks(), byKey);
        if (!cycle.isEmpty()) {
            throw new ValidationException("plan", who + "its dependencies form a cycle: " + String.join(" → ", cycle));
        }
        return plan;
    }

    /** Names along one cycle (first name repeated at the end), or empty when the graph is acyclic. */
    private static List<String> findCycle(List<PlannedTask> tasks, Map<String, PlannedTask> byKey) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (PlannedTask t : tasks) {
            edges.put(t.key(), t.dependsOn());
        }
        List<String> names = new ArrayList<>();
        for (String k : Cycles.find(edges)) {
            names.add("'" + byKey.get(k).name() + "'");
        }
        return names;
    }
}
