package dev.marcus.web;

import dev.marcus.core.port.StorageBackend;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Marcus web server: dashboard (static files from the jar), REST API under {@code /api}, the live feed at
 * {@code /ws}, MCP over Streamable HTTP at {@code /mcp}, {@code /health} and {@code /ready}. Built from its handlers
 * (see {@link MarcusWeb} for the usual wiring), so a test gets a fully wired server on port 0.
 */
public final class MarcusWebApp implements AutoCloseable {
    private final Javalin app;
    private final List<Routes.Route> routes;
    private final BoardSocket socket;
    private final McpHttpEndpoint mcp;

    MarcusWebApp(StorageBackend storage, Access access, List<ApiRoutes> api, BoardSocket socket, McpHttpEndpoint mcp,
                 WebOperations operations) {
        this.socket = socket;
        this.mcp = mcp;
        String openApi = resource("/openapi.json");
        Routes[] holder = new Routes[1];
        this.app = Javalin.create(config -> {
            config.jsonMapper(WebJson.javalin());
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
            });
            if (mcp != null) {
                config.jetty.modifyServletContextHandler(mcp::install);
            }
            ErrorMapping.install(config.routes);
            if (operations != null) {
                operations.install(config, access);
            }
            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("X-Frame-Options", "DENY");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; "
                        + "img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
            });
            config.routes.before("/api/*", CsrfGuard::check);
            config.routes.before("/api/*", access::authenticate);
            config.routes.wsBeforeUpgrade("/ws", ctx -> {
                // browsers send cookies with cross-site WebSocket handshakes: only this host's pages may open the feed
                CsrfGuard.checkOrigin(ctx);
                if (access.feedScope(ctx.cookie(AccountAccess.COOKIE), ctx.header("Authorization")) == null) {
                    throw new WebException(401, "unauthenticated", "sign in first to watch the live feed");
                }
            });
            // liveness, asked often: nothing but what this process knows already (no query, nothing about where
            // the data lives); the schema version says which upgrade a replica is on
            Map<String, String> health = new java.util.LinkedHashMap<>();
            health.put("status", "up");
            if (storage.schemaVersion() != null) {
                health.put("schema_version", storage.schemaVersion());
            }
            config.routes.get("/health", ctx -> ctx.json(health));
            config.routes.get("/ready", ctx -> {
                try {
                    storage.lastEventId();
                    // anyone may ask; with accounts on, where the data lives is not theirs to know
                    ctx.json(access.accountsOn() ? Map.of("status", "ready")
                            : Map.of("status", "ready", "storage", storage.describe()));
                } catch (RuntimeException e) {
                    ctx.status(503).json(Map.of("status", "unavailable", "error", "storage is not reachable"));
                }
            });
            config.routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            Routes r = new Routes(config.routes);
            for (ApiRoutes group : api) {
                group.register(r);
            }
            socket.register(config.routes);
            holder[0] = r;
        });
        this.routes = holder[0].declared();
    }

    /** Starts listening; port 0 picks a free port (see {@link #port()}). */
    public MarcusWebApp start(String host, int port) {
        socket.start();
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The REST routes this app serves (method and path), for documentation checks. */
    public List<String> restRoutes() {
        return routes.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** Stops listening and releases the live feed and MCP sessions. Idempotent. */
    public void stop() {
        socket.close();
        if (mcp != null) {
            mcp.close();
        }
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private static String resource(String name) {
        try (InputStream in = MarcusWebApp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
