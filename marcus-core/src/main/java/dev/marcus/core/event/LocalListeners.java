package dev.marcus.core.event;

import dev.marcus.core.model.Event;
import dev.marcus.core.port.EventBus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one process and the ids of the events they already received: what every {@link EventBus} adapter
 * needs to keep its contract that each event id reaches a listener at most once, even when the same event arrives
 * from the publisher, from another process and from the event-table tail.
 */
public final class LocalListeners {
    private static final Logger LOG = LoggerFactory.getLogger(LocalListeners.class);

    private final CopyOnWriteArrayList<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, Boolean> seen;

    /** @param remembered how many recent event ids to remember for de-duplication */
    public LocalListeners(int remembered) {
        this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > remembered;
            }
        };
    }

    /** Delivers the event unless its id was delivered before; true when it was delivered now. */
    public boolean deliverOnce(Event event) {
        synchronized (seen) {
            if (seen.put(event.id(), Boolean.TRUE) != null) {
                return false;
            }
        }
        for (Consumer<Event> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on event {} ({})", event.id(), event.type().wire(), e);
            }
        }
        return true;
    }

    /** Whether an event with this id was delivered already. */
    public boolean delivered(long id) {
        synchronized (seen) {
            return seen.containsKey(id);
        }
    }

    public EventBus.Subscription subscribe(Consumer<Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void clear() {
        listeners.clear();
    }
}
