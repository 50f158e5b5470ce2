package dev.marcus.cache;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where Redis is and how to use it: the URL ({@code redis://[user:password@]host:port[/db]}, {@code rediss://} for
 * TLS), the namespace that keeps installations and tenants apart in one Redis (every key and channel starts with
 * {@code <installation>:<tenant>:}), the timeout of every command, and the size of the connection pool.
 *
 * @param timeout connect and read timeout of every cache and publish call; tens of milliseconds, so that a dead or
 *                hung Redis costs a call at most this long before the circuit breaker takes Redis out of the path
 */
public record RedisSettings(URI url, String installation, String tenant, Duration timeout, int poolSize) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
    public static final int DEFAULT_POOL_SIZE = 16;

    public RedisSettings {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("redis.url must start with redis:// or rediss://, got '" + redacted(url) + "'");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("redis.url has no host: '" + redacted(url) + "'");
        }
        if (!NAME.matcher(installation).matches()) {
            throw new IllegalArgumentException("redis.prefix must be 1-64 letters, digits, '_', '.' or '-', got '" + installation + "'");
        }
        if (!NAME.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant must be 1-64 letters, digits, '_', '.' or '-', got '" + tenant + "'");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > 60_000) {
            throw new IllegalArgumentException("redis.timeout_millis must be between 1 and 60000, got " + timeout.toMillis());
        }
        if (poolSize < 1 || poolSize > 1024) {
            throw new IllegalArgumentException("redis pool size must be between 1 and 1024, got " + poolSize);
        }
    }

    /** Settings for the default tenant with the default timeout and pool. */
    public static RedisSettings of(String url, String installation) {
        return new RedisSettings(URI.create(url.strip()), installation, "default", DEFAULT_TIMEOUT, DEFAULT_POOL_SIZE);
    }

    public RedisSettings withTenant(String t) {
        return new RedisSettings(url, installation, t, timeout, poolSize);
    }

    public RedisSettings withTimeout(Duration t) {
        return new RedisSettings(url, installation, tenant, t, poolSize);
    }

    /** Prefix of every key and channel of this installation and tenant. */
    public String namespace() {
        return installation + ":" + tenant + ":";
    }

    /** The URL without its password, for status lines and logs. */
    public String describe() {
        return redacted(url);
    }

    static String redacted(URI u) {
        String s = u.toString();
        return u.getUserInfo() == null ? s : s.replace(u.getUserInfo() + "@", u.getUserInfo().contains(":") ? "***@" : u.getUserInfo() + "@");
    }
}
