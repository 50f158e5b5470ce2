package dev.marcus.core.port;

import dev.marcus.core.model.Event;
import java.util.function.Consumer;

/**
 * Wakes listeners when something happened. Events are durable in the store first; the bus only signals, so a
 * missed message costs latency, never data. Listeners must be quick and must not throw (exceptions are logged).
 *
 * <p>Contract (checked by {@code EventBusContract}): thread-safe; {@link #publish} delivers to every listener of this
 * bus instance before it returns (the core's read-your-writes invalidation relies on it) and never throws for a
 * backend failure; a bus that spans processes delivers each event id to a listener at most once, however many paths
 * (its own publish, a peer's publish, the relay's table tail) bring it, and delivers events published by peers on
 * its own thread, soon after.
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
