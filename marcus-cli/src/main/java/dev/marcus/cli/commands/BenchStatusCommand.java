package dev.marcus.cli.commands;

import dev.marcus.cache.InMemoryCacheBackend;
import dev.marcus.cache.RedisCacheBackend;
import dev.marcus.cache.RedisSettings;
import dev.marcus.cache.TieredCacheBackend;
import dev.marcus.core.MarcusCore;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Ids;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Seeds one large project into a scratch SQLite file and times {@code get_project_status} (the core's
 * {@code ProjectService.status}) uncached, cached in memory, cached in Redis, and tiered (memory in front of Redis).
 * Each cached variant is read once to fill the cache, then timed; the uncached one computes every time.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
    "Time get_project_status on a large project (scratch SQLite file): uncached, memory-cached, Redis-cached, tiered.",
    "Redis lines need --redis-url or REDIS_URL."})
public final class BenchStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", defaultValue = "100000", description = "Tasks in the project (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--reads", defaultValue = "2000", description = "Timed calls per variant (default ${DEFAULT-VALUE}; uncached: at most 200).")
    int reads;

    @Option(names = "--redis-url", paramLabel = "URL", description = "Redis to time (default: $REDIS_URL; without it the Redis lines are skipped).")
    String redisUrl;

    @Override
    public Integer call() throws Exception {
        if (tasks < 1 || tasks > 1_000_000) {
            throw new ValidationException("--tasks", "must be between 1 and 1000000");
        }
        if (reads < 10 || reads > 1_000_000) {
            throw new ValidationException("--reads", "must be between 10 and 1000000");
        }
        if (redisUrl == null) {
            redisUrl = System.getenv("REDIS_URL");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (BenchSupport.Scratch scratch = BenchSupport.scratch("marcus-bench-status");
             StorageBackend storage = SqliteStorageBackend.open(scratch.dir().resolve("marcus.db"))) {
            Path home = scratch.dir();
            long t0 = System.nanoTime();
            String project = seed(storage);
            out.printf("marcus bench status — %d cores, Java %s; seeded %,d tasks in %.1f s (SQLite %s)%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), tasks,
                    (System.nanoTime() - t0) / 1e9, home.resolve("marcus.db"));
            out.flush();

            time(out, "uncached", storage, CacheBackend.none(), project, Math.min(reads, 200));
            time(out, "memory-cached", storage, new InMemoryCacheBackend(10_000), project, reads);
            if (redisUrl == null || redisUrl.isBlank()) {
                out.println("redis-cached: skipped (pass --redis-url or set REDIS_URL)");
                return 0;
            }
            RedisSettings settings = RedisSettings.of(redisUrl, "bench-" + Long.toHexString(System.nanoTime()));
            try (RedisCacheBackend redis = new RedisCacheBackend(settings)) {
                time(out, "redis-cached", storage, redis, project, reads);
                redis.invalidatePrefix("");
            }
            try (TieredCacheBackend tiered = new TieredCacheBackend(settings.withTenant("tiered"), 10_000)) {
                tiered.awaitReady(java.time.Duration.ofSeconds(2));
                time(out, "tiered (memory in front of redis)", storage, tiered, project, reads);
                tiered.invalidatePrefix("");
            }
        }
        return 0;
    }

    private void time(PrintWriter out, String name, StorageBackend storage, CacheBackend cache, String project, int n) {
        try (MarcusCore core = MarcusCore.builder(storage).cache(cache).build()) {
            for (int i = 0; i < Math.min(20, n); i++) {
                core.projects().status(project); // warm-up (and fill the cache)
            }
            long[] micros = new long[n];
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                core.projects().status(project);
                micros[i] = (System.nanoTime() - s) / 1_000;
            }
            Arrays.sort(micros);
            out.printf("%-36s p50 %9.3f ms   p99 %9.3f ms   (%d calls; cache %s, hits %d, misses %d)%n", name + ":",
                    micros[n / 2] / 1000.0, micros[(int) Math.ceil(n * 0.99) - 1] / 1000.0, n, cache.describe(),
                    cache.stats().hits(), cache.stats().misses());
            out.flush();
        }
    }

    /** Chains of ten (each task after the previous one), so the counts mix every status a board would show. */
    private String seed(StorageBackend storage) {
        List<NewTask> batch = new ArrayList<>(tasks);
        TaskId previous = null;
        for (int i = 0; i < tasks; i++) {
            TaskId id = new TaskId(Ids.random("task"));
            batch.add(new NewTask(id, "Task " + i, "", Priority.values()[i % Priority.values().length],
                    List.of("bench"), i % 10 == 0 || previous == null ? List.of() : List.of(previous), List.of(), null,
                    List.of(), null));
            previous = id;
        }
        // in slices: one statement per slice keeps SQLite under its statement size limit
        ProjectId id = new ProjectId(Ids.random("proj"));
        int slice = 2_000;
        storage.createProject(new NewProject(id, "Bench status", "bench", null),
                batch.subList(0, Math.min(slice, batch.size())), Instant.now());
        for (int from = slice; from < batch.size(); from += slice) {
            storage.addTasks(id, batch.subList(from, Math.min(from + slice, batch.size())), (existing, added) -> { },
                    Instant.now());
        }
        return id.value();
    }
}
