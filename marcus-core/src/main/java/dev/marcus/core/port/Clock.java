package dev.marcus.core.port;

import java.time.Instant;

/** The time, injected so that tests can move it. */
@FunctionalInterface
public interface Clock {
    Instant now();

    /** The system clock at millisecond precision (what stores keep). */
    static Clock system() {
        return () -> Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
