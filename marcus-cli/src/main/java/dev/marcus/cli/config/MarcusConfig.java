package dev.marcus.cli.config;

import dev.marcus.core.service.CompletionGate;
import dev.marcus.core.lease.LeasePolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The typed configuration of one Marcus process, resolved from defaults, {@code $MARCUS_HOME/config.properties},
 * {@code MARCUS_*} environment variables and command-line flags (later wins). Immutable once loaded.
 *
 * @param home the data directory ({@code MARCUS_HOME}, default {@code ~/.marcus})
 * @param profile which composition to run; only {@code solo} ships in this build
 * @param database the SQLite file of the solo profile (also the default source of {@code marcus migrate})
 * @param databaseUrl the PostgreSQL URL of the team profiles ({@code database.url} or {@code DATABASE_URL}), or null
 * @param databaseSchema the PostgreSQL schema to live in ({@code database.schema}, default {@code public})
 * @param tools the MCP tool profile: {@code core}, {@code standard} or {@code all}
 * @param eventPoll how often each process reads new events from the store
 * @param redis where Redis is ({@code REDIS_URL} / {@code redis.url}), or {@code null} when it is not configured
 * @param databasePoolSize the most PostgreSQL connections this process opens ({@code database.pool_size})
 * @param ops background jobs, backups, event retention, webhooks and metrics
 */
public record MarcusConfig(Path home, Profile profile, Path database, String databaseUrl, String databaseSchema,
                           String tools, LeasePolicy lease, long cacheMaxEntries, Duration eventPoll, Planning planning,
                           CompletionGate.Settings gates, Redis redis, int databasePoolSize, Operations ops) {
    /** Connections per process by default: a stdio server per agent, so keep each small. */
    public static final int DEFAULT_POOL_SIZE = 10;

    /** Config with the default operations settings. */
    public MarcusConfig(Path home, Profile profile, Path database, String databaseUrl, String databaseSchema,
                        String tools, LeasePolicy lease, long cacheMaxEntries, Duration eventPoll, Planning planning,
                        CompletionGate.Settings gates, Redis redis, int databasePoolSize) {
        this(home, profile, database, databaseUrl, databaseSchema, tools, lease, cacheMaxEntries, eventPoll, planning,
                gates, redis, databasePoolSize, Operations.defaults(home));
    }

    /**
     * What {@code marcus serve} runs in the background and how it reports.
     *
     * @param jobs {@code auto} (the job runner runs where the profile turns background jobs on), {@code on} or
     *     {@code off}; where it does not run, the lease sweeper keeps its own timer
     * @param backupEvery how often the backup job runs; zero for never
     * @param backupKeep how many backups the backup directory keeps
     * @param retention events older than this are archived to compressed JSON Lines and deleted; zero keeps them all
     * @param webhookAttempts attempts per webhook delivery before it is a dead letter
     * @param metricsToken the bearer token {@code /metrics} needs when accounts are on ({@code MARCUS_METRICS_TOKEN})
     * @param metricsPort a separate port serving {@code /metrics} only (0: none)
     */
    public record Operations(String jobs, Duration jobPoll, int jobWorkers, Duration backupEvery, int backupKeep,
                             Path backupDir, Duration retention, Path archiveDir, int webhookAttempts,
                             String metricsToken, int metricsPort) {
        public static Operations defaults(Path home) {
            return new Operations("auto", Duration.ofSeconds(1), 2, Duration.ofHours(24), 7, home.resolve("backups"),
                    Duration.ZERO, home.resolve("archive"), 8, null, 0);
        }

        @Override
        public String toString() {
            return "Operations[jobs=" + jobs + ", backupEvery=" + backupEvery + ", backupKeep=" + backupKeep
                    + ", retention=" + retention + ", metricsToken=" + (metricsToken == null ? "(none)" : "(set)")
                    + ", metricsPort=" + metricsPort + "]";
        }
    }

    /** Config with the default pool size. */
    public MarcusConfig(Path home, Profile profile, Path database, String databaseUrl, String databaseSchema,
                        String tools, LeasePolicy lease, long cacheMaxEntries, Duration eventPoll, Planning planning,
                        CompletionGate.Settings gates, Redis redis) {
        this(home, profile, database, databaseUrl, databaseSchema, tools, lease, cacheMaxEntries, eventPoll, planning,
                gates, redis, DEFAULT_POOL_SIZE);
    }

    /** Config without Redis. */
    public MarcusConfig(Path home, Profile profile, Path database, String databaseUrl, String databaseSchema,
                        String tools, LeasePolicy lease, long cacheMaxEntries, Duration eventPoll, Planning planning,
                        CompletionGate.Settings gates) {
        this(home, profile, database, databaseUrl, databaseSchema, tools, lease, cacheMaxEntries, eventPoll, planning,
                gates, null);
    }

    /** Config without planning or gate settings: the offline planner, rule-based advisor, gate off. */
    public MarcusConfig(Path home, Profile profile, Path database, String databaseUrl, String databaseSchema,
                        String tools, LeasePolicy lease, long cacheMaxEntries, Duration eventPoll) {
        this(home, profile, database, databaseUrl, databaseSchema, tools, lease, cacheMaxEntries, eventPoll,
                Planning.OFFLINE, CompletionGate.Settings.DISABLED);
    }

    /** Solo config without PostgreSQL, planning or gate settings. */
    public MarcusConfig(Path home, Profile profile, Path database, String tools, LeasePolicy lease, long cacheMaxEntries,
                        Duration eventPoll) {
        this(home, profile, database, null, null, tools, lease, cacheMaxEntries, eventPoll);
    }

    /**
     * Which planner and advisor to use. {@code toString()} never shows the key.
     *
     * @param planner {@code offline}, {@code anthropic} or {@code openai}
     * @param llmAdvisor whether blocker suggestions ask the planner's provider (falling back to rules)
     * @param baseUrl the provider URL, or null for its default
     * @param model the model, or null for the default
     */
    public record Planning(String planner, String apiKey, String baseUrl, String model, Duration timeout, int maxAttempts,
                           boolean llmAdvisor) {
        public static final Planning OFFLINE = new Planning("offline", "", null, null, Duration.ofSeconds(60), 3, false);

        @Override
        public String toString() {
            return "Planning[planner=" + planner + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "(none)" : "(set)")
                    + ", baseUrl=" + baseUrl + ", model=" + model + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts
                    + ", llmAdvisor=" + llmAdvisor + "]";
        }
    }

    /**
     * Redis settings: when present, the cache is tiered (memory in front of Redis) and events travel over Redis
     * pub/sub between processes.
     *
     * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://…}
     * @param prefix the installation's key prefix, so several installations can share one Redis
     * @param timeout the bound of every Redis call (tens of milliseconds)
     */
    public record Redis(String url, String prefix, Duration timeout) {
    }

    /** The deployment profiles; each has a Dagger component in {@code dev.marcus.cli.wiring}. */
    public enum Profile {
        SOLO, TEAM, SCALE, ENTERPRISE
    }
}
