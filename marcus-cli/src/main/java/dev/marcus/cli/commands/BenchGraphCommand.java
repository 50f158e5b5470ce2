package dev.marcus.cli.commands;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.graph.Schedule;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times one full analysis of a large project graph by the core's {@link Schedule} — what the board, the metrics,
 * board health, the agent count and ranking read: forward and backward passes, slack, tail hours, the critical
 * path, peak parallelism, bottlenecks and the recommended agent count. The graph is made in memory (no store): chains
 * of ten with links across chains, a tenth done, some in progress.
 */
@Command(name = "graph", description = {
    "Time one full analysis of a large task graph (critical path, slack, peak parallelism, bottlenecks, agent count).",
    "In memory: no store is read or written."})
public final class BenchGraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", defaultValue = "100000", description = "Tasks in the graph (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--runs", defaultValue = "20", description = "Timed analyses after the warm-up (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        if (tasks < 1 || tasks > 2_000_000) {
            throw new ValidationException("--tasks", "must be between 1 and 2000000");
        }
        if (runs < 1 || runs > 10_000) {
            throw new ValidationException("--runs", "must be between 1 and 10000");
        }
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        List<Task> graph = graph(tasks, new Random(42));
        out.printf("marcus bench graph — %d cores, Java %s; %,d tasks, %,d dependencies made in %.1f s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), graph.size(),
                graph.stream().mapToLong(t -> t.dependencies().size()).sum(), (System.nanoTime() - t0) / 1e9);
        long cold = System.nanoTime();
        Schedule first = Schedule.of(graph);
        Map<String, Object> summary = first.summary();
        double coldMs = (System.nanoTime() - cold) / 1e6;
        for (int i = 0; i < 5; i++) {
            Schedule.of(graph).summary();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            Schedule.of(graph).summary();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        out.printf("one full analysis: first %.1f ms; then p50 %.1f ms, min %.1f ms, max %.1f ms over %d runs%n", coldMs,
                ms[runs / 2], ms[0], ms[runs - 1], runs);
        out.printf("critical path %d tasks, %.2f h; %d bottlenecks; peak parallelism %d; recommended agents %d%n",
                first.criticalPath().size(), first.criticalPathHours(), first.bottlenecks().size(),
                first.peakParallelism(), first.recommendedAgents());
        out.flush();
        return summary.isEmpty() ? 1 : 0;
    }

    /** Chains of ten; every fifth task also waits for a task of an earlier chain; a tenth done, 2 % in progress. */
    static List<Task> graph(int n, Random r) {
        ProjectId project = new ProjectId("proj-bench");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<Task> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<TaskId> deps = new ArrayList<>(2);
            if (i % 10 != 0) {
                deps.add(id(i - 1));
            }
            if (i % 5 == 0 && i >= 10) {
                deps.add(id(r.nextInt(i - (i % 10))));
            }
            TaskStatus status = i < n / 10 ? TaskStatus.DONE : r.nextInt(50) == 0 ? TaskStatus.IN_PROGRESS : TaskStatus.TODO;
            Double hours = r.nextInt(5) == 0 ? null : (double) (1 + r.nextInt(8));
            out.add(new Task(id(i), project, "Task " + i, "", status, Priority.MEDIUM, List.of(), deps, hours, List.of(),
                    null, null, 0, null, null, status == TaskStatus.IN_PROGRESS ? r.nextInt(100) : 0, "", null, null, i, 0,
                    0, 0, now, now, null));
        }
        return out;
    }

    private static TaskId id(int i) {
        return new TaskId("task-" + i);
    }
}
