package dev.marcus.cli.wiring;

import dev.marcus.cli.config.ConfigException;
import dev.marcus.cli.config.MarcusConfig;

/** Builds the component of the configured profile. */
public final class Profiles {
    private Profiles() {
    }

    public static MarcusGraph create(MarcusConfig config) {
        return switch (config.profile()) {
            case SOLO -> DaggerSoloGraph.factory().create(config);
            case TEAM -> DaggerTeamGraph.factory().create(config);
            case SCALE, ENTERPRISE -> throw new ConfigException("profile: '"
                    + config.profile().name().toLowerCase(java.util.Locale.ROOT)
                    + "' is not in this build yet; use profile=team (PostgreSQL) or profile=solo");
        };
    }
}
