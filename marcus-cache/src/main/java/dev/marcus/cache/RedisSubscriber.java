package dev.marcus.cache;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;

/**
 * Listens on one Redis channel from a daemon thread, on a connection of its own, and subscribes again (with a short
 * back-off) whenever the connection is lost, so that a restarted Redis is picked up by itself.
 */
final class RedisSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSubscriber.class);
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private final RedisSettings settings;
    private final String channel;
    private final Consumer<String> onMessage;
    private final Runnable onSubscribed;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile Connection connection;
    private volatile JedisPubSub pubSub;
    private volatile CountDownLatch subscribed = new CountDownLatch(1);

    /**
     * @param onSubscribed run on every (re)subscription, before any message of it; messages sent while this
     *                     subscriber was away are lost, so the owner drops whatever they could have changed
     */
    RedisSubscriber(RedisSettings settings, String channel, String threadName, Consumer<String> onMessage,
                    Runnable onSubscribed) {
        this.settings = settings;
        this.channel = channel;
        this.onMessage = onMessage;
        this.onSubscribed = onSubscribed;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    RedisSubscriber start() {
        thread.start();
        return this;
    }

    boolean isConnected() {
        return connected;
    }

    /** Waits until the subscription is active; false when it is not within {@code timeout}. */
    boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        long backoff = 50;
        while (!closed) {
            try (Connection c = new Connection(RedisConnections.hostAndPort(settings),
                    RedisConnections.clientConfig(settings, Duration.ZERO, threadName()))) {
                connection = c;
                JedisPubSub ps = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String ch, int count) {
                        connected = true;
                        try {
                            onSubscribed.run();
                        } finally {
                            subscribed.countDown();
                        }
                    }

                    @Override
                    public void onMessage(String ch, String message) {
                        try {
                            onMessage.accept(message);
                        } catch (RuntimeException e) {
                            LOG.warn("{}: handling a message failed: {}", threadName(), e.toString());
                        }
                    }
                };
                pubSub = ps;
                if (closed) {
                    return;
                }
                backoff = 50;
                ps.proceed(c, channel);
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.debug("{}: subscription to {} lost: {}", threadName(), channel, e.toString());
                }
            } finally {
                if (connected) {
                    connected = false;
                    subscribed = new CountDownLatch(1);
                }
                connection = null;
                pubSub = null;
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    private String threadName() {
        return thread.getName();
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub ps = pubSub;
        Connection c = connection;
        try {
            if (ps != null && ps.isSubscribed()) {
                ps.unsubscribe();
            }
        } catch (RuntimeException ignored) {
            // the connection is going away anyway
        }
        if (c != null) {
            try {
                c.disconnect();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
