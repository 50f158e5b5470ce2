package dev.marcus.core.graph;

import dev.marcus.core.graph.Schedule;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of a project's dependency graph, built once from a snapshot of its tasks: dependents, transitive
 * closures, and the snapshot's {@link Schedule} (critical path, slack, bottlenecks).
 */
public final class TaskGraph {
    private final Map<TaskId, Task> tasks = new LinkedHashMap<>();
    private final Map<TaskId, List<TaskId>> dependents = new HashMap<>();
    private final Map<TaskId, Integer> unblockCounts = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Schedule schedule;

    public TaskGraph(Collection<Task> snapshot) {
        for (Task t : snapshot) {
            tasks.put(t.id(), t);
        }
        for (Task t : snapshot) {
            for (TaskId dep : t.dependencies()) {
                dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(t.id());
            }
        }
    }

    public Optional<Task> task(TaskId id) {
        return Optional.ofNullable(tasks.get(id));
    }

    public Collection<Task> tasks() {
        return tasks.values();
    }

    /** Tasks that list {@code id} as a direct dependency. */
    public List<TaskId> dependentsOf(TaskId id) {
        return dependents.getOrDefault(id, List.of());
    }

    /** Every task that waits on {@code id}, directly or through others. */
    public Set<TaskId> downstreamOf(TaskId id) {
        return closure(id, this::dependentsOf);
    }

    /** Every task {@code id} waits on, directly or through others. */
    public Set<TaskId> upstreamOf(TaskId id) {
        return closure(id, t -> task(t).map(Task::dependencies).orElse(List.of()));
    }

    private static Set<TaskId> closure(TaskId start, java.util.function.Function<TaskId, List<TaskId>> next) {
        Set<TaskId> seen = new LinkedHashSet<>();
        Deque<TaskId> todo = new ArrayDeque<>(next.apply(start));
        while (!todo.isEmpty()) {
            TaskId t = todo.pop();
            if (seen.add(t)) {
                todo.addAll(next.apply(t));
            }
        }
        seen.remove(start);
        return seen;
    }

    /** How many unfinished tasks wait, directly or not, on {@code id} (memoised: the graph is an immutable snapshot). */
    public int unblockCount(TaskId id) {
        return unblockCounts.computeIfAbsent(id, k -> {
            int n = 0;
            for (TaskId t : downstreamOf(k)) {
                if (task(t).map(x -> x.status() != TaskStatus.DONE).orElse(false)) {
                    n++;
                }
            }
            return n;
        });
    }

    /**
     * The critical-path schedule of this snapshot (computed once: the graph is immutable). Ranking reads whether a
     * ready task heads the critical path from it, as every report does.
     */
    public Schedule schedule() {
        Schedule s = schedule;
        if (s == null) {
            s = Schedule.of(tasks.values());
            schedule = s;
        }
        return s;
    }

    /** Ids present in the graph. */
    public Set<TaskId> ids() {
        return new HashSet<>(tasks.keySet());
    }
}
