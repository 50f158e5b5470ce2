package dev.marcus.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Redis dies in the middle of a load of tool calls from several agents and comes back: no call fails, and once Redis
 * answers again the cache uses it again (its hit counters grow).
 *
 * <p>Two cores stand for two {@code marcus} processes: they share one store and one Redis (a {@link ThrowawayRedis}
 * of this test's own, so that killing it touches nobody else), and each has its own tiered cache and Redis bus. Six
 * agents, three per process, loop over the calls an agent makes: request_next_task, report_task_progress (in
 * progress, then completed), get_project_status and list_registered_agents.
 */
class RedisOutageUnderLoadIT {
    private static final int AGENTS = 6;

    @Test
    void redisKilledUnderLoad_noCallFails_andTheCacheUsesRedisAgainWhenItIsBack() throws Exception {
        try (ThrowawayRedis server = ThrowawayRedis.start()) {
            RedisSettings settings = RedisSettings.of(server.url(), "outage-load");
            InMemoryStorageBackend store = new InMemoryStorageBackend();
            TieredCacheBackend cacheA = tiered(settings);
            TieredCacheBackend cacheB = tiered(settings);
            try (RedisEventBus busA = new RedisEventBus(settings);
                 RedisEventBus busB = new RedisEventBus(settings);
                 MarcusCore a = MarcusCore.builder(store).eventBus(busA).cache(cacheA).build()
                         .startBackground(Duration.ofMillis(250));
                 MarcusCore b = MarcusCore.builder(store).eventBus(busB).cache(cacheB).build()
                         .startBackground(Duration.ofMillis(250));
                 cacheA; cacheB) {
                StringBuilder outline = new StringBuilder("# Load\n");
                for (int i = 0; i < 1_000; i++) {
                    outline.append("- Task ").append(i).append('\n');
                }
                String project = a.projects().create("Load", outline.toString(), ProjectService.CreateOptions.NONE)
                        .project().id().value();
                List<MarcusCore> processes = List.of(a, b);
                for (int i = 0; i < AGENTS; i++) {
                    processes.get(i % 2).agents().register("agent-" + i, "Agent " + i, "dev", List.of(), project);
                }

                AtomicLong calls = new AtomicLong();
                Map<String, Throwable> failures = new ConcurrentHashMap<>();
                AtomicReference<String> phase = new AtomicReference<>("before");
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
                List<Future<?>> agents = new ArrayList<>();
                java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
                for (int i = 0; i < AGENTS; i++) {
                    MarcusCore core = processes.get(i % 2);
                    String agent = "agent-" + i;
                    agents.add(pool.submit(() -> {
                        while (!stop.get() && System.nanoTime() < end) {
                            try {
                                var next = core.assignments().requestNextTask(agent, 0);
                                if (!(next instanceof AssignmentService.Assigned)) {
                                    // the 1,000 tasks can be finished before the outage: keep events (and with
                                    // them cross-process invalidations, and so Redis reads) flowing anyway
                                    core.projects().select(project, null);
                                }
                                core.projects().status(project);
                                core.agents().list(project);
                                calls.addAndGet(3);
                                if (next instanceof AssignmentService.Assigned assigned) {
                                    String task = assigned.task().id().value();
                                    core.progress().report(new ProgressService.Report(agent, task, "in_progress", 50,
                                            "half way", null, null, null));
                                    core.projects().status(project);
                                    core.progress().report(new ProgressService.Report(agent, task, "completed", 100,
                                            "done", null, null, null));
                                    calls.addAndGet(3);
                                }
                            } catch (Throwable t) {
                                failures.putIfAbsent(phase.get() + " " + agent + " " + t, t);
                            }
                        }
                        return null;
                    }));
                }

                Thread.sleep(1_500);
                long callsBefore = calls.get();
                long redisHitsBefore = cacheA.redisHits() + cacheB.redisHits();
                assertThat(redisHitsBefore).as("the shared cache is used before the outage").isPositive();

                phase.set("during");
                server.kill();
                Thread.sleep(2_000);
                long callsDuring = calls.get() - callsBefore;
                assertThat(cacheA.breaker().timesOpened() + cacheB.breaker().timesOpened()).isPositive();
                long redisHitsDuring = cacheA.redisHits() + cacheB.redisHits();

                phase.set("after");
                server.startAgain();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (cacheA.redisHits() + cacheB.redisHits() <= redisHitsDuring + 10 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                long redisHitsAfter = cacheA.redisHits() + cacheB.redisHits();
                stop.set(true);
                for (Future<?> f : agents) {
                    f.get(30, TimeUnit.SECONDS);
                }
                pool.shutdown();

                System.out.printf("FIGURE outage under load: %d calls by %d agents (%d while Redis was dead), %d failed;"
                                + " Redis cache hits before %d, at the end of the outage %d, after its return %d;"
                                + " breaker opened A %d / B %d times; calls that skipped Redis A %d / B %d%n",
                        calls.get(), AGENTS, callsDuring, failures.size(), redisHitsBefore, redisHitsDuring,
                        redisHitsAfter, cacheA.breaker().timesOpened(), cacheB.breaker().timesOpened(),
                        cacheA.redisSkipped(), cacheB.redisSkipped());
                assertThat(failures).as("failed calls").isEmpty();
                assertThat(callsDuring).as("agents kept working while Redis was dead").isPositive();
                assertThat(redisHitsAfter).as("Redis serves hits again after its return").isGreaterThan(redisHitsDuring + 10);
                assertThat(cacheA.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
                assertThat(cacheB.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
            }
        }
    }

    private static TieredCacheBackend tiered(RedisSettings settings) {
        return new TieredCacheBackend(new InMemoryCacheBackend(10_000), new RedisCacheBackend(settings),
                new CircuitBreaker(2, Duration.ofMillis(250)), Duration.ofSeconds(5));
    }
}
