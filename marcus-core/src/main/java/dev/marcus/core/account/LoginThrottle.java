package dev.marcus.core.account;

import dev.marcus.core.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed sign-ins per client (remote address) in a sliding window: after {@code maxFailures} within
 * {@code window}, that client waits until the oldest failure leaves the window. In memory, per process: each replica
 * limits on its own, while the per-account lock in the store holds across replicas.
 */
public final class LoginThrottle {
    private static final int MAX_CLIENTS = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Seconds this client must wait before its next attempt; 0 when it may try now. */
    public synchronized long secondsUntilAllowed(String client) {
        Deque<Instant> recent = prune(key(client));
        if (recent == null || recent.size() < maxFailures) {
            return 0;
        }
        Instant freeAt = recent.peekFirst().plus(window);
        return Math.max(1, Duration.between(clock.now(), freeAt).toSeconds());
    }

    /** Records one failure of this client. */
    public synchronized void failed(String client) {
        failures.computeIfAbsent(key(client), k -> new ArrayDeque<>()).addLast(clock.now());
    }

    private Deque<Instant> prune(String client) {
        Deque<Instant> recent = failures.get(client);
        if (recent == null) {
            return null;
        }
        Instant cutoff = clock.now().minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
        if (recent.isEmpty()) {
            failures.remove(client);
            return null;
        }
        return recent;
    }

    private static String key(String client) {
        return client == null || client.isBlank() ? "unknown" : client;
    }
}
