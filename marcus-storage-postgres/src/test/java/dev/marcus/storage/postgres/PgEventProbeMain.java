package dev.marcus.storage.postgres;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The second process of {@link PostgresCrossProcessEventTest}: listens on the PostgreSQL bus of a schema and prints,
 * for every event, its id, its type and the wall-clock time of arrival in microseconds. Prints {@code READY} once
 * listening; exits when its standard input closes (the test ended) or after two minutes.
 *
 * <p>Arguments: database URL, schema.
 */
public final class PgEventProbeMain {
    private PgEventProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (PostgresStorageBackend store = PostgresStorageBackend.open(PostgresUrl.parse(args[0]), args[1], 2);
             PostgresEventBus bus = new PostgresEventBus(store)) {
            bus.subscribe(e -> {
                long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                synchronized (System.out) {
                    System.out.println("EVENT " + e.id() + " " + e.type().wire() + " " + micros);
                    System.out.flush();
                }
            });
            if (!bus.awaitSubscribed(Duration.ofSeconds(10))) {
                System.out.println("FAILED not listening");
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
