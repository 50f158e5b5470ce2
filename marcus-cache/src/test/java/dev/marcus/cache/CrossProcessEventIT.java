package dev.marcus.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.model.EventType;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import java.io.BufferedReader;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real processes: this JVM (process A) runs the core on the Redis bus and completes tasks; a second JVM
 * (process B, {@link EventProbeMain}) only listens on Redis. Every completion must reach B, and the time from the
 * start of the state change in A to the event's arrival in B is printed (wall clock, same machine).
 */
class CrossProcessEventIT {
    @RegisterExtension
    static final RedisTestServer REDIS = new RedisTestServer();
    private static final int CHANGES = 100;

    @Test
    void aCompletionInProcessA_reachesAListenerInProcessB() throws Exception {
        RedisSettings settings = REDIS.freshSettings();
        Process b = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EventProbeMain.class.getName(),
                REDIS.url(), settings.installation(), settings.tenant()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(b.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("READY");
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = out.readLine()) != null) {
                        String[] f = line.split(" ");
                        if (f[0].equals("EVENT")) {
                            arrivals.put(Long.parseLong(f[1]), Long.parseLong(f[3]));
                        }
                    }
                } catch (Exception ignored) {
                    // process B ended
                }
            });
            reader.setDaemon(true);
            reader.start();

            try (RedisEventBus bus = new RedisEventBus(settings);
                 MarcusCore a = MarcusCore.builder(new InMemoryStorageBackend()).eventBus(bus).build()) {
                StringBuilder outline = new StringBuilder("# Work\n");
                for (int i = 0; i < CHANGES; i++) {
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
                for (int i = 0; i < CHANGES; i++) {
                    var task = ((AssignmentService.Assigned) a.assignments().requestNextTask("agent-a", 0)).task();
                    long startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                    a.progress().report(new ProgressService.Report("agent-a", task.id().value(), "completed", 100,
                            "done", null, null, null));
                    long id = completedId.get();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (!arrivals.containsKey(id) && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    assertThat(arrivals).as("completion event %d reached process B", id).containsKey(id);
                    latencies.add(arrivals.get(id) - startMicros);
                }
                Collections.sort(latencies);
                System.out.printf("FIGURE state change in process A -> event in process B over Redis: p50 %.2f ms, p99 %.2f ms,"
                                + " max %.2f ms (%d completions)%n",
                        latencies.get(latencies.size() / 2) / 1000.0,
                        latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1000.0,
                        latencies.get(latencies.size() - 1) / 1000.0, latencies.size());
            }
        } finally {
            b.getOutputStream().close();
            if (!b.waitFor(10, TimeUnit.SECONDS)) {
                b.destroyForcibly();
            }
        }
    }
}
