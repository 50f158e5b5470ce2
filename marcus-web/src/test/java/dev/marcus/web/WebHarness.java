package dev.marcus.web;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.service.ProjectService;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import dev.marcus.mcp.MarcusMcpServer;
import dev.marcus.mcp.ToolCatalog;
import dev.marcus.mcp.ToolProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.core.type.TypeReference;

/** The web app on port 0 over the core on an in-memory store, with a small JSON HTTP client. */
final class WebHarness implements AutoCloseable {
    final InMemoryStorageBackend storage = new InMemoryStorageBackend();
    final MarcusCore core;
    final MarcusWebApp app;
    /** The MCP server the app serves at {@code /mcp}, for calling tools directly. */
    final MarcusMcpServer mcp;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebHarness() {
        this((String) null);
    }

    WebHarness(String mcpToken) {
        this(mcpToken, false);
    }

    final dev.marcus.core.testkit.InMemoryAccountStore accountStore = new dev.marcus.core.testkit.InMemoryAccountStore();
    /** The accounts, when this harness was made {@link #withAccounts()}; else {@code null}. */
    final dev.marcus.core.account.AccountService accounts;

    WebHarness(String mcpToken, boolean readOnly) {
        this(mcpToken, readOnly, false, b -> b);
    }

    /** With a core built to the test's needs (a movable clock, higher limits). */
    WebHarness(UnaryOperator<MarcusCore.Builder> core) {
        this(null, false, false, core);
    }

    private WebHarness(String mcpToken, boolean readOnly, boolean withAccounts, UnaryOperator<MarcusCore.Builder> customize) {
        core = customize.apply(MarcusCore.builder(storage)).build().startBackground(Duration.ofMillis(100));
        accounts = withAccounts ? new dev.marcus.core.account.AccountService(accountStore,
                new dev.marcus.core.testkit.Pbkdf2TestHasher(), storage, dev.marcus.core.port.Clock.system()) : null;
        mcp = new MarcusMcpServer(ToolCatalog.of(core).all(), ToolProfile.parse("all"), core.limits(), "test");
        app = MarcusWeb.builder(storage, core.events(), core.projects(), core.agents(), core.progress(), core.context())
                .mcp(mcp).mcpToken(mcpToken).readOnly(readOnly).accounts(accounts).build().start("127.0.0.1", 0);
    }

    /** The web app with accounts on (in-memory account store, a fast test hasher). */
    static WebHarness withAccounts() {
        return new WebHarness(null, false, true, b -> b);
    }

    String base() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Creates a project from an outline and returns its id. */
    String project(String name, String outline) {
        return core.projects().create(name, outline, ProjectService.CreateOptions.NONE).project().id().value();
    }

    record Reply(int status, Map<String, Object> body, String raw, java.net.http.HttpHeaders headers) {
        Object get(String key) {
            return body.get(key);
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    Reply patch(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).DELETE());
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = Map.of();
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (ct.contains("json") && !r.body().isBlank()) {
                body = WebJson.MAPPER.readValue(r.body(), new TypeReference<Map<String, Object>>() { });
            }
            return new Reply(r.statusCode(), body, r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
        core.close();
        storage.close();
    }
}
