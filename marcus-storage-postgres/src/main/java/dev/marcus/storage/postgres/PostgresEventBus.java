package dev.marcus.storage.postgres;

import dev.marcus.core.model.Event;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.event.LocalListeners;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link EventBus} over PostgreSQL {@code LISTEN/NOTIFY}, for the team profile without Redis: what one process
 * publishes reaches the listeners of every process on the same database and schema within milliseconds.
 *
 * <p>{@link #publish} delivers to this process's listeners first, on the caller's thread, then hands the event to a
 * sender thread that sends {@code pg_notify(<channel>, <payload>)} on a pooled connection, many events per round trip,
 * so a slow or absent database never blocks a publisher. The payload is the event as JSON when it fits well under
 * PostgreSQL's 8000-byte limit, else only its id, type and project; a receiver then reads the event from the event
 * table (the event is durable there before it is published). One dedicated connection per bus {@code LISTEN}s on a
 * daemon thread ({@code PGConnection.getNotifications}) and reconnects with back-off (up to {@value #MAX_BACKOFF_MILLIS}
 * ms) when the connection drops; what is missed meanwhile arrives through the {@code EventRelay}'s tail of the event
 * table. The same event may so come by several paths; each event id is delivered once (the last {@value #REMEMBERED}
 * ids are remembered).
 *
 * <p>The channel is per schema ({@code marcus_events_<schema>}, shortened with a hash to PostgreSQL's 63-byte
 * identifier limit), since notifications are per database and a schema is one installation or tenant.
 */
public final class PostgresEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventBus.class);
    static final int REMEMBERED = 20_000;
    /** PostgreSQL refuses payloads of 8000 bytes and more; leave room for the sender prefix. */
    static final int MAX_JSON_BYTES = 7_000;
    static final long MAX_BACKOFF_MILLIS = 1_000;
    private static final int QUEUE = 10_000;
    /** How long the listener waits for notifications before it looks at the closed flag again. */
    private static final int WAIT_MILLIS = 250;
    private static final int BATCH = 500;
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final PostgresStorageBackend store;
    private final String channel;
    private final String sender = UUID.randomUUID().toString();
    private final LocalListeners local = new LocalListeners(REMEMBERED);
    private final BlockingQueue<String> outbox = new ArrayBlockingQueue<>(QUEUE);
    private final Thread listenerThread;
    private final Thread senderThread;
    private final Object subscribedLock = new Object();
    private volatile boolean subscribed;
    private volatile boolean closed;
    private volatile Connection listening;
    private volatile boolean dropWarned;

    /** A bus on the channel of {@code store}'s schema. */
    public PostgresEventBus(PostgresStorageBackend store) {
        this(store, channelFor(store.schema()));
    }

    /** A bus on an explicit channel (tests keep their cases apart this way). */
    public PostgresEventBus(PostgresStorageBackend store, String channel) {
        if (channel.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw new IllegalArgumentException("channel name longer than 63 bytes: " + channel);
        }
        this.store = store;
        this.channel = channel;
        this.listenerThread = new Thread(this::listenLoop, "marcus-pg-listen");
        this.listenerThread.setDaemon(true);
        this.senderThread = new Thread(this::sendLoop, "marcus-pg-notify");
        this.senderThread.setDaemon(true);
        listenerThread.start();
        senderThread.start();
    }

    /** The channel of a schema: {@code marcus_events_<schema>}, at most 63 bytes. */
    static String channelFor(String schema) {
        String c = "marcus_events_" + schema;
        if (c.length() <= 63) {
            return c;
        }
        return c.substring(0, 54) + "_" + Integer.toHexString(schema.hashCode());
    }

    // ==== publishing ============================================================================================

    @Override
    public void publish(Event event) {
        if (!local.deliverOnce(event)) {
            return; // already delivered here, so some process already sent it
        }
        if (closed) {
            return;
        }
        if (!outbox.offer(sender + '\n' + payload(event))) {
            LOG.debug("notify queue full; event {} reaches other processes through the event table", event.id());
        }
    }

    /** The event as JSON when it is small enough, else {@code #<id> <type> <project or ->}. */
    static String payload(Event event) {
        String json = JSON.writeValueAsString(event);
        if (json.getBytes(StandardCharsets.UTF_8).length <= MAX_JSON_BYTES) {
            return json;
        }
        return "#" + event.id() + " " + event.type().wire() + " "
                + (event.projectId() == null ? "-" : event.projectId().value());
    }

    private void sendLoop() {
        List<String> batch = new ArrayList<>();
        long backoff = 50;
        while (!closed || !outbox.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    String first = outbox.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    outbox.drainTo(batch, BATCH - 1);
                }
                send(batch);
                batch.clear();
                backoff = 50;
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("NOTIFY on {} failed ({}); other processes see these {} events through the event table",
                        channel, e.toString(), batch.size());
                batch.clear(); // the table has them; do not hold publishers' events against a dead database
                if (closed) {
                    return;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void send(List<String> batch) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, p) FROM unnest(?::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n")) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            ps.setString(1, channel);
            ps.setArray(2, c.createArrayOf("text", batch.toArray()));
            ps.executeQuery().close();
        }
    }

    // ==== listening =============================================================================================

    private void listenLoop() {
        long backoff = 50;
        while (!closed) {
            try (Connection c = openListenConnection()) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN \"" + channel + "\"");
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                markSubscribed(true);
                if (dropWarned) {
                    LOG.info("listening on {} again", channel);
                    dropWarned = false;
                }
                backoff = 50;
                long lastCheck = System.nanoTime();
                while (!closed) {
                    PGNotification[] ns = pg.getNotifications(WAIT_MILLIS);
                    if (ns != null) {
                        for (PGNotification n : ns) {
                            onNotification(n.getParameter());
                        }
                    }
                    if (System.nanoTime() - lastCheck > TimeUnit.SECONDS.toNanos(5)) {
                        // a half-open connection raises nothing while we only wait; a query finds it out
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT 1");
                        }
                        lastCheck = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                markSubscribed(false);
                if (closed) {
                    return;
                }
                if (!dropWarned) {
                    LOG.warn("listening on {} failed ({}); retrying, other processes' events come through the event "
                            + "table meanwhile", channel, PostgresUrl.maskAny(e.toString()));
                    dropWarned = true;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } finally {
                listening = null;
                markSubscribed(false);
            }
        }
    }

    private Connection openListenConnection() throws SQLException {
        PostgresUrl url = store.url();
        Properties p = new Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        p.setProperty("connectTimeout", "5");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "marcus-listen");
        Connection c = new org.postgresql.Driver().connect(url.jdbcUrl(), p);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: " + url.masked(), "08001");
        }
        c.setAutoCommit(true);
        return c;
    }

    void onNotification(String message) {
        int nl = message.indexOf('\n');
        if (nl < 0 || message.startsWith(sender + '\n')) {
            return;
        }
        String body = message.substring(nl + 1);
        Event event;
        try {
            if (body.startsWith("#")) {
                event = readFromTable(body);
                if (event == null) {
                    return;
                }
            } else {
                event = JSON.readValue(body, Event.class);
            }
        } catch (RuntimeException e) {
            LOG.warn("unreadable notification on {} ({}); the event table still has the event", channel, e.toString());
            return;
        }
        local.deliverOnce(event);
    }

    /** An event too large for a notification, from the table ({@code #<id> <type> <project or ->}). */
    private Event readFromTable(String body) {
        String[] f = body.substring(1).split(" ", 3);
        long id = Long.parseLong(f[0]);
        if (local.delivered(id)) {
            return null; // no need to read it
        }
        ProjectId project = f.length < 3 || "-".equals(f[2]) ? null : new ProjectId(f[2]);
        for (Event e : store.eventsAfter(id - 1, project, 1)) {
            if (e.id() == id) {
                return e;
            }
        }
        LOG.debug("event {} of a notification is not in the event table", id);
        return null;
    }

    private void markSubscribed(boolean up) {
        synchronized (subscribedLock) {
            subscribed = up;
            subscribedLock.notifyAll();
        }
    }

    // ==== common ================================================================================================

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        return local.subscribe(listener);
    }

    /** True while events of other processes arrive through PostgreSQL (the LISTEN connection is up). */
    public boolean connected() {
        return subscribed;
    }

    /** Waits until the LISTEN connection is up (tests and start-up checks). */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (subscribedLock) {
            while (!subscribed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(subscribedLock, left);
            }
            return true;
        }
    }

    /** The channel this bus sends and listens on. */
    public String channel() {
        return channel;
    }

    @Override
    public String describe() {
        return "postgresql listen/notify " + store.describe() + " (channel " + channel + ")"
                + (connected() ? "" : " — not listening, events of other processes come through the event table");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        local.clear();
        try {
            senderThread.join(2_000); // sends what is queued, then stops
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senderThread.interrupt();
        try {
            // the listener sees the flag within one wait and closes its own connection
            listenerThread.join(WAIT_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection c = listening;
        if (listenerThread.isAlive() && c != null) {
            try {
                c.close(); // stuck (a database that stopped answering): cut it
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
