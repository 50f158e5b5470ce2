package dev.marcus.cli.wiring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes resources in order, logging failures instead of stopping at the first. */
final class Closer {
    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

    private Closer() {
    }

    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", r.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
