package dev.marcus.core.testkit;

import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.OperationsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link OperationsStore} that answers fixed readings and counts how often it was asked; no roll-ups. */
public final class FixedOperationsStore implements OperationsStore {
    private final Readings readings;
    private final AtomicInteger reads = new AtomicInteger();

    public FixedOperationsStore(Readings readings) {
        this.readings = readings;
    }

    /** How many times {@link #readings} was called. */
    public int reads() {
        return reads.get();
    }

    @Override
    public Readings readings(Instant now, Duration silentAfter) {
        reads.incrementAndGet();
        return readings;
    }

    @Override
    public long rollUp(long afterId, int limit, Instant now) {
        return afterId;
    }

    @Override
    public List<Rollup> rollups(ProjectId project, int days) {
        return List.of();
    }

    @Override
    public int deleteEventsThrough(long lastId, Instant cutoff) {
        return 0;
    }
}
