package dev.marcus.cache;

import dev.marcus.core.testkit.CrossProcessEvents;
import java.time.Duration;

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
            CrossProcessEvents.listen(bus, () -> bus.awaitSubscribed(Duration.ofSeconds(10)));
        }
    }
}
