package dev.marcus.core.port;

import dev.marcus.core.model.Event;
import java.util.function.Consumer;

/**
 * Wakes listeners when something happened. Events are durable in the store first; the bus only signals, so a
 * missed message costs latency, never data. Listeners must be quick and must not throw (exceptions are logged).
 */
public interface EventBus extends AutoCloseable {

    void publish(Event event);

    Subscription subscribe(Consumer<Event> listener);

    /** A name such as {@code in-process}. */
    String describe();

    @Override
    void close();

    /** Stops delivery to one listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
