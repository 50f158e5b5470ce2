package dev.marcus.core.graph;

import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The critical-path method over the unfinished part of a project's dependency graph, with unlimited workers; built
 * once from a snapshot of the project's tasks, immutable, safe to share between threads.
 *
 * <p>Durations follow the {@link DurationPolicy}. The forward pass gives each unfinished task its earliest start
 * ES = max EF of its unfinished predecessors (its dependencies and, for a parent, its subtasks) and earliest finish
 * EF = ES + hours; the <b>critical path length</b> is the largest EF. The backward pass gives the latest finish LF
 * (the smallest LF − hours of its unfinished dependents, else the length) and the <b>slack</b> LF − EF. The
 * <b>tail</b> of a task is the length of the longest chain of remaining work that starts with it (length − LF + hours).
 * The <b>critical path</b> is one chain of zero-slack tasks from a start to the end of the schedule, walked back from
 * the task that finishes last, each step to the zero-slack predecessor that finishes exactly when the task starts
 * (ties to the task that comes first in the snapshot); tasks that take no time (parents) are passed through but not
 * listed. <b>Peak parallelism</b> is the most tasks whose [ES, EF) intervals overlap (a task may start at the instant
 * its predecessor ends). A <b>bottleneck</b> is an unfinished task that at least {@value #BOTTLENECK_DEPENDENTS}
 * unfinished tasks wait for directly. The <b>recommended agent count</b> is the peak parallelism (at least 1 while work
 * remains, 0 when none does). Tasks caught in a dependency cycle, and ids that name no task of the snapshot, are left
 * out.
 */
public final class Schedule {
    /** Unfinished tasks waiting directly on a task that make it a bottleneck. */
    public static final int BOTTLENECK_DEPENDENTS = 3;
    private static final double EPS = 1e-9;

    private final Task[] tasks;
    private final Map<TaskId, Integer> index;
    private final boolean[] scheduled;
    private final double[] hours;
    private final double[] earliestStart;
    private final double[] earliestFinish;
    private final double[] latestFinish;
    private final int[] order;
    private final double length;
    private final double totalWork;
    private final int peak;
    private final List<TaskId> criticalPath;
    private final Set<TaskId> onCriticalPath;
    private final List<TaskId> bottlenecks;
    private final int[] unfinishedDependents;

    private Schedule(Collection<Task> snapshot, DurationPolicy policy, Map<TaskId, Double> extraHours) {
        int n = snapshot.size();
        tasks = snapshot.toArray(new Task[0]);
        index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(tasks[i].id(), i);
        }
        // predecessors as compressed rows: dependencies, then for a parent its subtasks (ids resolved once)
        int[][] depIndex = new int[n][];
        int[] parentIndex = new int[n];
        int[] predCount = new int[n];
        int[] succCount = new int[n];
        unfinishedDependents = new int[n];
        int edges = 0;
        for (int i = 0; i < n; i++) {
            List<TaskId> deps = tasks[i].dependencies();
            int[] resolved = new int[deps.size()];
            int k = 0;
            for (TaskId d : deps) {
                Integer j = index.get(d);
                if (j != null && j != i) {
                    resolved[k++] = j;
                    predCount[i]++;
                    succCount[j]++;
                    edges++;
                    if (tasks[i].status() != TaskStatus.DONE) {
                        unfinishedDependents[j]++;
                    }
                }
            }
            depIndex[i] = k == resolved.length ? resolved : Arrays.copyOf(resolved, k);
            Integer p = tasks[i].parentId() == null ? null : index.get(tasks[i].parentId());
            parentIndex[i] = p == null || p == i ? -1 : p;
            if (parentIndex[i] >= 0) {
                predCount[parentIndex[i]]++;
                succCount[i]++;
                edges++;
            }
        }
        int[] predStart = prefix(predCount);
        int[] succStart = prefix(succCount);
        int[] preds = new int[edges];
        int[] succs = new int[edges];
        int[] predFill = Arrays.copyOf(predStart, n);
        int[] succFill = Arrays.copyOf(succStart, n);
        for (int i = 0; i < n; i++) {
            for (int j : depIndex[i]) {
                preds[predFill[i]++] = j;
                succs[succFill[j]++] = i;
            }
            int p = parentIndex[i];
            if (p >= 0) {
                preds[predFill[p]++] = i;
                succs[succFill[i]++] = p;
            }
        }

        // Kahn's order, ties by snapshot order; nodes on a cycle never reach in-degree 0 and stay out
        int[] indegree = Arrays.copyOf(predCount, n);
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int i = queue[head++];
            for (int k = succStart[i]; k < succStart[i + 1]; k++) {
                if (--indegree[succs[k]] == 0) {
                    queue[tail++] = succs[k];
                }
            }
        }
        order = Arrays.copyOf(queue, tail);

        scheduled = new boolean[n];
        hours = new double[n];
        earliestStart = new double[n];
        earliestFinish = new double[n];
        latestFinish = new double[n];
        double len = 0;
        double work = 0;
        for (int i : order) {
            Task t = tasks[i];
            if (t.status() == TaskStatus.DONE) {
                continue;
            }
            scheduled[i] = true;
            double d = policy.remaining(t) + extraHours.getOrDefault(t.id(), 0.0);
            hours[i] = d;
            work += d;
            double es = 0;
            for (int k = predStart[i]; k < predStart[i + 1]; k++) {
                int p = preds[k];
                if (scheduled[p] && earliestFinish[p] > es) {
                    es = earliestFinish[p];
                }
            }
            earliestStart[i] = es;
            earliestFinish[i] = es + d;
            len = Math.max(len, es + d);
        }
        length = len;
        totalWork = work;
        for (int o = order.length - 1; o >= 0; o--) {
            int i = order[o];
            if (!scheduled[i]) {
                continue;
            }
            double lf = len;
            for (int k = succStart[i]; k < succStart[i + 1]; k++) {
                int s = succs[k];
                if (scheduled[s]) {
                    lf = Math.min(lf, latestFinish[s] - hours[s]);
                }
            }
            latestFinish[i] = lf;
        }

        // the critical path: walk back from the task that finishes last
        List<TaskId> path = new ArrayList<>();
        int end = -1;
        for (int i : order) {
            if (scheduled[i] && hours[i] > EPS && Math.abs(earliestFinish[i] - len) <= tolerance(len)) {
                end = i;
                break;
            }
        }
        for (int cur = end; cur >= 0; ) {
            if (hours[cur] > EPS) {
                path.add(tasks[cur].id());
            }
            int next = -1;
            for (int k = predStart[cur]; k < predStart[cur + 1]; k++) {
                int p = preds[k];
                if (scheduled[p] && isZeroSlack(p) && Math.abs(earliestFinish[p] - earliestStart[cur]) <= tolerance(len)
                        && (next < 0 || p < next)) {
                    next = p;
                }
            }
            cur = next;
        }
        Collections.reverse(path);
        criticalPath = List.copyOf(path);
        onCriticalPath = Collections.unmodifiableSet(new LinkedHashSet<>(path));

        // a parent is not waiting on its subtask the way a dependent is: dependency edges only (counted above)
        List<TaskId> necks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (tasks[i].status() != TaskStatus.DONE && unfinishedDependents[i] >= BOTTLENECK_DEPENDENTS) {
                necks.add(tasks[i].id());
            }
        }
        bottlenecks = List.copyOf(necks);
        peak = peak();
    }

    /** The schedule of a snapshot with the estimates as written. */
    public static Schedule of(Collection<Task> snapshot) {
        return new Schedule(snapshot, DurationPolicy.ESTIMATES, Map.of());
    }

    /**
     * The schedule under a policy, with extra hours added to some tasks (a delay to study).
     *
     * @param extraHours hours added to a task's duration; only unfinished tasks are affected
     */
    public static Schedule of(Collection<Task> snapshot, DurationPolicy policy, Map<TaskId, Double> extraHours) {
        return new Schedule(snapshot, policy, extraHours);
    }

    private static int[] prefix(int[] counts) {
        int[] start = new int[counts.length + 1];
        for (int i = 0; i < counts.length; i++) {
            start[i + 1] = start[i] + counts[i];
        }
        return start;
    }

    private static double tolerance(double scale) {
        return EPS * Math.max(1, scale);
    }

    private boolean isZeroSlack(int i) {
        return latestFinish[i] - earliestFinish[i] <= tolerance(length);
    }

    /** Sweep over the [ES, EF) intervals of tasks that take time: the most that overlap. */
    private int peak() {
        int m = 0;
        for (int i : order) {
            if (scheduled[i] && hours[i] > EPS) {
                m++;
            }
        }
        double[] starts = new double[m];
        double[] ends = new double[m];
        int k = 0;
        for (int i : order) {
            if (scheduled[i] && hours[i] > EPS) {
                starts[k] = earliestStart[i];
                ends[k++] = earliestFinish[i];
            }
        }
        Arrays.sort(starts);
        Arrays.sort(ends);
        int best = 0;
        int running = 0;
        int e = 0;
        for (double s : starts) {
            // a task ending at the instant another starts frees its worker first
            while (e < m && ends[e] <= s + tolerance(length)) {
                running--;
                e++;
            }
            running++;
            best = Math.max(best, running);
        }
        return best;
    }

    // ---- figures ----------------------------------------------------------------------------------------------

    /** Hours along the critical path: how long the remaining work takes with enough workers. */
    public double criticalPathHours() {
        return length;
    }

    /** The tasks of the critical path, first to last; empty when no work remains. */
    public List<TaskId> criticalPath() {
        return criticalPath;
    }

    /** Whether the task is on {@link #criticalPath()}. */
    public boolean onCriticalPath(TaskId id) {
        return onCriticalPath.contains(id);
    }

    /** Hours of all remaining work. */
    public double totalWorkHours() {
        return totalWork;
    }

    /** The most tasks that run at once in the earliest-start schedule. */
    public int peakParallelism() {
        return peak;
    }

    /** How many agents the remaining work can keep busy at its widest: the peak parallelism, 1 at least while work remains. */
    public int recommendedAgents() {
        return totalWork > EPS ? Math.max(1, peak) : 0;
    }

    /** Unfinished tasks that at least {@value #BOTTLENECK_DEPENDENTS} unfinished tasks wait for directly, in snapshot order. */
    public List<TaskId> bottlenecks() {
        return bottlenecks;
    }

    public boolean isBottleneck(TaskId id) {
        Integer i = index.get(id);
        return i != null && tasks[i].status() != TaskStatus.DONE && unfinishedDependents[i] >= BOTTLENECK_DEPENDENTS;
    }

    /** How many unfinished tasks list this one as a dependency. */
    public int unfinishedDependents(TaskId id) {
        Integer i = index.get(id);
        return i == null ? 0 : unfinishedDependents[i];
    }

    /** The unfinished tasks in the schedule (not done, not on a cycle), in dependency order. */
    public List<TaskId> scheduledTasks() {
        List<TaskId> out = new ArrayList<>();
        for (int i : order) {
            if (scheduled[i]) {
                out.add(tasks[i].id());
            }
        }
        return out;
    }

    /** Whether the task is in the schedule: unfinished, in the snapshot and not on a cycle. */
    public boolean isScheduled(TaskId id) {
        Integer i = index.get(id);
        return i != null && scheduled[i];
    }

    /** Remaining hours of a scheduled task under the policy; empty otherwise. */
    public OptionalDouble hours(TaskId id) {
        return figure(id, hours);
    }

    public OptionalDouble earliestStart(TaskId id) {
        return figure(id, earliestStart);
    }

    public OptionalDouble earliestFinish(TaskId id) {
        return figure(id, earliestFinish);
    }

    /** LF − EF: how long the task can slip without moving the end of the project; 0 on a critical chain. */
    public OptionalDouble slack(TaskId id) {
        Integer i = index.get(id);
        if (i == null || !scheduled[i]) {
            return OptionalDouble.empty();
        }
        double s = latestFinish[i] - earliestFinish[i];
        return OptionalDouble.of(s <= tolerance(length) ? 0 : s);
    }

    /** Hours of the longest chain of remaining work that starts with this task (its own hours included); 0 when done. */
    public double tailHours(TaskId id) {
        Integer i = index.get(id);
        if (i == null || !scheduled[i]) {
            return 0;
        }
        double t = length - latestFinish[i] + hours[i];
        return Math.abs(t) <= tolerance(length) ? 0 : t;
    }

    private OptionalDouble figure(TaskId id, double[] values) {
        Integer i = index.get(id);
        return i == null || !scheduled[i] ? OptionalDouble.empty() : OptionalDouble.of(values[i]);
    }

    /**
     * The figures every report of the graph shows under the same keys — the dashboard's board,
     * {@code get_project_metrics}, {@code check_board_health}, {@code get_optimal_agent_count}:
     * {@code critical_path} (task ids, first to last), {@code critical_path_hours}, {@code bottlenecks} (task ids),
     * {@code peak_parallelism}, {@code recommended_agents} and {@code remaining_work_hours}.
     */
    public Map<String, Object> summary() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("critical_path", criticalPath.stream().map(TaskId::value).toList());
        m.put("critical_path_hours", round(length));
        m.put("bottlenecks", bottlenecks.stream().map(TaskId::value).toList());
        m.put("peak_parallelism", peak);
        m.put("recommended_agents", recommendedAgents());
        m.put("remaining_work_hours", round(totalWork));
        return m;
    }

    /** Hours rounded as every report shows them (two decimals), so that two reports of one figure read the same. */
    public static double round(double hours) {
        return Math.round(hours * 100) / 100.0;
    }
}
