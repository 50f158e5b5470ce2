package dev.marcus.web;

import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The longest chain of unfinished work through the dependency graph (by estimated hours, 1 h when unknown), and the
 * bottlenecks: unfinished tasks that the most unfinished tasks wait for directly.
 */
record CriticalPath(List<TaskId> path, double hours, List<TaskId> bottlenecks) {

    static CriticalPath of(List<Task> tasks) {
        Map<TaskId, Task> byId = new HashMap<>();
        for (Task t : tasks) {
            byId.put(t.id(), t);
        }
        // Kahn's order; cycles are refused by the core, but stay safe if one slipped in
        Map<TaskId, Integer> indegree = new HashMap<>();
        Map<TaskId, List<TaskId>> dependents = new HashMap<>();
        for (Task t : tasks) {
            indegree.putIfAbsent(t.id(), 0);
            for (TaskId d : t.dependencies()) {
                if (byId.containsKey(d)) {
                    indegree.merge(t.id(), 1, Integer::sum);
                    dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(t.id());
                }
            }
        }
        List<TaskId> order = new ArrayList<>();
        ArrayList<TaskId> ready = new ArrayList<>();
        for (Task t : tasks) {
            if (indegree.get(t.id()) == 0) {
                ready.add(t.id());
            }
        }
        for (int i = 0; i < ready.size(); i++) {
            TaskId id = ready.get(i);
            order.add(id);
            for (TaskId next : dependents.getOrDefault(id, List.of())) {
                if (indegree.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        Map<TaskId, Double> finish = new HashMap<>();
        Map<TaskId, TaskId> via = new HashMap<>();
        TaskId end = null;
        double best = 0;
        for (TaskId id : order) {
            Task t = byId.get(id);
            double start = 0;
            for (TaskId d : t.dependencies()) {
                Double f = finish.get(d);
                if (f != null && f > start) {
                    start = f;
                    via.put(id, d);
                }
            }
            double own = t.isDone() || t.isParent() ? 0
                    : (t.estimatedHours() == null ? 1.0 : t.estimatedHours()) * (100 - t.progress()) / 100.0;
            finish.put(id, start + own);
            if (start + own > best) {
                best = start + own;
                end = id;
            }
        }
        List<TaskId> path = new ArrayList<>();
        for (TaskId id = end; id != null; id = via.get(id)) {
            if (!byId.get(id).isDone()) {
                path.add(id);
            }
        }
        Collections.reverse(path);
        List<TaskId> bottlenecks = tasks.stream()
                .filter(t -> !t.isDone())
                .filter(t -> dependents.getOrDefault(t.id(), List.of()).stream().filter(d -> !byId.get(d).isDone()).count() >= 3)
                .map(Task::id)
                .toList();
        return new CriticalPath(path, Math.round(best * 10) / 10.0, bottlenecks);
    }
}
