package dev.marcus.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.model.EventType;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness every {@link EventBus} adapter uses to prove that events cross processes: a listening second JVM
 * ({@link #listen}, called from a probe's {@code main}), the parent's handle on it ({@link Probe}), completions timed
 * from the change in this process to their arrival there ({@link #timeCompletions}), and a long-polling
 * {@code request_next_task} in one core woken by a completion in another ({@link #longPollWakes}).
 */
public final class CrossProcessEvents {
    private CrossProcessEvents() {
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /**
     * The second process: prints {@code EVENT id type arrivalMicros} for every event of {@code bus}, {@code READY} once
     * {@code subscribed} says so (or {@code FAILED …}), and returns when standard input closes or after two minutes.
     */
    public static void listen(EventBus bus, java.util.concurrent.Callable<Boolean> subscribed) throws Exception {
        bus.subscribe(e -> {
            long micros = nowMicros();
            synchronized (System.out) {
                System.out.println("EVENT " + e.id() + " " + e.type().wire() + " " + micros);
                System.out.flush();
            }
        });
        if (!Boolean.TRUE.equals(subscribed.call())) {
            System.out.println("FAILED not subscribed");
            return;
        }
        System.out.println("READY");
        System.out.flush();
        Thread stdin = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                while (r.readLine() != null) {
                    // keep reading until the parent closes the pipe
                }
            } catch (IOException ignored) {
                // parent gone
            }
        });
        stdin.setDaemon(true);
        stdin.start();
        stdin.join(Duration.ofMinutes(2).toMillis());
    }

    /** A listening second JVM started on this test's class path, and the arrival times it printed. */
    public static final class Probe implements AutoCloseable {
        private final Process process;
        private final Map<Long, Long> arrivals = new ConcurrentHashMap<>();

        private Probe(Process process) {
            this.process = process;
        }

        /** Starts {@code main} with {@code args} and waits until it says {@code READY}. */
        public static Probe start(Class<?> main, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), main.getName()));
            cmd.addAll(List.of(args));
            Probe probe = new Probe(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            BufferedReader out = new BufferedReader(new InputStreamReader(probe.process.getInputStream(),
                    StandardCharsets.UTF_8));
            try {
                assertThat(out.readLine()).isEqualTo("READY");
            } catch (IOException | AssertionError e) {
                probe.close();
                throw e;
            }
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = out.readLine()) != null) {
                        String[] f = line.split(" ");
                        if (f[0].equals("EVENT")) {
                            probe.arrivals.put(Long.parseLong(f[1]), Long.parseLong(f[3]));
                        }
                    }
                } catch (IOException ignored) {
                    // the probe ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            return probe;
        }

        /** Event id to its arrival in the probe (microseconds since the epoch). */
        public Map<Long, Long> arrivals() {
            return arrivals;
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Sorted latencies in microseconds: change start to arrival in the probe, and the change itself. */
    public record Timings(List<Long> arrival, List<Long> change) {
        public static double p50(List<Long> sorted) {
            return sorted.get(sorted.size() / 2) / 1000.0;
        }

        public static double p99(List<Long> sorted) {
            return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1000.0;
        }

        public static double max(List<Long> sorted) {
            return sorted.get(sorted.size() - 1) / 1000.0;
        }
    }

    /**
     * Completes {@code changes} tasks one by one in core {@code a} (whose bus is {@code bus}) and asserts that every
     * completion event reaches {@code probe} within 5 s.
     */
    public static Timings timeCompletions(MarcusCore a, EventBus bus, Probe probe, int changes) {
        StringBuilder outline = new StringBuilder("# Work\n");
        for (int i = 0; i < changes; i++) {
            outline.append("- Task ").append(i).append('\n');
        }
        String project = a.projects().create("Cross", outline.toString(), ProjectService.CreateOptions.NONE)
                .project().id().value();
        a.agents().register("agent-a", "A", "dev", List.of(), project);
        AtomicLong completedId = new AtomicLong();
        bus.subscribe(e -> {
            if (e.type() == EventType.TASK_COMPLETED) {
                completedId.set(e.id());
            }
        });
        List<Long> latencies = new ArrayList<>();
        List<Long> changeMicros = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            var task = ((AssignmentService.Assigned) a.assignments().requestNextTask("agent-a", 0)).task();
            long startMicros = nowMicros();
            a.progress().report(new ProgressService.Report("agent-a", task.id().value(), "completed", 100,
                    "done", null, null, null));
            changeMicros.add(nowMicros() - startMicros);
            long id = completedId.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!probe.arrivals().containsKey(id) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(probe.arrivals()).as("completion event %d reached process B", id).containsKey(id);
            latencies.add(probe.arrivals().get(id) - startMicros);
        }
        Collections.sort(latencies);
        Collections.sort(changeMicros);
        return new Timings(latencies, changeMicros);
    }

    /**
     * A chain of steps: {@code a} holds the only ready step while {@code b} waits in {@code request_next_task} (30 s);
     * {@code a} completes it. Asserts that {@code b} is woken within a second each round, by the bus rather than its
     * once-a-second re-check (median under 250 ms), and returns the sorted wake times in milliseconds.
     */
    public static List<Long> longPollWakes(MarcusCore a, MarcusCore b) throws Exception {
        StringBuilder outline = new StringBuilder("# Chain\n- Step 0\n");
        int rounds = 7;
        for (int i = 1; i <= rounds; i++) {
            outline.append("- Step ").append(i).append(" (after Step ").append(i - 1).append(")\n");
        }
        String project = a.projects().create("Chain", outline.toString(), ProjectService.CreateOptions.NONE)
                .project().id().value();
        a.agents().register("holder", "Holder", "dev", List.of(), project);
        b.agents().register("waiter", "Waiter", "dev", List.of(), project);

        List<Long> wakeMillis = new ArrayList<>();
        for (int round = 0; round < rounds; round += 2) {
            // A holds the only ready step; B asks and waits for up to 30 s
            var held = ((AssignmentService.Assigned) a.assignments().requestNextTask("holder", 0)).task();
            CompletableFuture<AssignmentService.NextTask> waiting = CompletableFuture.supplyAsync(
                    () -> b.assignments().requestNextTask("waiter", 30));
            Thread.sleep(300); // B is now parked in its wait
            assertThat(waiting).isNotDone();
            long t0 = System.nanoTime();
            a.progress().report(new ProgressService.Report("holder", held.id().value(), "completed", 100, "done",
                    null, null, null));
            AssignmentService.NextTask answer = waiting.get(5, TimeUnit.SECONDS);
            wakeMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            assertThat(answer).isInstanceOf(AssignmentService.Assigned.class);
            var next = ((AssignmentService.Assigned) answer).task();
            b.progress().report(new ProgressService.Report("waiter", next.id().value(), "completed", 100, "done",
                    null, null, null));
        }
        Collections.sort(wakeMillis);
        assertThat(wakeMillis).allSatisfy(ms -> assertThat(ms).isLessThan(1_000));
        // woken by the bus, not by the once-a-second re-check (which would put the median near 500 ms)
        assertThat(wakeMillis.get(wakeMillis.size() / 2)).isLessThan(250);
        return wakeMillis;
    }
}
