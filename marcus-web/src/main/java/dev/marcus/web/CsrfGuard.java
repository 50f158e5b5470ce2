package dev.marcus.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;

/**
 * Refuses cross-site writes. A change must come as {@code application/json} (which a foreign page cannot send
 * without a CORS preflight that this server never approves) and, when the browser names an {@code Origin}, from
 * this very host. This protects solo Marcus too, where nobody logs in.
 */
final class CsrfGuard {
    private CsrfGuard() {
    }

    static void check(Context ctx) {
        HandlerType m = ctx.method();
        if (m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameHost(origin, ctx.header("Host"))) {
            throw new WebException(403, "csrf", "cross-site request refused: Origin " + origin + " is not this server");
        }
        String type = ctx.contentType();
        boolean empty = ctx.body().isEmpty();
        if (!empty && (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))) {
            throw new WebException(415, "csrf", "changes must be sent as application/json");
        }
        if (empty && origin == null && ctx.header("Sec-Fetch-Site") != null
                && !"same-origin".equals(ctx.header("Sec-Fetch-Site"))) {
            throw new WebException(403, "csrf", "cross-site request refused");
        }
    }

    /** Refuses a request whose {@code Origin} names another host (used for the WebSocket handshake). */
    static void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !sameHost(origin, ctx.header("Host"))) {
            throw new WebException(403, "csrf", "cross-site request refused: Origin " + origin + " is not this server");
        }
    }

    private static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI u = URI.create(origin);
            String authority = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
            return authority != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
