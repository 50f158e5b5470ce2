package dev.marcus.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schedule against a brute-force oracle on random project graphs (dependencies, done and half-done work, blocked
 * tasks, parents with subtasks, missing estimates): longest paths computed by plain recursion over every chain, not by
 * the forward and backward passes under test. Each seed is one graph; a failure names its seed.
 */
class SchedulePropertyTest {

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void scheduleAgreesWithTheBruteForceOracle(long seed) {
        List<Task> tasks = randomProject(new Random(seed));
        Schedule s = Schedule.of(tasks);
        Oracle o = new Oracle(tasks);

        double cp = 0;
        for (Task t : tasks) {
            if (o.scheduled(t)) {
                cp = Math.max(cp, o.head(t));
            }
        }
        assertThat(s.criticalPathHours()).as("critical path hours").isCloseTo(cp, within(1e-6));

        // the path is a chain of real edges (through zero-hour parents), its hours add up to CP, all zero-slack
        double sum = 0;
        TaskId prev = null;
        for (TaskId id : s.criticalPath()) {
            Task t = o.byId.get(id);
            sum += o.hours(t);
            assertThat(s.slack(id).getAsDouble()).as("slack on the path").isZero();
            if (prev != null) {
                assertThat(o.reachesThroughZeroHours(o.byId.get(prev), t)).as(prev + " leads to " + id).isTrue();
            }
            prev = id;
        }
        assertThat(sum).as("hours along the listed path").isCloseTo(cp, within(1e-6));
        if (cp > 0) {
            assertThat(o.preds(o.byId.get(s.criticalPath().get(0))).stream().filter(o::scheduled)
                    .mapToDouble(o::head).max().orElse(0)).as("the path starts at the beginning").isCloseTo(0, within(1e-6));
        }

        // slack and tail of every scheduled task from the longest chain through it
        for (Task t : tasks) {
            if (!o.scheduled(t)) {
                assertThat(s.isScheduled(t.id())).isFalse();
                continue;
            }
            double through = o.head(t) + o.tail(t) - o.hours(t);
            assertThat(s.slack(t.id()).getAsDouble()).as("slack of " + t.id()).isCloseTo(cp - through, within(1e-6));
            assertThat(s.tailHours(t.id())).as("tail of " + t.id()).isCloseTo(o.tail(t), within(1e-6));
        }

        // peak parallelism: the most earliest-start intervals that hold one instant
        int peak = 0;
        for (Task a : tasks) {
            if (!o.scheduled(a) || o.hours(a) <= 0) {
                continue;
            }
            double at = o.head(a) - o.hours(a);
            int running = 0;
            for (Task b : tasks) {
                if (o.scheduled(b) && o.hours(b) > 0 && o.head(b) - o.hours(b) <= at + 1e-9 && o.head(b) > at + 1e-9) {
                    running++;
                }
            }
            peak = Math.max(peak, running);
        }
        assertThat(s.peakParallelism()).as("peak").isEqualTo(peak);
        assertThat(s.recommendedAgents()).isEqualTo(cp > 0 ? Math.max(1, peak) : 0);

        // bottlenecks: direct unfinished dependents
        List<TaskId> necks = new ArrayList<>();
        for (Task t : tasks) {
            long waiting = tasks.stream().filter(x -> x.status() != TaskStatus.DONE && x.dependencies().contains(t.id())).count();
            if (t.status() != TaskStatus.DONE && waiting >= Schedule.BOTTLENECK_DEPENDENTS) {
                necks.add(t.id());
            }
        }
        assertThat(s.bottlenecks()).isEqualTo(necks);
    }

    /** A project: tasks depend on earlier ones; some are done, half done, blocked; some sinks are parents. */
    static List<Task> randomProject(Random r) {
        int n = 1 + r.nextInt(35);
        double density = r.nextDouble() * 0.3;
        List<T> builders = new ArrayList<>();
        List<List<String>> deps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            T b = T.task("t" + i);
            List<String> d = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (r.nextDouble() < density) {
                    d.add("t" + j);
                }
            }
            b.after(d.toArray(String[]::new));
            int est = r.nextInt(10);
            if (est > 0) {
                b.hours(est == 9 ? 0.5 : est);
            }
            int st = r.nextInt(10);
            if (st < 2) {
                b.done();
            } else if (st < 4) {
                b.inProgress(r.nextInt(101));
            } else if (st == 4) {
                b.status(TaskStatus.BLOCKED).inProgress(r.nextInt(100)).status(TaskStatus.BLOCKED);
            }
            builders.add(b);
            deps.add(d);
        }
        // parents: a task nothing depends on may take later tasks as its subtasks
        Map<Integer, Integer> subtasks = new HashMap<>();
        for (int p = 0; p < n; p++) {
            String pid = "t" + p;
            boolean sink = deps.stream().noneMatch(d -> d.contains(pid));
            if (sink && r.nextInt(6) == 0) {
                for (int c = p + 1; c < n; c++) {
                    if (r.nextInt(3) == 0 && !subtasks.containsKey(c) && !subtasks.containsValue(c)
                            && deps.stream().noneMatch(d -> d.contains(pid))) {
                        subtasks.put(c, p);
                    }
                }
            }
        }
        Map<Integer, Integer> count = new HashMap<>();
        subtasks.forEach((c, p) -> count.merge(p, 1, Integer::sum));
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            T b = builders.get(i);
            if (subtasks.containsKey(i)) {
                b.subtaskOf("t" + subtasks.get(i));
            }
            if (count.containsKey(i) && !subtasks.containsKey(i)) {
                b.parentOf(count.get(i));
            }
            out.add(b.build());
        }
        return out;
    }

    /** Longest chains by recursion; predecessors = unfinished dependencies and, for a parent, its subtasks. */
    static final class Oracle {
        final Map<TaskId, Task> byId = new HashMap<>();
        final List<Task> all;
        private final Map<TaskId, Double> heads = new HashMap<>();
        private final Map<TaskId, Double> tails = new HashMap<>();

        Oracle(List<Task> tasks) {
            all = tasks;
            tasks.forEach(t -> byId.put(t.id(), t));
        }

        boolean scheduled(Task t) {
            return t.status() != TaskStatus.DONE;
        }

        double hours(Task t) {
            if (!scheduled(t) || t.isParent()) {
                return 0;
            }
            double e = t.estimatedHours() == null || t.estimatedHours() <= 0 ? 1 : t.estimatedHours();
            boolean partly = t.status() == TaskStatus.IN_PROGRESS || t.status() == TaskStatus.BLOCKED;
            return partly ? e * (100 - t.progress()) / 100.0 : e;
        }

        List<Task> preds(Task t) {
            List<Task> out = new ArrayList<>();
            t.dependencies().forEach(d -> out.add(byId.get(d)));
            all.stream().filter(x -> t.id().equals(x.parentId())).forEach(out::add);
            return out;
        }

        List<Task> succs(Task t) {
            List<Task> out = new ArrayList<>();
            all.stream().filter(x -> x.dependencies().contains(t.id())).forEach(out::add);
            if (t.parentId() != null) {
                out.add(byId.get(t.parentId()));
            }
            return out;
        }

        /** Longest chain of remaining work ending with t (its hours included). */
        double head(Task t) {
            Double known = heads.get(t.id());
            if (known == null) {
                known = hours(t) + preds(t).stream().filter(this::scheduled).mapToDouble(this::head).max().orElse(0);
                heads.put(t.id(), known);
            }
            return known;
        }

        /** Longest chain of remaining work starting with t. */
        double tail(Task t) {
            Double known = tails.get(t.id());
            if (known == null) {
                known = hours(t) + succs(t).stream().filter(this::scheduled).mapToDouble(this::tail).max().orElse(0);
                tails.put(t.id(), known);
            }
            return known;
        }

        /** Whether b follows a directly, or through tasks that take no time. */
        boolean reachesThroughZeroHours(Task a, Task b) {
            for (Task s : succs(a)) {
                if (s == b || (scheduled(s) && hours(s) == 0 && reachesThroughZeroHours(s, b))) {
                    return true;
                }
            }
            return false;
        }
    }
}
