package dev.marcus.core.analytics;

import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.service.TaskGraph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The critical-path method over the unfinished part of a dependency graph, with unlimited workers: earliest start and
 * finish of every unfinished task (forward pass), latest finish and slack (backward pass), the length of the critical
 * path and the peak number of tasks that run at the same time in the earliest-start schedule.
 *
 * <p>Durations: a task's estimate (1 h without one) times {@code scale}, less the share already reported as progress
 * for a task in progress; a parent task (which has subtasks) takes no time itself. Finished tasks take none.
 */
final class CriticalPath {
    final Map<TaskId, Double> duration = new LinkedHashMap<>();
    final Map<TaskId, Double> earliestStart = new HashMap<>();
    final Map<TaskId, Double> earliestFinish = new HashMap<>();
    final Map<TaskId, Double> slack = new HashMap<>();
    final double length;
    final int peakParallelism;
    final double totalWork;
    final List<TaskId> critical = new ArrayList<>();

    CriticalPath(Collection<Task> tasks, double scale, Map<TaskId, Double> extraHours) {
        TaskGraph graph = new TaskGraph(tasks);
        List<TaskId> order = graph.topologicalOrder();
        double work = 0;
        for (TaskId id : order) {
            Task t = graph.task(id).orElseThrow();
            if (t.status() == TaskStatus.DONE) {
                continue;
            }
            double d = t.isParent() ? 0 : hours(t) * scale;
            if (t.status() == TaskStatus.IN_PROGRESS) {
                d *= (100 - Math.max(0, Math.min(100, t.progress()))) / 100.0;
            }
            d += extraHours.getOrDefault(id, 0.0);
            duration.put(id, d);
            work += t.isParent() ? 0 : d;
            double start = 0;
            for (TaskId dep : t.dependencies()) {
                start = Math.max(start, earliestFinish.getOrDefault(dep, 0.0));
            }
            earliestStart.put(id, start);
            earliestFinish.put(id, start + d);
        }
        totalWork = work;
        length = earliestFinish.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Map<TaskId, Double> latestFinish = new HashMap<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            TaskId id = order.get(i);
            if (!duration.containsKey(id)) {
                continue;
            }
            double lf = length;
            for (TaskId next : graph.dependentsOf(id)) {
                if (duration.containsKey(next)) {
                    lf = Math.min(lf, latestFinish.get(next) - duration.get(next));
                }
            }
            latestFinish.put(id, lf);
            double s = lf - earliestFinish.get(id);
            slack.put(id, Math.abs(s) < 1e-9 ? 0 : s);
        }
        for (TaskId id : duration.keySet()) {
            if (slack.get(id) == 0 && duration.get(id) > 0) {
                critical.add(id);
            }
        }
        critical.sort((a, b) -> Double.compare(earliestStart.get(a), earliestStart.get(b)));
        peakParallelism = peak();
    }

    /** Sweep over [start, finish) intervals of tasks that take time: the most that overlap. */
    private int peak() {
        List<double[]> marks = new ArrayList<>();
        for (Map.Entry<TaskId, Double> e : duration.entrySet()) {
            if (e.getValue() > 0) {
                marks.add(new double[] {earliestStart.get(e.getKey()), 1});
                marks.add(new double[] {earliestFinish.get(e.getKey()), -1});
            }
        }
        // ends before starts at the same instant: a task may start when its dependency finishes
        marks.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int now = 0;
        int best = 0;
        for (double[] m : marks) {
            now += (int) m[1];
            best = Math.max(best, now);
        }
        return best;
    }

    static double hours(Task t) {
        return t.estimatedHours() == null || t.estimatedHours() <= 0 ? 1.0 : t.estimatedHours();
    }
}
