package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.Role;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts in a real headless Chromium: sign-in, CSRF handled by the page, roles in the page, the Admin page. */
class AccountsBrowserIT {
    private static final String PASSWORD = "a long enough passphrase";
    @RegisterExtension
    static final ChromiumExtension CHROMIUM = new ChromiumExtension();

    private static HeadlessChromium browser() {
        return CHROMIUM.browser();
    }
    private WebHarness web;
    private String project;

    @BeforeEach
    void setUp() {
        browser().send("Network.clearBrowserCookies", Map.of());
        web = WebHarness.withAccounts();
        web.accounts.addUser("admin@example.com", PASSWORD.toCharArray(), Role.ADMIN);
        web.accounts.addUser("dev@example.com", PASSWORD.toCharArray(), Role.DEVELOPER);
        web.accounts.addUser("viewer@example.com", PASSWORD.toCharArray(), Role.VIEWER);
        project = web.project("Shop", "- Schema\n- API (after Schema)");
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private void signIn(String email, String password) {
        browser().navigate(web.base() + "/#" + project);
        browser().waitFor("location.pathname === '/login.html' && document.getElementById('login')?.dataset.ready === '1'", Duration.ofSeconds(20));
        browser().eval("document.getElementById('email').value = '" + email + "';"
                + "document.getElementById('password').value = '" + password + "';"
                + "document.getElementById('login').requestSubmit(); true");
    }

    @Test
    void signingIn_leadsToTheBoard_theCookieIsHiddenFromScripts_andChangesCarryTheCsrfToken() {
        signIn("dev@example.com", "wrong password here");
        browser().waitFor("document.getElementById('login-error').textContent.length > 0", Duration.ofSeconds(20));
        assertThat(browser().eval("document.getElementById('login-error').textContent")).isEqualTo("email or password is not correct");

        browser().eval("document.getElementById('password').value = '" + PASSWORD + "';"
                + "document.getElementById('login').requestSubmit(); true");
        browser().waitFor("location.pathname === '/' && document.body.dataset.rendered === '2' "
                + "&& !!document.getElementById('user-menu')", Duration.ofSeconds(20));
        assertThat((String) browser().eval("document.getElementById('user-menu').textContent")).contains("dev@example.com · developer");
        assertThat((String) browser().eval("document.cookie")).doesNotContain("marcus_session");

        Object viaPage = browser().eval("fetch('/api/projects/" + project + "/tasks', {method:'POST', headers:{'Content-Type':"
                + "'application/json'}, body: JSON.stringify({name:'Added in the page'})}).then(r => r.status)");
        assertThat(viaPage).isEqualTo(201);
        Object forged = browser().eval("new Promise(ok => { const x = new XMLHttpRequest(); x.open('POST', '/api/projects/"
                + project + "/tasks'); x.setRequestHeader('Content-Type', 'application/json'); x.onload = () => ok(x.status);"
                + " x.send(JSON.stringify({name:'No CSRF token'})); })");
        assertThat(forged).isEqualTo(403);
        assertThat(web.core.projects().tasks(project)).extracting(t -> t.name()).contains("Added in the page")
                .doesNotContain("No CSRF token");
    }

    @Test
    void anAgentsCompletion_overMcpWithAToken_appearsWithoutReload() {
        signIn("dev@example.com", PASSWORD);
        browser().waitFor("document.body.dataset.rendered === '2' && document.getElementById('live').textContent === 'live'",
                Duration.ofSeconds(20));
        browser().eval("window.__marker = 'same page'");
        String secret = web.accounts.createToken(new dev.marcus.core.account.Principal("user:dev",
                web.accounts.user("dev@example.com").id(), Role.DEVELOPER, null), project, "agent", Role.DEVELOPER).secret();
        var transport = HttpClientStreamableHttpTransport.builder(web.base()).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + secret)).build();
        try (McpSyncClient agent = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build()) {
            agent.initialize();
            agent.callTool(new McpSchema.CallToolRequest("register_agent", Map.of("agent_id", "a1", "name", "Ann", "role", "dev")));
            var next = agent.callTool(new McpSchema.CallToolRequest("request_next_task", Map.of("agent_id", "a1")));
            String taskId = (String) ((Map<?, ?>) ((Map<?, ?>) next.structuredContent()).get("task")).get("id");
            agent.callTool(new McpSchema.CallToolRequest("report_task_progress",
                    Map.of("agent_id", "a1", "task_id", taskId, "status", "completed", "progress", 100)));
            browser().waitFor("!!document.querySelector('#board .column[data-status=done] [data-task-id=\"" + taskId + "\"]')",
                    Duration.ofSeconds(10));
        }
        assertThat(browser().eval("window.__marker")).isEqualTo("same page");
    }

    @Test
    void aViewer_seesTheBoard_butNoEditingControls_andTheServerRefusesEdits() {
        signIn("viewer@example.com", PASSWORD);
        browser().waitFor("document.body.dataset.rendered === '2' && document.body.dataset.role === 'viewer'",
                Duration.ofSeconds(20));
        assertThat(browser().eval("getComputedStyle(document.getElementById('add-task')).display")).isEqualTo("none");
        assertThat(browser().eval("getComputedStyle(document.getElementById('create')).display")).isEqualTo("none");
        Object status = browser().eval("fetch('/api/projects/" + project + "/tasks', {method:'POST', headers:{'Content-Type':"
                + "'application/json'}, body: JSON.stringify({name:'sneaky'})}).then(r => r.status)");
        assertThat(status).isEqualTo(403);
        assertThat(web.core.projects().tasks(project)).hasSize(2);

        browser().eval("document.getElementById('sign-out').click(); true");
        browser().waitFor("location.pathname === '/login.html'", Duration.ofSeconds(20));
        assertThat(web.get("/api/projects").status()).isEqualTo(401);
    }

    @Test
    void theAdminPage_listsUsers_makesATokenShownOnce_andShowsTheAuditTrail() {
        signIn("admin@example.com", PASSWORD);
        browser().waitFor("document.body.dataset.rendered === '2'", Duration.ofSeconds(20));
        browser().navigate(web.base() + "/admin.html");
        browser().waitFor("document.querySelectorAll('#user-rows tr').length === 3 && "
                + "document.getElementById('token-project').options.length === 1", Duration.ofSeconds(20));
        browser().eval("document.getElementById('token-name').value = 'ci bot <b>x</b>';"
                + "document.getElementById('token-form').requestSubmit(); true");
        browser().waitFor("!document.getElementById('token-secret').hidden && document.querySelectorAll('#token-rows tr').length === 1",
                Duration.ofSeconds(20));
        String secret = (String) browser().eval("document.getElementById('token-secret-value').textContent");
        assertThat(secret).startsWith("mrc_");
        assertThat(web.accounts.tokenPrincipal(secret)).isPresent();
        assertThat((String) browser().eval("document.getElementById('token-rows').textContent")).contains("ci bot <b>x</b>")
                .doesNotContain(secret);
        browser().navigate(web.base() + "/admin.html");
        browser().waitFor("document.querySelectorAll('#audit-rows tr').length >= 1", Duration.ofSeconds(20));
        assertThat((String) browser().eval("document.getElementById('audit-rows').textContent")).contains("token.create");
    }
}
