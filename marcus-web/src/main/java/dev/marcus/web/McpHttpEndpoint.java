package dev.marcus.web;

import dev.marcus.mcp.MarcusMcpServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP over Streamable HTTP at {@code /mcp}: the SDK's servlet transport on Javalin's Jetty, serving the same tool
 * classes as stdio. A servlet filter in front of it authenticates ({@link McpAuthenticator}; Javalin's {@code before}
 * handlers do not run for servlets) and turns every transport failure into a short JSON body without stack traces.
 * Origin and Host are checked by the SDK's security validator hook: only the configured host names may be used.
 */
final class McpHttpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(McpHttpEndpoint.class);
    static final String PATH = "/mcp";

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final McpAuthenticator authenticator;

    /**
     * @param allowedHosts host names (without port) that may appear in {@code Host} and {@code Origin}
     */
    McpHttpEndpoint(MarcusMcpServer tools, McpAuthenticator authenticator, Set<String> allowedHosts) {
        this.authenticator = authenticator;
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .mcpEndpoint(PATH)
                .securityValidator(new HostValidator(allowedHosts))
                .contextExtractor(req -> {
                    Object principal = req.getAttribute(McpAuthenticator.PRINCIPAL);
                    return principal == null ? io.modelcontextprotocol.common.McpTransportContext.EMPTY
                            : io.modelcontextprotocol.common.McpTransportContext.create(
                                    Map.of(MarcusMcpServer.PRINCIPAL, principal));
                })
                .build();
        this.server = tools.build(transport);
    }

    void install(ServletContextHandler handler) {
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        handler.addServlet(holder, PATH);
        FilterHolder filter = new FilterHolder(new GuardFilter());
        filter.setAsyncSupported(true);
        handler.addFilter(filter, PATH, EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void close() {
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            LOG.debug("closing the HTTP MCP server: {}", e.getMessage());
        }
    }

    /** Authenticates, then runs the transport with errors rewritten to short JSON. */
    private final class GuardFilter implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            McpAuthenticator.Result auth = authenticator.authenticate(request);
            if (!auth.allowed()) {
                if (auth.status() == 401) {
                    response.setHeader("WWW-Authenticate", "Bearer realm=\"marcus\"");
                }
                write(response, auth.status(), auth.message());
                return;
            }
            if (auth.principal() != null) {
                request.setAttribute(McpAuthenticator.PRINCIPAL, auth.principal());
            }
            try {
                chain.doFilter(request, new QuietErrors(response));
            } catch (IOException | ServletException | RuntimeException e) {
                LOG.warn("MCP transport failed on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
                if (!response.isCommitted()) {
                    write(response, 500, "internal error in the MCP transport; the server log has the details");
                }
            }
        }
    }

    /** Replaces the container's error pages (which can carry stack traces) with one JSON line. */
    private static final class QuietErrors extends HttpServletResponseWrapper {
        QuietErrors(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int sc) throws IOException {
            write((HttpServletResponse) getResponse(), sc, "request refused by the MCP transport (HTTP " + sc + ")");
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            String safe = msg == null ? "" : msg.lines().findFirst().orElse("");
            if (safe.length() > 200) {
                safe = safe.substring(0, 200);
            }
            write((HttpServletResponse) getResponse(), sc, safe.isBlank() ? "request refused (HTTP " + sc + ")" : safe);
        }
    }

    static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        byte[] body = WebJson.write(ErrorMapping.body(message, status == 401 ? "unauthenticated"
                : status == 403 ? "forbidden" : "http_" + status)).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** Rejects a Host or Origin naming a host outside the allowed set (DNS-rebinding protection). */
    private static final class HostValidator implements ServerTransportSecurityValidator {
        private final Set<String> hosts;

        HostValidator(Set<String> hosts) {
            this.hosts = hosts;
        }

        @Override
        public void validateHeaders(Map<String, List<String>> headers) throws ServerTransportSecurityException {
            String host = first(headers, "host");
            if (host != null && !hosts.contains(hostOnly(host))) {
                throw new ServerTransportSecurityException(421, "Host '" + host + "' is not served here");
            }
            String origin = first(headers, "origin");
            if (origin != null) {
                String originHost;
                try {
                    originHost = URI.create(origin).getHost();
                } catch (IllegalArgumentException e) {
                    originHost = null;
                }
                if (originHost == null || !hosts.contains(originHost.toLowerCase(Locale.ROOT))) {
                    throw new ServerTransportSecurityException(403, "Origin '" + origin + "' is not allowed");
                }
            }
        }

        private static String first(Map<String, List<String>> headers, String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        private static String hostOnly(String host) {
            String h = host.strip().toLowerCase(Locale.ROOT);
            if (h.startsWith("[")) {
                int end = h.indexOf(']');
                return end > 0 ? h.substring(1, end) : h;
            }
            int colon = h.lastIndexOf(':');
            return colon > 0 ? h.substring(0, colon) : h;
        }
    }
}
