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
            case TEAM, SCALE, ENTERPRISE -> throw new ConfigException("profile: '"
                    + config.profile().name().toLowerCase(java.util.Locale.ROOT)
                    + "' needs PostgreSQL storage, which this build does not include yet; use profile=solo");
        };
    }
}
