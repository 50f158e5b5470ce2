package dev.marcus.cli.config;

import dev.marcus.cache.RedisSettings;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.service.LeasePolicy;
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
 *   <tr><td>profile</td><td>solo (default)</td></tr>
 *   <tr><td>database.path</td><td>SQLite file, default {@code $MARCUS_HOME/marcus.db}</td></tr>
 *   <tr><td>tools</td><td>core | standard (default) | all</td></tr>
 *   <tr><td>lease.initial_seconds, lease.base_seconds, lease.max_seconds</td><td>600, 900, 3600</td></tr>
 *   <tr><td>cache.max_entries</td><td>10000</td></tr>
 *   <tr><td>events.poll_millis</td><td>250</td></tr>
 *   <tr><td>redis.url</td><td>unset (Redis off); also read from {@code REDIS_URL}</td></tr>
 *   <tr><td>redis.prefix</td><td>marcus: the installation's key and channel prefix</td></tr>
 *   <tr><td>redis.timeout_millis</td><td>50: the bound of every Redis call</td></tr>
 * </table>
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "config.properties";
    static final Set<String> KEYS = Set.of("profile", "database.path", "tools", "lease.initial_seconds",
            "lease.base_seconds", "lease.max_seconds", "cache.max_entries", "events.poll_millis", "redis.url", "redis.prefix",
            "redis.timeout_millis");
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
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("cannot read " + file + ": " + e.getMessage());
            }
            for (String key : p.stringPropertyNames()) {
                if (!KEYS.contains(key) && !key.startsWith("x.")) {
                    throw new ConfigException("unknown key '" + key + "' in " + file + "; known keys: " + String.join(", ", sorted()));
                }
                values.put(key, new Source(p.getProperty(key).strip(), file.toString()));
            }
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

        MarcusConfig.Profile profile = enumValue(values, "profile", MarcusConfig.Profile.SOLO);
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
        return new MarcusConfig(home, profile, database, tools, lease, cacheMax, Duration.ofMillis(poll), redis(values));
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
