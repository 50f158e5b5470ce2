package dev.marcus.storage.postgres;

import dev.marcus.core.testkit.CrossProcessEvents;
import java.time.Duration;

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
            CrossProcessEvents.listen(bus, () -> bus.awaitSubscribed(Duration.ofSeconds(10)));
        }
    }
}
