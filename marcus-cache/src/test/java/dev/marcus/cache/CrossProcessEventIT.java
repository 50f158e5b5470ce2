package dev.marcus.cache;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.testkit.CrossProcessEvents;
import dev.marcus.core.testkit.CrossProcessEvents.Timings;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real processes: this JVM (process A) runs the core on the Redis bus and completes tasks; a second JVM
 * (process B, {@link EventProbeMain}) only listens on Redis. Every completion must reach B, and the time from the
 * start of the state change in A to the event's arrival in B is printed (wall clock, same machine).
 */
class CrossProcessEventIT {
    @RegisterExtension
    static final RedisTestServer REDIS = new RedisTestServer();
    private static final int CHANGES = 100;

    @Test
    void aCompletionInProcessA_reachesAListenerInProcessB() throws Exception {
        RedisSettings settings = REDIS.freshSettings();
        try (CrossProcessEvents.Probe b = CrossProcessEvents.Probe.start(EventProbeMain.class, REDIS.url(),
                settings.installation(), settings.tenant());
             RedisEventBus bus = new RedisEventBus(settings);
             MarcusCore a = MarcusCore.builder(new InMemoryStorageBackend()).eventBus(bus).build()) {
            Timings t = CrossProcessEvents.timeCompletions(a, bus, b, CHANGES);
            System.out.printf("FIGURE state change in process A -> event in process B over Redis: p50 %.2f ms, p99 %.2f ms,"
                            + " max %.2f ms (%d completions)%n",
                    Timings.p50(t.arrival()), Timings.p99(t.arrival()), Timings.max(t.arrival()), t.arrival().size());
        }
    }
}
