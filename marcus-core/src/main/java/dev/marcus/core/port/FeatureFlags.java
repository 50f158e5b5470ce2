package dev.marcus.core.port;

import java.util.Map;

/** What this installation has turned on, decided from profile and detected infrastructure. */
public interface FeatureFlags {

    boolean isEnabled(Feature feature);

    /** Every feature with its state, for {@code marcus status}. */
    Map<Feature, Boolean> all();

    /** The optional capabilities. */
    enum Feature {
        /** Changes made in one process reach listeners in others without polling. */
        REALTIME_ACROSS_PROCESSES,
        /** Processes share one cache. */
        SHARED_CACHE,
        /** A job queue runs background work. */
        BACKGROUND_JOBS,
        /** Users must log in; roles are enforced. */
        ACCOUNTS,
        /** Completion gates run verification commands. */
        COMPLETION_GATES
    }

    /** Flags from a fixed map; features absent from it are off. */
    static FeatureFlags of(Map<Feature, Boolean> values) {
        Map<Feature, Boolean> copy = new java.util.EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) {
            copy.put(f, values.getOrDefault(f, false));
        }
        Map<Feature, Boolean> view = java.util.Collections.unmodifiableMap(copy);
        return new FeatureFlags() {
            @Override
            public boolean isEnabled(Feature feature) {
                return view.get(feature);
            }

            @Override
            public Map<Feature, Boolean> all() {
                return view;
            }
        };
    }
}
