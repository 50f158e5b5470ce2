package dev.marcus.cache;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The second process of {@link CrossProcessEventIT}: subscribes to the Redis bus and prints, for every event, its id,
 * its type and the wall-clock time of arrival in microseconds. Prints {@code READY} once subscribed; exits when its
 * standard input closes (the test ended) or after two minutes.
 *
 * <p>Arguments: Redis URL, installation, tenant.
 */
public final class EventProbeMain {
    private EventProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        RedisSettings settings = RedisSettings.of(args[0], args[1]).withTenant(args[2]);
        try (RedisEventBus bus = new RedisEventBus(settings)) {
            bus.subscribe(e -> {
                long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                synchronized (System.out) {
                    System.out.println("EVENT " + e.id() + " " + e.type().wire() + " " + micros);
                    System.out.flush();
                }
            });
            if (!bus.awaitSubscribed(Duration.ofSeconds(10))) {
                System.out.println("FAILED not subscribed");
                return;
            }
            System.out.println("READY");
            System.out.flush();
            Thread stdin = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                    while (r.readLine() != null) {
                        // keep reading until the parent closes the pipe
                    }
                } catch (Exception ignored) {
                    // parent gone
                }
            });
            stdin.setDaemon(true);
            stdin.start();
            stdin.join(Duration.ofMinutes(2).toMillis());
        }
    }
}
