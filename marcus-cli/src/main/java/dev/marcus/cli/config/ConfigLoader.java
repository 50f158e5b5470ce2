package dev.marcus.cli.config;

import dev.marcus.cache.RedisSettings;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.lease.LeasePolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Loads {@link MarcusConfig}. Every key {@code a.b_c} of {@code config.properties} can be overridden by the
 * environment variable {@code MARCUS_A_B_C}, and flags override both.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><td>profile</td><td>solo, or team when a PostgreSQL URL is configured</td></tr>
 *   <tr><td>database.path</td><td>SQLite file, default {@code $MARCUS_HOME/marcus.db}</td></tr>
 *   <tr><td>database.url</td><td>PostgreSQL URL (also {@code DATABASE_URL}): {@code postgres://user:pass@host:5432/db}
 *   or {@code jdbc:postgresql://…}</td></tr>
 *   <tr><td>database.schema</td><td>PostgreSQL schema, default {@code public}</td></tr>
 *   <tr><td>database.pool_size</td><td>most PostgreSQL connections per process, default 10</td></tr>
 *   <tr><td>tools</td><td>core | standard (default) | all</td></tr>
 *   <tr><td>lease.initial_seconds, lease.base_seconds, lease.max_seconds</td><td>600, 900, 3600</td></tr>
 *   <tr><td>cache.max_entries</td><td>10000</td></tr>
 *   <tr><td>events.poll_millis</td><td>250</td></tr>
 *   <tr><td>planner</td><td>offline (default) | anthropic | openai; keys from {@code ANTHROPIC_API_KEY} / {@code OPENAI_API_KEY}</td></tr>
 *   <tr><td>planner.base_url, planner.model</td><td>provider defaults</td></tr>
 *   <tr><td>planner.timeout_seconds, planner.max_attempts</td><td>60, 3</td></tr>
 *   <tr><td>advisor</td><td>rules (default) | llm (the planner's provider, falling back to rules)</td></tr>
 *   <tr><td>gates.enabled, gates.timeout_seconds, gates.shell</td><td>false, 300, none (e.g. {@code /bin/sh -c})</td></tr>
 *   <tr><td>redis.url</td><td>unset (Redis off); also read from {@code REDIS_URL}</td></tr>
 *   <tr><td>redis.prefix</td><td>marcus: the installation's key and channel prefix</td></tr>
 *   <tr><td>redis.timeout_millis</td><td>50: the bound of every Redis call</td></tr>
 *   <tr><td>jobs</td><td>auto (default) | on | off: the background job runner of {@code serve}</td></tr>
 *   <tr><td>jobs.poll_millis, jobs.workers</td><td>1000, 2</td></tr>
 *   <tr><td>backup.interval_hours, backup.keep, backup.dir</td><td>24 (0: no scheduled backups), 7,
 *   {@code $MARCUS_HOME/backups}</td></tr>
 *   <tr><td>events.retention_days, events.archive_dir</td><td>0 (keep every event), {@code $MARCUS_HOME/archive}</td></tr>
 *   <tr><td>webhooks.max_attempts</td><td>8</td></tr>
 *   <tr><td>metrics.token, metrics.port</td><td>unset: with accounts on, {@code /metrics} needs this bearer token or
 *   a separate port</td></tr>
 * </table>
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "config.properties";
    static final Set<String> KEYS = Set.of("profile", "database.path", "database.url", "database.schema", "tools",
            "lease.initial_seconds", "lease.base_seconds", "lease.max_seconds", "cache.max_entries", "events.poll_millis",
            "planner", "planner.base_url", "planner.model", "planner.timeout_seconds", "planner.max_attempts", "advisor",
            "gates.enabled", "gates.timeout_seconds", "gates.shell", "redis.url", "redis.prefix", "redis.timeout_millis",
            "database.pool_size", "jobs", "jobs.poll_millis", "jobs.workers", "backup.interval_hours", "backup.keep",
            "backup.dir", "events.retention_days", "events.archive_dir", "webhooks.max_attempts", "metrics.token",
            "metrics.port");
    /** The conventional variable of hosted Redis offerings; {@code MARCUS_REDIS_URL} wins when both are set. */
    static final String REDIS_URL_ENV = "REDIS_URL";

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** The data directory: the flag, else {@code MARCUS_HOME}, else {@code ~/.marcus}. */
    public Path home(Path flag) {
        if (flag != null) {
            return flag.toAbsolutePath().normalize();
        }
        String fromEnv = env.get("MARCUS_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".marcus");
    }

    /**
     * @param homeFlag {@code --home}, or null
     * @param overrides values from flags, by key
     */
    public MarcusConfig load(Path homeFlag, Map<String, String> overrides) {
        Path home = home(homeFlag);
        Map<String, Source> values = new LinkedHashMap<>();
        Path file = home.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            Properties p = readFile(home);
            for (String key : p.stringPropertyNames()) {
                if (!KEYS.contains(key) && !key.startsWith("x.")) {
                    throw new ConfigException("unknown key '" + key + "' in " + file + "; known keys: " + String.join(", ", sorted()));
                }
                values.put(key, new Source(p.getProperty(key).strip(), file.toString()));
            }
        }
        String databaseUrlVar = env.get("DATABASE_URL");
        if (databaseUrlVar != null && !databaseUrlVar.isBlank()) {
            values.put("database.url", new Source(databaseUrlVar.strip(), "environment variable DATABASE_URL"));
        }
        String redisUrl = env.get(REDIS_URL_ENV);
        if (redisUrl != null && !redisUrl.isBlank()) {
            values.put("redis.url", new Source(redisUrl.strip(), "environment variable " + REDIS_URL_ENV));
        }
        for (String key : KEYS) {
            String var = envName(key);
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                values.put(key, new Source(v.strip(), "environment variable " + var));
            }
        }
        overrides.forEach((k, v) -> {
            if (v != null) {
                values.put(k, new Source(v, "command-line flag"));
            }
        });

        String url = values.containsKey("database.url") ? values.get("database.url").value() : null;
        MarcusConfig.Profile profile = enumValue(values, "profile",
                url != null ? MarcusConfig.Profile.TEAM : MarcusConfig.Profile.SOLO);
        if (profile != MarcusConfig.Profile.SOLO && url == null) {
            throw new ConfigException("profile: '" + profile.name().toLowerCase(Locale.ROOT) + "' (from "
                    + values.get("profile").from() + ") needs PostgreSQL: set DATABASE_URL or database.url in "
                    + file + ", or run `marcus upgrade --team --to URL`");
        }
        String schema = values.containsKey("database.schema") ? values.get("database.schema").value() : "public";
        Path database = values.containsKey("database.path")
                ? home.resolve(values.get("database.path").value()).normalize()
                : home.resolve("marcus.db");
        String tools = values.containsKey("tools") ? values.get("tools").value().toLowerCase(Locale.ROOT) : "standard";
        if (!Set.of("core", "standard", "all").contains(tools)) {
            throw new ConfigException("tools: '" + tools + "' (from " + values.get("tools").from() + ") is not one of core, standard, all");
        }
        LeasePolicy lease;
        try {
            lease = LeasePolicy.ofSeconds(
                    longValue(values, "lease.initial_seconds", 600, 1, 86_400),
                    longValue(values, "lease.base_seconds", 900, 1, 86_400),
                    longValue(values, "lease.max_seconds", 3600, 1, 7 * 86_400));
        } catch (ValidationException e) {
            throw new ConfigException(e.getMessage());
        }
        long cacheMax = longValue(values, "cache.max_entries", 10_000, 1, 10_000_000);
        long poll = longValue(values, "events.poll_millis", 250, 10, 60_000);
        int pool = (int) longValue(values, "database.pool_size", MarcusConfig.DEFAULT_POOL_SIZE, 1, 1_000);
        return new MarcusConfig(home, profile, database, url, schema, tools, lease, cacheMax, Duration.ofMillis(poll),
                planning(values), gates(values), redis(values), pool, operations(values, home));
    }

    private static MarcusConfig.Operations operations(Map<String, Source> values, Path home) {
        String jobs = values.containsKey("jobs") ? values.get("jobs").value().toLowerCase(Locale.ROOT) : "auto";
        if (!Set.of("auto", "on", "off").contains(jobs)) {
            throw new ConfigException("jobs: '" + jobs + "' (from " + values.get("jobs").from() + ") is not one of auto, on, off");
        }
        Path backups = values.containsKey("backup.dir") ? home.resolve(values.get("backup.dir").value()).normalize()
                : home.resolve("backups");
        Path archive = values.containsKey("events.archive_dir")
                ? home.resolve(values.get("events.archive_dir").value()).normalize() : home.resolve("archive");
        String token = values.containsKey("metrics.token") ? values.get("metrics.token").value() : null;
        if (token != null && token.length() < 16) {
            throw new ConfigException("metrics.token: must be at least 16 characters (from " + values.get("metrics.token").from()
                    + "); make one with `openssl rand -hex 24`");
        }
        return new MarcusConfig.Operations(jobs,
                Duration.ofMillis(longValue(values, "jobs.poll_millis", 1000, 50, 60_000)),
                (int) longValue(values, "jobs.workers", 2, 1, 32),
                Duration.ofHours(longValue(values, "backup.interval_hours", 24, 0, 24 * 365)),
                (int) longValue(values, "backup.keep", 7, 1, 1000), backups,
                Duration.ofDays(longValue(values, "events.retention_days", 0, 0, 36_500)), archive,
                (int) longValue(values, "webhooks.max_attempts", 8, 1, 50), token,
                (int) longValue(values, "metrics.port", 0, 0, 65_535));
    }

    private MarcusConfig.Planning planning(Map<String, Source> values) {
        String planner = values.containsKey("planner") ? values.get("planner").value().toLowerCase(Locale.ROOT) : "offline";
        if (!Set.of("offline", "anthropic", "openai").contains(planner)) {
            throw new ConfigException("planner: '" + planner + "' (from " + values.get("planner").from()
                    + ") is not one of offline, anthropic, openai");
        }
        String keyVar = "anthropic".equals(planner) ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
        String key = "offline".equals(planner) ? "" : env.getOrDefault(keyVar, "").strip();
        if ("anthropic".equals(planner) && key.isEmpty()) {
            throw new ConfigException("planner: anthropic needs the environment variable ANTHROPIC_API_KEY");
        }
        String baseUrl = values.containsKey("planner.base_url") ? values.get("planner.base_url").value() : null;
        if (baseUrl != null) {
            try {
                java.net.URI u = java.net.URI.create(baseUrl);
                if (!Set.of("http", "https").contains(String.valueOf(u.getScheme())) || u.getHost() == null) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException("planner.base_url: '" + baseUrl + "' (from " + values.get("planner.base_url").from()
                        + ") is not an http(s) URL");
            }
        }
        if ("openai".equals(planner) && key.isEmpty() && baseUrl == null) {
            throw new ConfigException("planner: openai needs OPENAI_API_KEY, or MARCUS_PLANNER_BASE_URL for a local server");
        }
        String model = values.containsKey("planner.model") ? values.get("planner.model").value() : null;
        long timeout = longValue(values, "planner.timeout_seconds", 60, 1, 600);
        long attempts = longValue(values, "planner.max_attempts", 3, 1, 10);
        String advisor = values.containsKey("advisor") ? values.get("advisor").value().toLowerCase(Locale.ROOT) : "rules";
        if (!Set.of("rules", "llm").contains(advisor)) {
            throw new ConfigException("advisor: '" + advisor + "' (from " + values.get("advisor").from() + ") is not one of rules, llm");
        }
        if ("llm".equals(advisor) && "offline".equals(planner)) {
            throw new ConfigException("advisor: llm needs planner set to anthropic or openai");
        }
        return new MarcusConfig.Planning(planner, key, baseUrl, model, Duration.ofSeconds(timeout), (int) attempts,
                "llm".equals(advisor));
    }

    private static dev.marcus.core.service.CompletionGate.Settings gates(Map<String, Source> values) {
        boolean enabled = false;
        Source s = values.get("gates.enabled");
        if (s != null) {
            if (!Set.of("true", "false").contains(s.value().toLowerCase(Locale.ROOT))) {
                throw new ConfigException("gates.enabled: '" + s.value() + "' (from " + s.from() + ") is not true or false");
            }
            enabled = Boolean.parseBoolean(s.value());
        }
        long timeout = longValue(values, "gates.timeout_seconds", 300, 1, 3_600);
        java.util.List<String> shell = values.containsKey("gates.shell")
                ? java.util.List.of(values.get("gates.shell").value().strip().split("\\s+")) : java.util.List.of();
        return new dev.marcus.core.service.CompletionGate.Settings(enabled, Duration.ofSeconds(timeout), shell);
    }

    /** Redis when {@code redis.url} is set, validated now so that a typo fails at start-up with its source named. */
    private static MarcusConfig.Redis redis(Map<String, Source> values) {
        Source url = values.get("redis.url");
        if (url == null || url.value().isBlank()) {
            return null;
        }
        String prefix = values.containsKey("redis.prefix") ? values.get("redis.prefix").value() : "marcus";
        Duration timeout = Duration.ofMillis(longValue(values, "redis.timeout_millis", 50, 1, 60_000));
        try {
            RedisSettings.of(url.value(), prefix).withTimeout(timeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " (from " + url.from() + ")");
        }
        return new MarcusConfig.Redis(url.value(), prefix, timeout);
    }

    /** What {@code $MARCUS_HOME/config.properties} says, unchecked (empty when there is no file). */
    public static Properties readFile(Path home) {
        Path file = home.resolve(FILE_NAME);
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("cannot read " + file + ": " + e.getMessage());
            }
        }
        return p;
    }

    static String envName(String key) {
        return "MARCUS_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static java.util.List<String> sorted() {
        return KEYS.stream().sorted().toList();
    }

    private static long longValue(Map<String, Source> values, String key, long dflt, long min, long max) {
        Source s = values.get(key);
        if (s == null) {
            return dflt;
        }
        try {
            long v = Long.parseLong(s.value());
            if (v < min || v > max) {
                throw new ConfigException(key + ": " + v + " (from " + s.from() + ") must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + s.value() + "' (from " + s.from() + ") is not a whole number");
        }
    }

    private static <E extends Enum<E>> E enumValue(Map<String, Source> values, String key, E dflt) {
        Source s = values.get(key);
        if (s == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(dflt.getDeclaringClass(), s.value().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": '" + s.value() + "' (from " + s.from() + ") is not a known value");
        }
    }

    private record Source(String value, String from) {
    }
}
