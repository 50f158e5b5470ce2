package dev.marcus.core.event;

import dev.marcus.core.model.Event;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries events from the store's event table to the {@link EventBus}. The table is the truth; the relay tails it
 * (so events written by other processes on the same store arrive too) and services {@link #poke()} it after their
 * own writes for immediate delivery. It remembers the last event id it relayed, so an event that a bus lost on its
 * way between processes still arrives here, one poll interval later: the table is the recovery path.
 *
 * <p>Where writers commit side by side (PostgreSQL), ids are handed out in one order and become visible in another:
 * a transaction that took id 7 may commit after the one that took id 8. The relay notes every id it saw skipped and
 * asks for those again on each read for {@link #GAP_WAIT}; an id still missing after that was rolled back (a refused
 * claim, a retried transaction), never to appear. So no committed event is skipped; a late one is delivered late.
 */
@Singleton
public final class EventRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    private static final int BATCH = 500;
    /** How long an id skipped by the tail is looked for before it counts as rolled back. */
    static final Duration GAP_WAIT = Duration.ofSeconds(5);
    private static final int MAX_GAPS = 10_000;

    private final StorageBackend storage;
    private final EventBus bus;
    private final java.util.concurrent.locks.ReentrantLock reading = new java.util.concurrent.locks.ReentrantLock();
    /** Reads begun and finished (under {@link #reading}), numbered in order. */
    private final java.util.concurrent.atomic.AtomicLong readsStarted = new java.util.concurrent.atomic.AtomicLong();
    private long readsDone;
    private long lastSeen;
    /** Ids below {@link #lastSeen} not seen yet, with when they were first missed ({@link System#nanoTime()}). */
    private final java.util.TreeMap<Long, Long> gaps = new java.util.TreeMap<>();
    private ScheduledExecutorService timer;

    @Inject
    public EventRelay(StorageBackend storage, EventBus bus) {
        this.storage = storage;
        this.bus = bus;
        // from here on every event is relayed, including those of the first write: its listeners (the view cache's
        // invalidation among them) must hear of it before that write's service method returns
        this.lastSeen = storage.lastEventId();
    }

    /** Starts tailing every {@code interval}; events written since this relay was created are relayed. */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "marcus-event-relay");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                poke();
            } catch (RuntimeException e) {
                LOG.warn("event relay could not read events: {}", e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes every event not yet relayed, at least every event written before this call. Callers that arrive while
     * another thread reads share its work: a read that <em>started</em> after a caller arrived covers that caller's
     * events, so it returns without a read of its own. (32 agents each reading in turn spent half their time waiting
     * here.)
     */
    public void poke() {
        long need = readsStarted.get() + 1;
        reading.lock();
        try {
            if (readsDone >= need) {
                return;
            }
            long read = readsStarted.incrementAndGet();
            if (!gaps.isEmpty()) {
                lateArrivals();
            }
            while (true) {
                List<Event> events = storage.eventsAfter(lastSeen, null, BATCH);
                long now = System.nanoTime();
                for (Event e : events) {
                    for (long missing = lastSeen + 1; missing < e.id() && gaps.size() < MAX_GAPS; missing++) {
                        gaps.put(missing, now);
                    }
                    lastSeen = e.id();
                    bus.publish(e);
                }
                if (events.size() < BATCH) {
                    break;
                }
            }
            readsDone = read;
        } finally {
            reading.unlock();
        }
    }

    /** Publishes the skipped events that have committed since, and forgets those missing for too long. */
    private void lateArrivals() {
        for (Event e : storage.eventsWithIds(List.copyOf(gaps.keySet()))) {
            if (gaps.remove(e.id()) != null) {
                bus.publish(e);
            }
        }
        long expired = System.nanoTime() - GAP_WAIT.toNanos();
        gaps.values().removeIf(firstMissed -> firstMissed - expired < 0);
    }

    /** Ids skipped by the tail and still looked for (for tests). */
    int pendingGaps() {
        reading.lock();
        try {
            return gaps.size();
        } finally {
            reading.unlock();
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
