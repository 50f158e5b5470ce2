package dev.marcus.cache;

import dev.marcus.core.model.Event;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.event.LocalListeners;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * {@link EventBus} over Redis pub/sub: what one process publishes reaches the listeners of every process of the same
 * installation and tenant within milliseconds.
 *
 * <p>{@link #publish} delivers to this process's listeners first, on the caller's thread, then sends the event (JSON)
 * on the channel {@code <namespace>events}; events from other processes are delivered on the subscriber's thread.
 * Events are durable in the store before they are published, and every process's {@code EventRelay} also tails the
 * event table, so an event lost here (Redis down, a subscription being re-established) still arrives, one poll
 * interval later. The same event may therefore come by several paths; each event id is delivered once (the last
 * {@value #REMEMBERED} ids are remembered). A Redis failure never reaches the publisher: publishing goes on locally and
 * a circuit breaker keeps calls from waiting on a dead Redis.
 */
public final class RedisEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEventBus.class);
    static final String CHANNEL = "events";
    static final int REMEMBERED = 20_000;

    private final RedisSettings settings;
    private final RedisClient publisher;
    private final RedisSubscriber subscriber;
    private final CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(1));
    private final String sender = UUID.randomUUID().toString();
    private final LocalListeners local = new LocalListeners(REMEMBERED);

    public RedisEventBus(RedisSettings settings) {
        this.settings = settings;
        this.publisher = RedisConnections.pooled(settings, "marcus-events");
        this.subscriber = new RedisSubscriber(settings, settings.namespace() + CHANNEL, "marcus-redis-events",
                this::onMessage, () -> { }).start();
    }

    @Override
    public void publish(Event event) {
        if (!local.deliverOnce(event)) {
            return; // already delivered here, so some process already sent it
        }
        if (!breaker.allowsCall() && !breaker.tryProbe()) {
            return;
        }
        try {
            publisher.publish(settings.namespace() + CHANNEL, sender + '\n' + JsonCodec.write(event));
            breaker.success();
        } catch (RuntimeException e) {
            CircuitBreaker.State before = breaker.state();
            breaker.failure();
            if (before == CircuitBreaker.State.CLOSED && breaker.state() == CircuitBreaker.State.OPEN) {
                LOG.warn("redis publish failed ({}); other processes will see events through the event table until redis answers",
                        e.toString());
            }
        }
    }

    private void onMessage(String message) {
        int nl = message.indexOf('\n');
        if (nl < 0 || message.startsWith(sender + '\n')) {
            return;
        }
        Event event = JsonCodec.read(message.substring(nl + 1), Event.class);
        local.deliverOnce(event);
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        return local.subscribe(listener);
    }

    /** True while events of other processes arrive through Redis (the subscription is up). */
    public boolean connected() {
        return subscriber.isConnected();
    }

    /** Waits until the subscription is up (tests and start-up checks). */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return subscriber.awaitSubscribed(timeout);
    }

    @Override
    public String describe() {
        return "redis pub/sub " + settings.describe() + " (channel " + settings.namespace() + CHANNEL + ")"
                + (connected() ? "" : " — not connected, events of other processes come through the event table");
    }

    @Override
    public void close() {
        local.clear();
        subscriber.close();
        publisher.close();
    }
}
