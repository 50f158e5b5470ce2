package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard in a real headless Chromium (one browser for the class, to stay fast on a shared machine). */
class DashboardBrowserIT {
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() {
        browser = HeadlessChromium.startOrSkip();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void boardRendersSeededProject_andInjectedTextStaysInert() {
        try (WebHarness web = new WebHarness()) {
            String id = web.project("Shop", "# Backend\n- Schema (2h)\n- API (after Schema)\n- Docs");
            web.core.projects().addTask(new dev.marcus.core.service.ProjectService.AddTask(id,
                    "<img src=x onerror=\"window.__pwned=1\">", SecurityTest.SQL, null, List.of(), List.of(), List.of(),
                    null, List.of(), null));
            browser.navigate(web.base() + "/#" + id);
            browser.waitFor("document.body.dataset.rendered === '4'", Duration.ofSeconds(20));
            assertThat(browser.eval("document.querySelectorAll('#board .column[data-status=todo] .task').length")).isEqualTo(4);
            assertThat(browser.eval("document.querySelectorAll('#graph .node').length")).isEqualTo(4);
            assertThat(browser.eval("document.querySelectorAll('#graph .node.crit').length")).isEqualTo(3); // Schema → API → Docs
            assertThat(browser.eval("document.getElementById('c-todo').textContent")).isEqualTo("4");
            browser.eval("new Promise(r => setTimeout(r, 300))");
            assertThat(browser.eval("window.__pwned === undefined")).isEqualTo(true);
            assertThat(browser.eval("[...document.querySelectorAll('.task .name')].some(e => e.textContent.includes('<img src=x'))"))
                    .isEqualTo(true);
        }
    }

    @Test
    void taskCompletedByAgentOverMcp_appearsDoneWithoutReload() {
        try (WebHarness web = new WebHarness()) {
            String id = web.project("Shop", "- Schema\n- API (after Schema)");
            browser.navigate(web.base() + "/#" + id);
            browser.waitFor("document.body.dataset.rendered === '2' && document.getElementById('live').textContent === 'live'",
                    Duration.ofSeconds(20));
            browser.eval("window.__marker = 'same page'");
            var transport = HttpClientStreamableHttpTransport.builder(web.base()).endpoint("/mcp").build();
            try (McpSyncClient agent = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build()) {
                agent.initialize();
                agent.callTool(new McpSchema.CallToolRequest("register_agent",
                        Map.of("agent_id", "a1", "name", "Ann", "role", "dev", "project_id", id)));
                var next = agent.callTool(new McpSchema.CallToolRequest("request_next_task", Map.of("agent_id", "a1")));
                String taskId = (String) ((Map<?, ?>) ((Map<?, ?>) next.structuredContent()).get("task")).get("id");
                browser.waitFor("document.querySelector('[data-task-id=\"" + taskId + "\"]').dataset.status === 'in_progress'",
                        Duration.ofSeconds(10));
                agent.callTool(new McpSchema.CallToolRequest("report_task_progress",
                        Map.of("agent_id", "a1", "task_id", taskId, "status", "completed", "progress", 100)));
                long ms = browser.waitFor("document.querySelector('#board .column[data-status=done] [data-task-id=\""
                        + taskId + "\"]')", Duration.ofSeconds(10));
                System.err.println("event-to-screen latency (MCP completion reply -> done card in DOM): " + ms + " ms");
            }
            assertThat(browser.eval("window.__marker")).isEqualTo("same page");
            assertThat(browser.eval("document.getElementById('c-done').textContent")).isEqualTo("1");
        }
    }

    @Test
    void viewerSeesTheBoardButNoEditingControls() {
        try (WebHarness web = new WebHarness(null, true)) {
            String id = web.project("Shop", "- Schema");
            browser.navigate(web.base() + "/#" + id);
            browser.waitFor("document.body.dataset.rendered === '1' && document.body.dataset.role === 'viewer'",
                    Duration.ofSeconds(20));
            assertThat(browser.eval("getComputedStyle(document.getElementById('add-task')).display")).isEqualTo("none");
            assertThat(browser.eval("getComputedStyle(document.getElementById('create')).display")).isEqualTo("none");
            Object status = browser.eval("fetch('/api/projects/" + id + "/tasks', {method:'POST', headers:{'Content-Type':"
                    + "'application/json'}, body: JSON.stringify({name:'sneaky'})}).then(r => r.status)");
            assertThat(status).isEqualTo(403);
            assertThat(web.core.projects().tasks(id)).hasSize(1);
        }
    }
}
