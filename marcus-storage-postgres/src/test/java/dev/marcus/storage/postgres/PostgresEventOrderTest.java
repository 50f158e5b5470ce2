package dev.marcus.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.Event;
import dev.marcus.core.event.EventRelay;
import dev.marcus.core.event.InProcessEventBus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event ids are handed out in one order and committed in another when writers run side by side: the relay must
 * still deliver the event that commits late with the smaller id.
 */
class PostgresEventOrderTest {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    private static long insertEvent(Connection c, String message) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (type, data, at, created_at, updated_at) "
                + "VALUES ('project_selected', ?, 1, 1, 1) RETURNING id")) {
            ps.setString(1, "{\"message\":\"" + message + "\"}");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void anEventThatCommitsAfterALaterOne_isStillRelayed_andARolledBackIdIsNotWaitedForForever() throws Exception {
        PG.truncate();
        try (PostgresStorageBackend store = PG.open(); InProcessEventBus bus = new InProcessEventBus()) {
            List<Long> delivered = new CopyOnWriteArrayList<>();
            bus.subscribe(e -> delivered.add(e.id()));
            EventRelay relay = new EventRelay(store, bus);
            try (Connection slow = PG.connect(); Connection fast = PG.connect(); Connection doomed = PG.connect()) {
                slow.setAutoCommit(false);
                fast.setAutoCommit(false);
                doomed.setAutoCommit(false);
                long first = insertEvent(slow, "takes its id first, commits last");
                long rolledBack = insertEvent(doomed, "never commits");
                long second = insertEvent(fast, "commits first");
                fast.commit();
                doomed.rollback();

                relay.poke();
                assertThat(delivered).containsExactly(second);

                slow.commit();
                relay.poke();
                assertThat(delivered).containsExactly(second, first);
                assertThat(delivered).doesNotContain(rolledBack);
                assertThat(store.eventsWithIds(List.of(first, rolledBack, second))).extracting(Event::id)
                        .containsExactly(first, second);
            }
        }
    }
}
