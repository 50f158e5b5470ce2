package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.account.AuditEntry;
import dev.marcus.core.model.Role;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accounts on: sign-in, sessions, CSRF, roles on every endpoint, API tokens scoped to a project, the audit trail. */
class AccountsWebTest {
    private static final String PASSWORD = "a long enough passphrase";
    private WebHarness web;
    private String projectA;
    private String projectB;

    @BeforeEach
    void setUp() {
        web = WebHarness.withAccounts();
        web.accounts.addUser("admin@example.com", PASSWORD.toCharArray(), Role.ADMIN);
        web.accounts.addUser("dev@example.com", PASSWORD.toCharArray(), Role.DEVELOPER);
        web.accounts.addUser("viewer@example.com", PASSWORD.toCharArray(), Role.VIEWER);
        projectA = web.project("Alpha", "- Build the API\n- Test the API (after Build the API)");
        projectB = web.project("Beta", "- Write the docs");
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    /** A signed-in browser: its session cookie and CSRF token. */
    private record Browser(WebHarness web, String cookie, String csrf) {
        WebHarness.Reply get(String path) {
            return web.send(HttpRequest.newBuilder(URI.create(web.base() + path)).header("Cookie", cookie).GET());
        }

        WebHarness.Reply post(String path, String json) {
            return send("POST", path, json, true);
        }

        WebHarness.Reply send(String method, String path, String json, boolean withCsrf) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(web.base() + path)).header("Cookie", cookie)
                    .header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (withCsrf) {
                b.header(AccountAccess.CSRF_HEADER, csrf);
            }
            return web.send(b);
        }
    }

    private Browser login(String email) {
        WebHarness.Reply r = web.post("/api/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new Browser(web, setCookie.substring(0, setCookie.indexOf(';')), (String) r.get("csrf_token"));
    }

    private WebHarness.Reply withToken(String method, String path, String json, String token) {
        return web.send(HttpRequest.newBuilder(URI.create(web.base() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void everyApiEndpoint_refusesAnonymousCallers_with401() {
        List<String> open = List.of("/api/login", "/api/logout", "/api/session", "/api/openapi.json");
        int checked = 0;
        for (String route : web.app.restRoutes()) {
            String method = route.substring(0, route.indexOf(' ')).toUpperCase(java.util.Locale.ROOT);
            String path = route.substring(route.indexOf(' ') + 1);
            if (open.contains(path)) {
                continue;
            }
            String concrete = path.replace("{projectId}", projectA).replace("{taskId}", "task-x")
                    .replaceAll("\\{[a-zA-Z]+}", "x");
            WebHarness.Reply r = web.send(HttpRequest.newBuilder(URI.create(web.base() + concrete))
                    .header("Content-Type", "application/json")
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(r.status()).as(route).isEqualTo(401);
            assertThat(r.get("error_code")).as(route).isEqualTo("unauthenticated");
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
        assertThat(web.get("/health").status()).isEqualTo(200);
        assertThat(web.get("/api/session").get("authenticated")).isEqualTo(false);
    }

    @Test
    void everyChange_isRefusedToAViewer_with403_andChangesNothing() {
        Browser viewer = login("viewer@example.com");
        String task = web.core.projects().tasks(projectA).get(0).id().value();
        String other = web.core.projects().tasks(projectA).get(1).id().value();
        web.core.agents().register("agent-1", "Ann", "dev", List.of(), projectA);
        String devId = web.accounts.user("dev@example.com").id();
        String body = "{\"name\":\"x\",\"description\":\"- a\",\"project_id\":\"" + projectA + "\",\"depends_on\":\""
                + other + "\",\"email\":\"z@example.com\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\","
                + "\"priority\":\"high\"}";
        int before = web.storage.lastEventId() > 0 ? (int) web.storage.lastEventId() : 0;
        int checked = 0;
        for (String route : web.app.restRoutes()) {
            String method = route.substring(0, route.indexOf(' ')).toUpperCase(java.util.Locale.ROOT);
            String path = route.substring(route.indexOf(' ') + 1);
            if (method.equals("GET") || path.equals("/api/login") || path.equals("/api/logout")) {
                continue;
            }
            String concrete = path.replace("{projectId}", projectA).replace("{taskId}", task).replace("{dependsOnId}", other)
                    .replace("{agentId}", "agent-1").replace("{userId}", devId).replace("{tokenId}", "tok-x")
                    .replaceAll("\\{[a-zA-Z]+}", "x");
            WebHarness.Reply r = viewer.send(method, concrete, method.equals("DELETE") ? null : body, true);
            assertThat(r.status()).as(route + " " + r.raw()).isEqualTo(403);
            assertThat(r.get("error_code")).as(route).isEqualTo("forbidden");
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(13);
        assertThat(web.storage.lastEventId()).isEqualTo(before);
        assertThat(web.accounts.users()).hasSize(3);
        assertThat(web.accounts.user("dev@example.com").role()).isEqualTo(Role.DEVELOPER);
        assertThat(viewer.get("/api/users").status()).isEqualTo(403);
        assertThat(viewer.get("/api/audit").status()).isEqualTo(403);
    }

    @Test
    void onlyAnAdmin_choosesAProjectRootOnTheServer_andReadyDoesNotSayWhereTheDataLives(@org.junit.jupiter.api.io.TempDir
                                                                                          java.nio.file.Path dir) {
        String body = WebJson.write(Map.of("name", "Rooted", "description", "- a", "project_root", dir.toString()));
        WebHarness.Reply refused = login("dev@example.com").post("/api/projects", body);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(web.core.projects().list()).hasSize(2);
        assertThat(login("admin@example.com").post("/api/projects", body).status()).isEqualTo(201);
        WebHarness.Reply ready = web.get("/ready");
        assertThat(ready.get("status")).isEqualTo("ready");
        assertThat(ready.body()).doesNotContainKey("storage");
    }

    @Test
    void hostileTextInAccountFields_isStoredVerbatim_andServedAsJson() {
        Browser admin = login("admin@example.com");
        String evil = "x'); DROP TABLE users; -- <script>alert(1)</script>";
        WebHarness.Reply token = admin.post("/api/tokens", WebJson.write(Map.of("project_id", projectA, "name", evil)));
        assertThat(token.status()).isEqualTo(201);
        assertThat(((Map<?, ?>) token.get("token")).get("name")).isEqualTo(evil);
        WebHarness.Reply email = admin.post("/api/users", WebJson.write(Map.of("email", "o'brien+<b>@example.com",
                "password", PASSWORD, "role", "viewer")));
        assertThat(email.status()).isEqualTo(201);
        WebHarness.Reply task = admin.send("PATCH", "/api/tasks/" + web.core.projects().tasks(projectA).get(0).id().value(),
                WebJson.write(Map.of("name", evil, "description", evil, "labels", List.of(evil))), true);
        assertThat(task.status()).as(task.raw()).isEqualTo(200);
        WebHarness.Reply audit = admin.get("/api/audit");
        assertThat(audit.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(String.valueOf(audit.get("entries"))).contains(evil).contains("o'brien+<b>@example.com");
        assertThat(web.accounts.users()).hasSize(4);
        assertThat(web.core.projects().tasks(projectA).get(0).name()).isEqualTo(evil);
    }

    @Test
    void signIn_setsAnHttpOnlyStrictCookie_andTheSessionNamesTheUserAndRole() {
        WebHarness.Reply r = web.post("/api/login", "{\"email\":\"DEV@example.com\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(r.status()).isEqualTo(200);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("marcus_session=").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        assertThat(r.raw()).doesNotContain(cookie.substring("marcus_session=".length(), cookie.indexOf(';')));
        Browser dev = login("dev@example.com");
        WebHarness.Reply session = dev.get("/api/session");
        assertThat(session.get("authenticated")).isEqualTo(true);
        assertThat(session.get("role")).isEqualTo("developer");
        assertThat(session.get("user")).isEqualTo("user:dev@example.com");
        assertThat(session.get("csrf_token")).isEqualTo(dev.csrf());

        dev.post("/api/logout", null);
        assertThat(dev.get("/api/projects").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordAndUnknownUser_getTheSame401_andRepeatedFailuresAre429() {
        WebHarness.Reply wrong = web.post("/api/login", "{\"email\":\"dev@example.com\",\"password\":\"not the password\"}");
        WebHarness.Reply unknown = web.post("/api/login", "{\"email\":\"eve@example.com\",\"password\":\"not the password\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.get("error")).isEqualTo(unknown.get("error"));
        assertThat(web.post("/api/login", "{\"email\":\"dev@example.com\"}").get("field")).isEqualTo("password");

        WebHarness.Reply last = null;
        for (int i = 0; i < 25; i++) {
            last = web.post("/api/login", "{\"email\":\"user" + i + "@example.com\",\"password\":\"not the password\"}");
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.get("error_code")).isEqualTo("rate_limited");
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    }

    @Test
    void aChangeWithTheCookieButWithoutTheCsrfToken_isRefused_andChangesNothing() {
        Browser dev = login("dev@example.com");
        int before = web.core.projects().tasks(projectA).size();
        WebHarness.Reply refused = dev.send("POST", "/api/projects/" + projectA + "/tasks", "{\"name\":\"Sneaky\"}", false);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.get("error_code")).isEqualTo("csrf");
        WebHarness.Reply wrong = web.send(HttpRequest.newBuilder(URI.create(web.base() + "/api/projects/" + projectA + "/tasks"))
                .header("Cookie", dev.cookie()).header("Content-Type", "application/json")
                .header(AccountAccess.CSRF_HEADER, "forged").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Sneaky\"}")));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(web.core.projects().tasks(projectA)).hasSize(before);

        assertThat(dev.post("/api/projects/" + projectA + "/tasks", "{\"name\":\"Honest\"}").status()).isEqualTo(201);
        assertThat(web.core.projects().tasks(projectA)).hasSize(before + 1);
    }

    @Test
    void rolesAreEnforced_viewerReads_developerChanges_adminManages() {
        Browser viewer = login("viewer@example.com");
        Browser dev = login("dev@example.com");
        Browser admin = login("admin@example.com");

        assertThat(viewer.get("/api/projects/" + projectA + "/board").status()).isEqualTo(200);
        WebHarness.Reply refused = viewer.post("/api/projects/" + projectA + "/tasks", "{\"name\":\"x\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat((String) refused.get("error")).contains("developer");
        assertThat(viewer.post("/api/projects", "{\"name\":\"V\",\"description\":\"- a\"}").status()).isEqualTo(403);

        assertThat(dev.post("/api/projects", "{\"name\":\"Gamma\",\"description\":\"- a\"}").status()).isEqualTo(201);
        assertThat(dev.get("/api/users").status()).isEqualTo(403);
        assertThat(dev.get("/api/audit").status()).isEqualTo(403);

        assertThat(admin.get("/api/users").status()).isEqualTo(200);
        assertThat((List<?>) admin.get("/api/users").get("users")).hasSize(3);
    }

    @Test
    void adminsManageUsers_withClearErrors_andTheLastAdminStays() {
        Browser admin = login("admin@example.com");
        WebHarness.Reply added = admin.post("/api/users", "{\"email\":\"new@example.com\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"viewer\"}");
        assertThat(added.status()).isEqualTo(201);
        String id = (String) ((Map<?, ?>) added.get("user")).get("id");
        assertThat(added.raw()).doesNotContain(PASSWORD).doesNotContain("argon").doesNotContain("pbkdf2");

        assertThat(admin.post("/api/users", "{\"email\":\"bad\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}")
                .get("field")).isEqualTo("email");
        assertThat(admin.post("/api/users", "{\"email\":\"x@example.com\",\"password\":\"short\",\"role\":\"viewer\"}")
                .get("field")).isEqualTo("password");
        assertThat(admin.post("/api/users", "{\"email\":\"x@example.com\",\"password\":\"" + PASSWORD + "\",\"role\":\"boss\"}")
                .get("field")).isEqualTo("role");
        assertThat(admin.post("/api/users", "{\"email\":\"NEW@example.com\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}")
                .status()).isEqualTo(409);

        assertThat(admin.send("PATCH", "/api/users/" + id, "{\"role\":\"developer\"}", true).status()).isEqualTo(200);
        assertThat(web.accounts.user(id).role()).isEqualTo(Role.DEVELOPER);
        assertThat(admin.send("DELETE", "/api/users/" + id, null, true).status()).isEqualTo(200);
        assertThat(web.accounts.users()).hasSize(3);

        String adminId = web.accounts.user("admin@example.com").id();
        assertThat(admin.send("DELETE", "/api/users/" + adminId, null, true).status()).isEqualTo(400);
        assertThat(admin.send("PATCH", "/api/users/" + adminId, "{\"role\":\"viewer\"}", true).status()).isEqualTo(409);
    }

    @Test
    void everyChange_isInTheAuditTrail_whoWhatBeforeAfter_andAdminsCanExportIt() {
        Browser dev = login("dev@example.com");
        Browser admin = login("admin@example.com");
        dev.post("/api/projects/" + projectA + "/tasks", "{\"name\":\"Audited task\"}");
        admin.post("/api/users", "{\"email\":\"new@example.com\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}");

        List<AuditEntry> log = web.accountStore.audit(0, null, 10);
        assertThat(log).extracting(AuditEntry::action).containsExactly("user.add", "task.add");
        assertThat(log.get(1).actor()).isEqualTo("user:dev@example.com");
        assertThat(log.get(1).after()).isEqualTo("Audited task");
        assertThat(log.get(1).projectId().value()).isEqualTo(projectA);

        WebHarness.Reply json = admin.get("/api/audit?limit=1");
        assertThat((List<?>) json.get("entries")).hasSize(1);
        assertThat(json.get("next_before")).isNotNull();
        WebHarness.Reply jsonl = admin.get("/api/audit?format=jsonl&project_id=" + projectA);
        assertThat(jsonl.status()).isEqualTo(200);
        assertThat(jsonl.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(jsonl.raw().lines().toList()).singleElement().asString().contains("\"action\":\"task.add\"");
        assertThat(admin.get("/api/audit?limit=abc").get("field")).isEqualTo("limit");
    }

    @Test
    void apiTokens_areShownOnce_workWithoutCsrf_areScopedToTheirProject_andRevocable() {
        Browser dev = login("dev@example.com");
        WebHarness.Reply made = dev.post("/api/tokens", "{\"project_id\":\"" + projectA + "\",\"name\":\"laptop\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String secret = (String) made.get("secret");
        String tokenId = (String) ((Map<?, ?>) made.get("token")).get("id");
        assertThat(secret).startsWith("mrc_");
        assertThat(dev.get("/api/tokens").raw()).doesNotContain(secret).contains(tokenId);

        assertThat(withToken("GET", "/api/projects/" + projectA + "/board", null, secret).status()).isEqualTo(200);
        assertThat(withToken("POST", "/api/projects/" + projectA + "/tasks", "{\"name\":\"By token\"}", secret).status())
                .isEqualTo(201);
        // project B is out of reach, and invisible in the list
        WebHarness.Reply other = withToken("GET", "/api/projects/" + projectB + "/board", null, secret);
        assertThat(other.status()).isEqualTo(403);
        assertThat(withToken("POST", "/api/projects/" + projectB + "/tasks", "{\"name\":\"x\"}", secret).status()).isEqualTo(403);
        assertThat(String.valueOf(withToken("GET", "/api/projects", null, secret).get("projects")))
                .contains(projectA).doesNotContain(projectB);
        assertThat(withToken("POST", "/api/projects", "{\"name\":\"T\",\"description\":\"- a\"}", secret).status()).isEqualTo(403);
        assertThat(withToken("POST", "/api/tokens", "{\"project_id\":\"" + projectA + "\",\"name\":\"child\"}", secret)
                .status()).isEqualTo(403);
        assertThat(web.core.projects().tasks(projectB)).hasSize(1);

        assertThat(dev.send("DELETE", "/api/tokens/" + tokenId, null, true).status()).isEqualTo(200);
        assertThat(withToken("GET", "/api/projects/" + projectA + "/board", null, secret).status()).isEqualTo(401);
    }

    @Test
    void theLiveFeed_needsASession_andRefusesOtherOrigins() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String ws = "ws://127.0.0.1:" + web.app.port() + "/ws";
        WebSocket.Listener listener = new WebSocket.Listener() { };
        assertThatThrownBy(() -> http.newWebSocketBuilder().buildAsync(URI.create(ws), listener).join())
                .isInstanceOf(CompletionException.class);
        Browser dev = login("dev@example.com");
        assertThatThrownBy(() -> http.newWebSocketBuilder().header("Cookie", dev.cookie()).header("Origin", "http://evil.example")
                .buildAsync(URI.create(ws), listener).join()).isInstanceOf(CompletionException.class);
        WebSocket ok = http.newWebSocketBuilder().header("Cookie", dev.cookie()).buildAsync(URI.create(ws), listener)
                .get(10, TimeUnit.SECONDS);
        ok.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    @Test
    void mcpOverHttp_needsAValidToken_andATokenForAProjectCannotTouchAnother() {
        Browser dev = login("dev@example.com");
        String secret = (String) dev.post("/api/tokens", "{\"project_id\":\"" + projectA + "\",\"name\":\"agent\"}").get("secret");
        assertThatThrownBy(() -> mcp(null)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> mcp("mrc_notARealToken")).isInstanceOf(RuntimeException.class);
        try (McpSyncClient c = mcp(secret)) {
            assertThat(call(c, "register_agent", Map.of("agent_id", "a1", "name", "Ann", "role", "dev")).get("success"))
                    .isEqualTo(true);
            Map<String, Object> next = call(c, "request_next_task", Map.of("agent_id", "a1"));
            assertThat(next.get("success")).isEqualTo(true);
            assertThat(String.valueOf(next.get("task"))).contains("Build the API");
            Map<String, Object> refused = call(c, "get_project_status", Map.of("project_id", projectB));
            assertThat(refused.get("error_code")).isEqualTo("forbidden");
            assertThat(call(c, "create_project", Map.of("project_name", "Evil", "description", "- x")).get("error_code"))
                    .isEqualTo("forbidden");
        }
        assertThat(web.core.projects().list()).hasSize(2);
        assertThat(web.accountStore.audit(0, null, 10)).extracting(AuditEntry::action)
                .contains("mcp.register_agent", "mcp.request_next_task");
    }

    private McpSyncClient mcp(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(web.base()).endpoint("/mcp")
                        .requestBuilder(request).build())
                .requestTimeout(Duration.ofSeconds(20)).initializationTimeout(Duration.ofSeconds(20)).build();
        try {
            client.initialize();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
        return (Map<String, Object>) r.structuredContent();
    }
}
