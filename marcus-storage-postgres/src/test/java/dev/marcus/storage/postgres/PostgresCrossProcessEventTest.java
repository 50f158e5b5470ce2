package dev.marcus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.testkit.CrossProcessEvents;
import dev.marcus.core.testkit.CrossProcessEvents.Timings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Across processes through PostgreSQL LISTEN/NOTIFY alone (no Redis, no relay tail running):
 * <ul>
 *   <li>this JVM (process A) runs the core on the PostgreSQL store and bus and completes tasks; a second JVM
 *       ({@link PgEventProbeMain}) only listens. Every completion must reach it; the time from the start of the state
 *       change in A to the event's arrival in B is printed (wall clock, same machine);</li>
 *   <li>a long-polling {@code request_next_task} in one core is woken within a second by a completion in another core
 *       that has its own store (pool) and its own bus (LISTEN connection) on the same schema, as another process.</li>
 * </ul>
 */
class PostgresCrossProcessEventTest {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();
    private static final int CHANGES = 200;

    @Test
    void aCompletionInProcessA_reachesAListenerInProcessB() throws Exception {
        try (CrossProcessEvents.Probe b = CrossProcessEvents.Probe.start(PgEventProbeMain.class, PG.urlString(), PG.schema());
             PostgresStorageBackend store = PG.open();
             PostgresEventBus bus = new PostgresEventBus(store);
             MarcusCore a = MarcusCore.builder(store).eventBus(bus).build()) {
            Timings t = CrossProcessEvents.timeCompletions(a, bus, b, CHANGES);
            System.out.printf("FIGURE state change in process A -> event in process B over PostgreSQL LISTEN/NOTIFY:"
                            + " p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d completions; the change itself, the"
                            + " completion's transaction in A, takes p50 %.2f ms, p99 %.2f ms of it)%n",
                    Timings.p50(t.arrival()), Timings.p99(t.arrival()), Timings.max(t.arrival()), t.arrival().size(),
                    Timings.p50(t.change()), Timings.p99(t.change()));
        }
    }

    @Test
    void aWaitingRequestNextTask_returnsWithinASecondOfATaskBecomingFreeInAnotherProcess() throws Exception {
        try (PostgresStorageBackend storeA = PG.open();
             PostgresStorageBackend storeB = PG.open();
             PostgresEventBus busA = new PostgresEventBus(storeA);
             PostgresEventBus busB = new PostgresEventBus(storeB);
             MarcusCore a = MarcusCore.builder(storeA).eventBus(busA).build();
             MarcusCore b = MarcusCore.builder(storeB).eventBus(busB).build()) {
            assertThat(busB.awaitSubscribed(Duration.ofSeconds(5))).isTrue();
            List<Long> wakeMillis = CrossProcessEvents.longPollWakes(a, b);
            System.out.printf("FIGURE long-poll wake across processes over PostgreSQL LISTEN/NOTIFY: %s ms (sorted)%n",
                    wakeMillis);
        }
    }
}
