package dev.marcus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.NewEvent;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.EventBusContract;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bus contract over PostgreSQL LISTEN/NOTIFY. Bus and peer each have a store (a pool) of their own on the same
 * schema, as two processes would; each test gets a channel of its own (as the Redis suite gets a tenant).
 */
class PostgresEventBusTest extends EventBusContract {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();
    private static final AtomicInteger CHANNELS = new AtomicInteger();

    private static PostgresStorageBackend storeA;
    private static PostgresStorageBackend storeB;
    private String channel;

    @BeforeAll
    static void openStores() {
        storeA = PG.open();
        storeB = PG.open();
    }

    @AfterAll
    static void closeStores() {
        storeB.close();
        storeA.close();
    }

    @Override
    protected EventBus newBus() {
        channel = "marcus_events_test_" + ProcessHandle.current().pid() + "_" + CHANNELS.incrementAndGet();
        return new PostgresEventBus(storeA, channel);
    }

    @Override
    protected EventBus newPeer() {
        return new PostgresEventBus(storeB, channel);
    }

    @Override
    protected void awaitReady(EventBus peer) throws InterruptedException {
        assertThat(((PostgresEventBus) peer).awaitSubscribed(Duration.ofSeconds(5))).isTrue();
        assertThat(((PostgresEventBus) bus).awaitSubscribed(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void anEventTooLargeForANotification_isReadFromTheEventTable() throws Exception {
        // durable first, as the core does: the store appends, then the bus publishes
        Event stored = storeA.appendEvent(new NewEvent(EventType.TASK_PROGRESS, null, null, null,
                Map.of("message", "x".repeat(9_000))), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertThat(PostgresEventBus.payload(stored)).startsWith("#" + stored.id() + " ");
        PostgresEventBus peer = (PostgresEventBus) track(newPeer());
        awaitReady(peer);
        List<Event> got = new CopyOnWriteArrayList<>();
        peer.subscribe(got::add);
        bus.publish(stored);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (got.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(got).containsExactly(stored);
    }

    @Test
    void listenerReconnects_afterItsConnectionIsKilled() throws Exception {
        PostgresEventBus b = (PostgresEventBus) bus;
        PostgresEventBus peer = (PostgresEventBus) track(newPeer());
        awaitReady(peer);
        try (var c = PG.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = 'marcus-listen' AND query ILIKE '%" + channel + "%'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("LISTEN connections killed").isGreaterThanOrEqualTo(1);
        }
        List<Event> got = new CopyOnWriteArrayList<>();
        peer.subscribe(got::add);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Event e = null;
        while (got.isEmpty() && System.nanoTime() < deadline) {
            e = EventBusContract.event(EventType.TASK_CREATED);
            b.publish(e);
            Thread.sleep(100);
        }
        assertThat(got).isNotEmpty();
        assertThat(peer.describe()).startsWith("postgresql listen/notify");
    }

    @Test
    void channelNames_fitPostgresIdentifierLimit() {
        assertThat(PostgresEventBus.channelFor("public")).isEqualTo("marcus_events_public");
        assertThat(PostgresEventBus.channelFor("s".repeat(63)).length()).isLessThanOrEqualTo(63);
        assertThat(PostgresEventBus.channelFor("s".repeat(63) + "a"))
                .isNotEqualTo(PostgresEventBus.channelFor("s".repeat(63) + "b"));
    }
}
