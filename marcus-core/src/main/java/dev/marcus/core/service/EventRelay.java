package dev.marcus.core.service;

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
 */
@Singleton
public final class EventRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    private static final int BATCH = 500;

    private final StorageBackend storage;
    private final EventBus bus;
    private final java.util.concurrent.locks.ReentrantLock reading = new java.util.concurrent.locks.ReentrantLock();
    /** Reads begun and finished (under {@link #reading}), numbered in order. */
    private final java.util.concurrent.atomic.AtomicLong readsStarted = new java.util.concurrent.atomic.AtomicLong();
    private long readsDone;
    private long lastSeen;
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
            while (true) {
                List<Event> events = storage.eventsAfter(lastSeen, null, BATCH);
                for (Event e : events) {
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

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
