package dev.marcus.core.service;

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
 * closures, the critical path of unfinished work, and cycle detection.
 */
public final class TaskGraph {
    /** Hours assumed for a task without an estimate when measuring paths. */
    static final double DEFAULT_HOURS = 1.0;

    private final Map<TaskId, Task> tasks = new LinkedHashMap<>();
    private final Map<TaskId, List<TaskId>> dependents = new HashMap<>();
    private final Map<TaskId, Integer> unblockCounts = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Set<TaskId> criticalPath;
    private volatile Map<TaskId, Double> tails;

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
     * Hours on the longest chain of unfinished work that starts at {@code id} and follows its dependents (the task's
     * own estimate included; 0 for a finished or unknown task). The ready task with the longest tail heads the
     * critical path of what remains.
     */
    public double tailHours(TaskId id) {
        Map<TaskId, Double> t = tails;
        if (t == null) {
            t = computeTails();
            tails = t;
        }
        return t.getOrDefault(id, 0.0);
    }

    private Map<TaskId, Double> computeTails() {
        List<TaskId> order = topologicalOrder();
        Map<TaskId, Double> out = new HashMap<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            TaskId id = order.get(i);
            Task t = tasks.get(id);
            if (t.status() == TaskStatus.DONE) {
                continue;
            }
            double longest = 0;
            for (TaskId d : dependentsOf(id)) {
                longest = Math.max(longest, out.getOrDefault(d, 0.0));
            }
            out.put(id, longest + (t.isParent() ? 0 : hours(t)));
        }
        return out;
    }

    /**
     * The unfinished tasks on the longest chain of remaining work, measured in estimated hours (a task without an
     * estimate counts {@value #DEFAULT_HOURS} h). Empty when everything is done.
     */
    public Set<TaskId> criticalPath() {
        Set<TaskId> c = criticalPath;
        if (c == null) {
            c = computeCriticalPath();
            criticalPath = c;
        }
        return c;
    }

    /** Hours along the critical path. */
    public double criticalPathHours() {
        double sum = 0;
        for (TaskId id : criticalPath()) {
            sum += hours(tasks.get(id));
        }
        return sum;
    }

    private Set<TaskId> computeCriticalPath() {
        // longest path ending at each unfinished task, over unfinished dependencies, in topological order
        List<TaskId> order = topologicalOrder();
        Map<TaskId, Double> finish = new HashMap<>();
        Map<TaskId, TaskId> via = new HashMap<>();
        TaskId end = null;
        double best = -1;
        for (TaskId id : order) {
            Task t = tasks.get(id);
            if (t.status() == TaskStatus.DONE || t.isParent()) {
                continue;
            }
            double start = 0;
            for (TaskId dep : t.dependencies()) {
                Double f = finish.get(dep);
                if (f != null && f > start) {
                    start = f;
                    via.put(id, dep);
                }
            }
            double f = start + hours(t);
            finish.put(id, f);
            if (f > best) {
                best = f;
                end = id;
            }
        }
        Set<TaskId> path = new LinkedHashSet<>();
        for (TaskId t = end; t != null; t = via.get(t)) {
            path.add(t);
        }
        return path;
    }

    static double hours(Task t) {
        return t.estimatedHours() == null || t.estimatedHours() <= 0 ? DEFAULT_HOURS : t.estimatedHours();
    }

    /** Tasks ordered so that each comes after its dependencies (ties by creation order); dangling ids ignored. */
    public List<TaskId> topologicalOrder() {
        Map<TaskId, Integer> indegree = new HashMap<>();
        for (Task t : tasks.values()) {
            int n = 0;
            for (TaskId dep : t.dependencies()) {
                if (tasks.containsKey(dep)) {
                    n++;
                }
            }
            indegree.put(t.id(), n);
        }
        Deque<TaskId> ready = new ArrayDeque<>();
        for (Task t : tasks.values()) {
            if (indegree.get(t.id()) == 0) {
                ready.add(t.id());
            }
        }
        List<TaskId> order = new ArrayList<>(tasks.size());
        while (!ready.isEmpty()) {
            TaskId id = ready.poll();
            order.add(id);
            for (TaskId d : dependentsOf(id)) {
                if (indegree.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        return order;
    }

    /**
     * Finds a dependency cycle in a graph given as task → dependencies.
     *
     * @return the ids on one cycle, in order, or empty when there is none
     */
    public static <K> List<K> findCycle(Map<K, ? extends Collection<K>> edges) {
        Map<K, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
        for (K root : edges.keySet()) {
            if (state.containsKey(root)) {
                continue;
            }
            Deque<K> stack = new ArrayDeque<>();
            Deque<java.util.Iterator<K>> iters = new ArrayDeque<>();
            stack.push(root);
            iters.push(successors(edges, root));
            state.put(root, 1);
            while (!stack.isEmpty()) {
                java.util.Iterator<K> it = iters.peek();
                if (it.hasNext()) {
                    K next = it.next();
                    Integer s = state.get(next);
                    if (s == null) {
                        state.put(next, 1);
                        stack.push(next);
                        iters.push(successors(edges, next));
                    } else if (s == 1) {
                        List<K> cycle = new ArrayList<>();
                        for (K k : stack) {
                            cycle.add(0, k);
                            if (k.equals(next)) {
                                break;
                            }
                        }
                        cycle.add(next);
                        return cycle;
                    }
                } else {
                    state.put(stack.pop(), 2);
                    iters.pop();
                }
            }
        }
        return List.of();
    }

    private static <K> java.util.Iterator<K> successors(Map<K, ? extends Collection<K>> edges, K node) {
        Collection<K> next = edges.get(node);
        return next == null ? java.util.Collections.emptyIterator() : next.iterator();
    }

    /** Ids present in the graph. */
    public Set<TaskId> ids() {
        return new HashSet<>(tasks.keySet());
    }
}
