package dev.marcus.core.service;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.graph.Cycles;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.GraphCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules every write to a task graph must keep: dependencies and parents name tasks of the same project, no task
 * depends on itself, and the graph has no cycle. Run by the store inside its write transaction.
 */
public final class GraphRules implements GraphCheck {
    private final String field;

    /** @param field the input field to name when a dependency is wrong, e.g. {@code dependencies} */
    public GraphRules(String field) {
        this.field = field;
    }

    @Override
    public void check(List<Task> existing, List<NewTask> added) {
        Map<TaskId, Set<TaskId>> edges = new HashMap<>();
        Map<TaskId, String> names = new HashMap<>();
        for (Task t : existing) {
            edges.put(t.id(), new LinkedHashSet<>(t.dependencies()));
            names.put(t.id(), t.name());
        }
        Set<TaskId> addedIds = new HashSet<>();
        for (NewTask n : added) {
            if (!addedIds.add(n.id()) || names.containsKey(n.id())) {
                throw new ValidationException("task_id", "'" + n.id() + "' is used twice");
            }
            names.put(n.id(), n.name());
            edges.put(n.id(), new LinkedHashSet<>());
        }
        for (NewTask n : added) {
            for (TaskId dep : n.dependencies()) {
                if (dep.equals(n.id())) {
                    throw new ValidationException(field, "task '" + n.name() + "' cannot depend on itself");
                }
                if (!edges.containsKey(dep)) {
                    throw new ValidationException(field, "task '" + dep + "' does not exist in this project");
                }
                edges.get(n.id()).add(dep);
            }
            for (TaskId blocked : n.blocks()) {
                if (!edges.containsKey(blocked) || addedIds.contains(blocked)) {
                    throw new ValidationException("blocks", "task '" + blocked + "' does not exist in this project");
                }
                edges.get(blocked).add(n.id());
            }
            if (n.parentId() != null && !edges.containsKey(n.parentId())) {
                throw new ValidationException("parent_task_id", "task '" + n.parentId() + "' does not exist in this project");
            }
        }
        List<TaskId> cycle = Cycles.find(edges);
        if (!cycle.isEmpty()) {
            List<String> labelled = new ArrayList<>();
            for (TaskId id : cycle) {
                labelled.add("'" + names.getOrDefault(id, id.value()) + "'");
            }
            throw new ValidationException(field, "would create a dependency cycle: "
                    + labelled.stream().collect(Collectors.joining(" → ")));
        }
    }
}
