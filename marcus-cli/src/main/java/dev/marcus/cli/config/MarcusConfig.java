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
 * @param database the SQLite file of the solo profile (also the default source of {@code marcus migrate})
 * @param databaseUrl the PostgreSQL URL of the team profiles ({@code database.url} or {@code DATABASE_URL}), or null
 * @param databaseSchema the PostgreSQL schema to live in ({@code database.schema}, default {@code public})
 * @param tools the MCP tool profile: {@code core}, {@code standard} or {@code all}
 * @param eventPoll how often each process reads new events from the store
 */
public record MarcusConfig(Path home, Profile profile, Path database, String databaseUrl, String databaseSchema,
                           String tools, LeasePolicy lease, long cacheMaxEntries, Duration eventPoll) {

    /** The deployment profiles; each has a Dagger component in {@code dev.marcus.cli.wiring}. */
    public enum Profile {
        SOLO, TEAM, SCALE, ENTERPRISE
    }
}
