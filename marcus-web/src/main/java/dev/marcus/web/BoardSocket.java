package dev.marcus.web;

import dev.marcus.core.model.Event;
import dev.marcus.core.port.EventBus;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
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
    private EventBus.Subscription subscription;

    BoardSocket(EventBus bus, Access access) {
        this.bus = bus;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.ws("/ws", ws -> {
            ws.onConnect(ctx -> {
                ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
                sessions.put(ctx.sessionId(), ctx);
                ctx.send("{\"kind\":\"hello\"}");
            });
            ws.onClose(ctx -> sessions.remove(ctx.sessionId()));
            ws.onError(ctx -> sessions.remove(ctx.sessionId()));
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
            try {
                if (ctx.session.isOpen()) {
                    ctx.send(message);
                } else {
                    sessions.remove(ctx.sessionId());
                }
            } catch (RuntimeException ex) {
                LOG.debug("dropping a dashboard socket: {}", ex.getMessage());
                sessions.remove(ctx.sessionId());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        sessions.clear();
    }
}
