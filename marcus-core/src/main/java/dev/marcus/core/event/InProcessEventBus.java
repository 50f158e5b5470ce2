package dev.marcus.core.event;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import dev.marcus.core.model.Event;
import dev.marcus.core.port.EventBus;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to listeners in this JVM, on the publisher's thread. */
@Singleton
public final class InProcessEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessEventBus.class);
    private final CopyOnWriteArrayList<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    @Inject
    public InProcessEventBus() {
    }

    @Override
    public void publish(Event event) {
        for (Consumer<Event> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on event {} ({})", event.id(), event.type().wire(), e);
            }
        }
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public String describe() {
        return "in-process";
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
