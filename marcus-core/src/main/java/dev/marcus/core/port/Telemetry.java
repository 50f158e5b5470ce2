package dev.marcus.core.port;

import java.time.Duration;

/**
 * What the core reports as it works, for a metrics adapter (Prometheus through Micrometer in {@code marcus serve}).
 * Counted in the process that did the work, so that summing over replicas counts each thing once. Every method must
 * be cheap and must not throw; {@link #NONE} ignores everything.
 */
public interface Telemetry {

    /** A task was claimed; {@code took} is the whole {@code request_next_task} attempt that claimed it. */
    default void claimed(Duration took) {
    }

    /** A request for work found nothing; {@code reason} is one of the few {@code NoTask} reasons. */
    default void noTask(String reason) {
    }

    /** This process's lease sweep took back {@code count} tasks. */
    default void leasesRecovered(int count) {
    }

    /** A job attempt ended. {@code kind} is one of the few registered job kinds. */
    default void jobFinished(String kind, boolean ok, Duration took) {
    }

    Telemetry NONE = new Telemetry() {
    };
}
