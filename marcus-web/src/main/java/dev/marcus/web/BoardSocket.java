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
    private final Map<String, Predicate<ProjectId>> scopes = new ConcurrentHashMap<>();
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
                scopes.put(ctx.sessionId(), scope);
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
            Predicate<ProjectId> scope = scopes.get(ctx.sessionId());
            if (e.projectId() != null && (scope == null || !scope.test(e.projectId()))) {
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
