package dev.marcus.cli.wiring;

import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.port.FeatureFlags;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What is on, asked at the moment of the question: real-time across processes while a cross-process bus is connected,
 * a shared cache while Redis is in the cache's path. So {@code marcus status} tells the truth during a Redis outage.
 * Background jobs need a job queue (scale profile), accounts the team profile's users, completion gates their
 * commands: none of them is in this build, so they are off.
 */
public final class DetectedFeatureFlags implements FeatureFlags {
    private final MarcusConfig.Profile profile;
    private final BooleanSupplier realtime;
    private final BooleanSupplier sharedCache;

    public DetectedFeatureFlags(MarcusConfig.Profile profile, BooleanSupplier realtime, BooleanSupplier sharedCache) {
        this.profile = profile;
        this.realtime = realtime;
        this.sharedCache = sharedCache;
    }

    @Override
    public boolean isEnabled(Feature feature) {
        return switch (feature) {
            case REALTIME_ACROSS_PROCESSES -> realtime.getAsBoolean();
            case SHARED_CACHE -> sharedCache.getAsBoolean();
            // TODO(jobs): on for profile scale and up once a Redis-backed job queue exists
            case BACKGROUND_JOBS -> false;
            case ACCOUNTS, COMPLETION_GATES -> false;
        };
    }

    @Override
    public Map<Feature, Boolean> all() {
        Map<Feature, Boolean> m = new EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) {
            m.put(f, isEnabled(f));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The profile the flags were decided for. */
    public MarcusConfig.Profile profile() {
        return profile;
    }
}
