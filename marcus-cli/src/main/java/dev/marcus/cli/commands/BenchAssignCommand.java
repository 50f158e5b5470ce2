package dev.marcus.cli.commands;

import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code marcus bench assign}: agents in threads looping request_next_task → completed through the core services on
 * the configured store. With {@code --ceiling} (PostgreSQL), also a bare SKIP LOCKED claim + complete loop on the
 * same tables, the most any claim path could do on this database.
 */
@Command(name = "assign", mixinStandardHelpOptions = true, description = {
    "Agents loop request → complete through the core services on the configured store; prints cycles/s,",
    "p50/p99 claim latency and a check that no task was handed out twice. --ceiling: also a bare SKIP LOCKED loop.",
    "Refuses a store that holds real projects unless --force: point MARCUS_HOME or DATABASE_URL at a scratch store."})
public final class BenchAssignCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--agents", defaultValue = "8", description = "Concurrent agents (default ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of the run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--tasks", defaultValue = "20000", description = "Independent tasks seeded for the run (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--ceiling", description = "Also run the bare SKIP LOCKED claim + complete loop (PostgreSQL only).")
    boolean ceiling;

    @Option(names = "--force", description = "Run even though the store holds real projects (the bench's tasks and agents stay there).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (agents < 1 || agents > 512 || seconds < 1 || seconds > 3600) {
            throw new ValidationException("--agents", "agents must be 1..512 and seconds 1..3600");
        }
        PrintWriter out = spec.commandLine().getOut();
        // a connection per agent thread, plus the event bus and relay (PostgreSQL; SQLite keeps its own pool); the
        // ceiling's workers each hold a connection for the whole run
        MarcusGraph graph = bench.root.open(Map.of("database.pool_size", Integer.toString(Math.max(10, agents + 4))));
        try {
            BenchSupport.refuseRealProjects(graph.projects().list(), graph.storage().describe(), force);
            ProjectId project = new ProjectId(BenchSupport.BENCH_PREFIX + "assign-" + System.currentTimeMillis());
            BenchData.seed(graph.storage(), project, tasks, false, 0, Instant.now());
            long firstEvent = graph.storage().lastEventId();
            for (int a = 0; a < agents; a++) {
                graph.agents().register(project + "-a" + a, "Agent " + a, "developer", List.of("backend"), project.value());
            }
            long[][] latencies = new long[agents][];
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(agents);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int a = 0; a < agents; a++) {
                int index = a;
                String agent = project + "-a" + a;
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    start.await();
                    while (System.nanoTime() < deadline) {
                        long t = System.nanoTime();
                        AssignmentService.NextTask next = graph.assignments().requestNextTask(agent, 0);
                        long took = System.nanoTime() - t;
                        if (!(next instanceof AssignmentService.Assigned got)) {
                            break;
                        }
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = took;
                        graph.progress().report(new ProgressService.Report(agent, got.task().id().value(), "completed",
                                100, "done", null, null, got.task().leaseEpoch()));
                    }
                    latencies[index] = Arrays.copyOf(lat, n);
                    return n;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            int cycles = 0;
            for (Future<Integer> f : futures) {
                cycles += f.get();
            }
            double elapsed = (System.nanoTime() - began) / 1e9;
            pool.shutdown();
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            Map<String, Integer> assigned = new HashMap<>();
            for (long after = firstEvent; ; ) {
                List<Event> page = graph.storage().eventsAfter(after, project, 10_000);
                if (page.isEmpty()) {
                    break;
                }
                for (Event e : page) {
                    if (e.type() == EventType.TASK_ASSIGNED) {
                        assigned.merge(e.taskId().value(), 1, Integer::sum);
                    }
                }
                after = page.get(page.size() - 1).id();
            }
            long twice = assigned.values().stream().filter(v -> v > 1).count();
            out.printf("bench assign on %s: %d agents, %d s%n", graph.storage().describe(), agents, seconds);
            out.printf("  %,d cycles, %.0f cycles/s, claim latency p50 %.2f ms, p99 %.2f ms%n", cycles, cycles / elapsed,
                    pct(all, 0.50), pct(all, 0.99));
            out.printf("  handed out twice: %d of %,d tasks assigned %s%n", twice, assigned.size(), twice == 0 ? "(ok)" : "(FAILED)");
            if (ceiling) {
                if (!(graph.storage() instanceof PostgresStorageBackend pg)) {
                    out.println("  ceiling: only measured on PostgreSQL");
                } else {
                    ProjectId bare = new ProjectId(project + "-bare");
                    BenchData.seed(graph.storage(), bare, tasks, false, 0, Instant.now());
                    double rate = ceiling(pg, bare, agents, seconds);
                    out.printf("  ceiling (bare SKIP LOCKED claim + complete, same tables): %.0f cycles/s; Marcus reaches %.0f%%%n",
                            rate, 100 * (cycles / elapsed) / rate);
                }
            }
            return twice == 0 ? 0 : 1;
        } finally {
            graph.shutdown();
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }

    /** Each worker: claim the first ready row with SKIP LOCKED and commit, then mark it done and commit. */
    private static double ceiling(PostgresStorageBackend pg, ProjectId project, int workers, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Integer>> futures = new ArrayList<>();
        long began = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            String worker = project + "-bare-" + w;
            futures.add(pool.submit(() -> {
                int n = 0;
                try (Connection c = pg.dataSource().getConnection();
                     PreparedStatement claim = c.prepareStatement("UPDATE tasks SET status = 'in_progress', assignee = ?, "
                             + "lease_epoch = lease_epoch + 1 WHERE id = (SELECT id FROM tasks WHERE project_id = ? "
                             + "AND status = 'todo' AND assignee IS NULL AND pending_deps = 0 AND subtask_count = 0 "
                             + "ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id");
                     PreparedStatement done = c.prepareStatement("UPDATE tasks SET status = 'done', assignee = NULL, "
                             + "completed_at = ? WHERE id = ?")) {
                    c.setAutoCommit(false);
                    while (System.nanoTime() < deadline) {
                        claim.setString(1, worker);
                        claim.setString(2, project.value());
                        String id;
                        try (ResultSet rs = claim.executeQuery()) {
                            id = rs.next() ? rs.getString(1) : null;
                        }
                        c.commit();
                        if (id == null) {
                            break;
                        }
                        done.setLong(1, System.currentTimeMillis());
                        done.setString(2, id);
                        done.executeUpdate();
                        c.commit();
                        n++;
                    }
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : futures) {
            total += f.get();
        }
        pool.shutdown();
        return total / ((System.nanoTime() - began) / 1e9);
    }
}
