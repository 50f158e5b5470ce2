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
 * Accounts are what {@code marcus serve} turns on by default here (on 127.0.0.1): on in the team profile, and as
 * {@code MARCUS_ACCOUNTS} says when it is set; completion gates as configured. Background jobs need a job queue (the
 * scale profile), which is not in this build.
 */
public final class DetectedFeatureFlags implements FeatureFlags {
    private final MarcusConfig.Profile profile;
    private final BooleanSupplier realtime;
    private final BooleanSupplier sharedCache;
    private final boolean accounts;
    private final boolean gates;

    public DetectedFeatureFlags(MarcusConfig.Profile profile, BooleanSupplier realtime, BooleanSupplier sharedCache,
                                boolean accounts, boolean gates) {
        this.profile = profile;
        this.realtime = realtime;
        this.sharedCache = sharedCache;
        this.accounts = accounts;
        this.gates = gates;
    }

    /**
     * Whether accounts are on by default for this profile on 127.0.0.1: {@code MARCUS_ACCOUNTS} ({@code on}/{@code off})
     * when set, else on beyond the solo profile. ({@code serve} also turns them on beyond 127.0.0.1.)
     */
    public static boolean accountsByDefault(MarcusConfig.Profile profile, String env) {
        String mode = env == null ? "auto" : env.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case "on" -> true;
            case "off" -> false;
            default -> profile != MarcusConfig.Profile.SOLO;
        };
    }

    @Override
    public boolean isEnabled(Feature feature) {
        return switch (feature) {
            case REALTIME_ACROSS_PROCESSES -> realtime.getAsBoolean();
            case SHARED_CACHE -> sharedCache.getAsBoolean();
            // TODO(jobs): on for profile scale and up once a Redis-backed job queue exists
            case BACKGROUND_JOBS -> false;
            case ACCOUNTS -> accounts;
            case COMPLETION_GATES -> gates;
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
