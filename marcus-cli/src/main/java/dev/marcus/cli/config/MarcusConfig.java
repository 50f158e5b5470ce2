package dev.marcus.cli.config;

import dev.marcus.core.service.LeasePolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The typed configuration of one Marcus process, resolved from defaults, {@code $MARCUS_HOME/config.properties},
 * {@code MARCUS_*} environment variables and command-line flags (later wins). Immutable once loaded.
 *
 * @param home the data directory ({@code MARCUS_HOME}, default {@code ~/.marcus})
 * @param profile which composition to run; only {@code solo} ships in this build
 * @param database the SQLite file of the solo profile
 * @param tools the MCP tool profile: {@code core}, {@code standard} or {@code all}
 * @param eventPoll how often each process reads new events from the store
 * @param redis where Redis is ({@code REDIS_URL} / {@code redis.url}), or {@code null} when it is not configured
 */
public record MarcusConfig(Path home, Profile profile, Path database, String tools, LeasePolicy lease,
                           long cacheMaxEntries, Duration eventPoll, Redis redis) {

    /** Same configuration without Redis. */
    public MarcusConfig(Path home, Profile profile, Path database, String tools, LeasePolicy lease,
                        long cacheMaxEntries, Duration eventPoll) {
        this(home, profile, database, tools, lease, cacheMaxEntries, eventPoll, null);
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
