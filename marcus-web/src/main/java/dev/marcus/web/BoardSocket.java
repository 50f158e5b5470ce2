package dev.marcus.web;

import dev.marcus.core.model.Event;
import dev.marcus.core.port.EventBus;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import dev.marcus.core.model.ProjectId;
import java.util.Map;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed at {@code /ws}: every event the core's {@link EventBus} delivers (its relay tails the event table,
 * so changes from other processes on the same store arrive too) is pushed to every open dashboard as
 * {@code {"kind":"event","event":{...}}}. Pages filter by project themselves and re-read what they show.
 */
final class BoardSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardSocket.class);

    private final EventBus bus;
    private final Access access;
    private final Map<String, WsContext> sessions = new ConcurrentHashMap<>();
    /** How often a connection's right to the feed is checked again (a sign-out or revoked token ends it). */
    static final long RECHECK_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    private final Map<String, Watcher> scopes = new ConcurrentHashMap<>();

    /** What a connection may see, how it proved it, and when that was last checked. */
    private record Watcher(Predicate<ProjectId> scope, String cookie, String authorization, long checkedAt) {
    }
    private EventBus.Subscription subscription;

    BoardSocket(EventBus bus, Access access) {
        this.bus = bus;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.ws("/ws", ws -> {
            ws.onConnect(ctx -> {
                Predicate<ProjectId> scope = access.feedScope(ctx.cookie(AccountAccess.COOKIE), ctx.header("Authorization"));
                if (scope == null) {
                    ctx.closeSession(4401, "sign in first");
                    return;
                }
                ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
                scopes.put(ctx.sessionId(), new Watcher(scope, ctx.cookie(AccountAccess.COOKIE),
                        ctx.header("Authorization"), System.nanoTime()));
                sessions.put(ctx.sessionId(), ctx);
                ctx.send("{\"kind\":\"hello\"}");
            });
            ws.onClose(ctx -> forget(ctx.sessionId()));
            ws.onError(ctx -> forget(ctx.sessionId()));
        });
    }

    /** Starts forwarding bus events to the open sockets. */
    synchronized void start() {
        if (subscription == null) {
            subscription = bus.subscribe(this::push);
        }
    }

    int openSessions() {
        return sessions.size();
    }

    private void push(Event e) {
        if (sessions.isEmpty()) {
            return;
        }
        String message = WebJson.write(Map.of("kind", "event", "event", EventsApi.view(e)));
        for (WsContext ctx : sessions.values()) {
            Watcher watcher = current(ctx);
            if (watcher == null) {
                continue;
            }
            if (e.projectId() != null && !watcher.scope().test(e.projectId())) {
                continue;
            }
            try {
                if (ctx.session.isOpen()) {
                    ctx.send(message);
                } else {
                    forget(ctx.sessionId());
                }
            } catch (RuntimeException ex) {
                LOG.debug("dropping a dashboard socket: {}", ex.getMessage());
                forget(ctx.sessionId());
            }
        }
    }

    /** The connection's watcher, checked again when the last check is older than a minute; null when it ended. */
    private Watcher current(WsContext ctx) {
        Watcher w = scopes.get(ctx.sessionId());
        if (w == null || System.nanoTime() - w.checkedAt() < RECHECK_NANOS) {
            return w;
        }
        Predicate<ProjectId> scope = access.feedScope(w.cookie(), w.authorization());
        if (scope == null) {
            forget(ctx.sessionId());
            try {
                ctx.closeSession(4401, "signed out");
            } catch (RuntimeException ignored) {
                // already gone
            }
            return null;
        }
        Watcher renewed = new Watcher(scope, w.cookie(), w.authorization(), System.nanoTime());
        scopes.put(ctx.sessionId(), renewed);
        return renewed;
    }

    private void forget(String session) {
        sessions.remove(session);
        scopes.remove(session);
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        sessions.clear();
        scopes.clear();
    }
}
