package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboard in a real headless Chromium (one browser for the class, to stay fast on a shared machine). */
class DashboardBrowserIT {
    @RegisterExtension
    static final ChromiumExtension CHROMIUM = new ChromiumExtension();

    private static HeadlessChromium browser() {
        return CHROMIUM.browser();
    }

    @Test
    void boardRendersSeededProject_andInjectedTextStaysInert() {
        try (WebHarness web = new WebHarness()) {
            String id = web.project("Shop", "# Backend\n- Schema (2h)\n- API (after Schema)\n- Docs");
            web.core.projects().addTask(new ProjectService.AddTask(id,
                    "<img src=x onerror=\"window.__pwned=1\">", SecurityTest.SQL, null, List.of(), List.of(), List.of(),
                    null, List.of(), null));
            browser().navigate(web.base() + "/#" + id);
            browser().waitFor("document.body.dataset.rendered === '4'", Duration.ofSeconds(20));
            assertThat(browser().eval("document.querySelectorAll('#board .column[data-status=todo] .task').length")).isEqualTo(4);
            assertThat(browser().eval("document.querySelectorAll('#graph .node').length")).isEqualTo(4);
            assertThat(browser().eval("document.querySelectorAll('#graph .node.crit').length")).isEqualTo(3); // Schema → API → Docs
            assertThat(browser().eval("document.getElementById('c-todo').textContent")).isEqualTo("4");
            browser().eval("new Promise(r => setTimeout(r, 300))");
            assertThat(browser().eval("window.__pwned === undefined")).isEqualTo(true);
            assertThat(browser().eval("[...document.querySelectorAll('.task .name')].some(e => e.textContent.includes('<img src=x'))"))
                    .isEqualTo(true);
        }
    }

    @Test
    void injectedTextInLanesChartsHealthAndFeed_staysText() {
        try (WebHarness web = new WebHarness()) {
            String id = web.project("Shop", "- Schema");
            web.core.projects().addTask(new ProjectService.AddTask(id, SecurityTest.SCRIPT, SecurityTest.SCRIPT, "urgent",
                    List.of(), List.of(), List.of(), null, List.of(), null));
            web.core.agents().register("ann", "<b onmouseover=alert(3)>Ann</b>", "dev", List.of(), id);
            complete(web, "ann", claim(web, "ann"));
            web.core.progress().reportBlocker("ann", claim(web, "ann"), SecurityTest.SCRIPT, "high");
            browser().navigate(web.base() + "/#" + id);
            browser().waitFor("document.body.dataset.rendered === '2' && document.querySelectorAll('#lanes .bar').length === 2"
                    + " && document.getElementById('feed').dataset.count > 0", Duration.ofSeconds(20));
            browser().eval("new Promise(r => setTimeout(r, 300))");
            assertThat(browser().eval("window.__pwned === undefined")).isEqualTo(true);
            assertThat(browser().eval("document.querySelectorAll('main img, main script, #lanes b, #feed b, #filter-agent b')"
                    + ".length + document.querySelectorAll('[onerror], [onmouseover]').length")).isEqualTo(0);
            assertThat(browser().eval("document.querySelector('#filter-agent option[value=ann]').textContent"))
                    .isEqualTo("<b onmouseover=alert(3)>Ann</b> (ann)");
            assertThat(browser().eval("[...document.querySelectorAll('#lanes title')].some(t => t.textContent.includes('<script>'))"))
                    .isEqualTo(true);
            assertThat(browser().eval("document.getElementById('feed').textContent.includes('<script>alert(1)</script>')"))
                    .isEqualTo(true);
        }
    }

    @Test
    void swimLanesChartsAndHealth_drawTheSeededProject() {
        try (WebHarness web = new WebHarness()) {
            Seeded seeded = seedWorkedProject(web);
            String id = seeded.id();
            browser().navigate(web.base() + "/#" + id);
            browser().waitFor("document.body.dataset.rendered === '6' && document.body.dataset.insights", Duration.ofSeconds(20));
            // one lane per agent: one finished a task and holds another, the other is blocked
            assertThat(browser().eval("document.querySelectorAll('#lanes .lane').length")).isEqualTo(2);
            assertThat(browser().eval("document.querySelectorAll('#lanes .lane[data-agent-id=" + seeded.finisher() + "] .bar').length")).isEqualTo(2);
            assertThat(browser().eval("document.querySelectorAll('#lanes .bar.o-completed').length")).isEqualTo(1);
            assertThat(browser().eval("document.querySelectorAll('#lanes .bar.o-open').length")).isEqualTo(1);
            assertThat(browser().eval("document.querySelectorAll('#lanes .lane[data-agent-id=" + seeded.blocked() + "] .bar.o-blocked').length"))
                    .isEqualTo(1);
            assertThat(browser().eval("document.querySelectorAll('#lanes .tick').length")).isEqualTo(7);
            // completions per hour: 25 hourly bars over the last 24 h, one completion in the latest
            assertThat(browser().eval("document.querySelectorAll('#throughput rect.tp').length")).isEqualTo(25);
            assertThat(browser().eval("+document.querySelector('#throughput rect.tp:last-of-type').getAttribute('height') > 0"))
                    .isEqualTo(true);
            assertThat(browser().eval("document.querySelectorAll('#cycle rect.ct').length")).isEqualTo(1);
            assertThat(browser().eval("document.querySelectorAll('#cycle line.ref').length")).isEqualTo(2);
            // burn-down: the remaining line and the forecast towards zero, with its date written out
            assertThat(browser().eval("document.querySelectorAll('#burndown path.burn').length")).isEqualTo(1);
            assertThat(browser().eval("document.querySelectorAll('#burndown line.forecast').length")).isEqualTo(1);
            Instant forecast = Instant.parse((String) browser().eval("document.getElementById('forecast').dataset.forecast"));
            Instant expected = Instant.parse((String) ((Map<?, ?>) web.get("/api/projects/" + id + "/timeline").get("forecast"))
                    .get("predicted_completion"));
            assertThat(Duration.between(forecast, expected).abs()).isLessThan(Duration.ofSeconds(10));
            assertThat((String) browser().eval("document.getElementById('forecast').textContent")).startsWith("Forecast: ");
            // health: the score in the gauge and one line per issue the core found
            var health = web.get("/api/projects/" + id + "/health");
            assertThat(browser().eval("+document.getElementById('health-gauge').dataset.score"))
                    .isEqualTo(health.get("health_score"));
            assertThat(browser().eval("document.querySelectorAll('#health-issues li.issue').length"))
                    .isEqualTo(((List<?>) health.get("issues")).size());
            assertThat(browser().eval("!!document.querySelector('#health-issues li[data-type=chain_block]')")).isEqualTo(true);
            assertThat(browser().eval("document.querySelectorAll('#health-advice li').length")).isEqualTo(
                    ((List<?>) ((Map<?, ?>) health.get("diagnosis")).get("recommendations")).size());
            // the task that three others wait for is marked as a bottleneck on the board and in the graph
            assertThat(browser().eval("document.querySelectorAll('#graph .node.neck').length")).isEqualTo(1);
            assertThat(browser().eval("document.querySelectorAll('#board .task.neck').length")).isEqualTo(1);
        }
    }

    @Test
    void feedFilters_narrowTheFeedByAgentTypeTaskAndText() {
        try (WebHarness web = new WebHarness()) {
            Seeded seeded = seedWorkedProject(web);
            String id = seeded.id();
            String who = seeded.blocked();
            browser().navigate(web.base() + "/#" + id);
            browser().waitFor("document.body.dataset.rendered === '6' && document.getElementById('feed').dataset.count > 0",
                    Duration.ofSeconds(20));
            String base = "/api/projects/" + id + "/events?limit=500";
            int all = ((List<?>) web.get(base).get("events")).size();
            assertThat(browser().eval("+document.getElementById('feed').dataset.count")).isEqualTo(all);

            filter("agent_id", who);
            int theirs = ((List<?>) web.get(base + "&agent_id=" + who).get("events")).size();
            assertThat(theirs).isBetween(1, all - 1);
            browser().waitFor("+document.getElementById('feed').dataset.count === " + theirs, Duration.ofSeconds(10));
            assertThat(browser().eval("[...document.querySelectorAll('#feed li')].every(li => li.dataset.agentId === '" + who + "')"))
                    .isEqualTo(true);

            filter("type", "task_blocked");
            browser().waitFor("+document.getElementById('feed').dataset.count === 1", Duration.ofSeconds(10));
            filter("agent_id", "");
            filter("type", "");
            filter("q", "credentials");
            int text = ((List<?>) web.get(base + "&q=credentials").get("events")).size();
            browser().waitFor("+document.getElementById('feed').dataset.count === " + text, Duration.ofSeconds(10));
            assertThat(text).isBetween(1, all - 1);

            filter("q", "");
            browser().waitFor("+document.getElementById('feed').dataset.count === " + all, Duration.ofSeconds(10));
            String task = (String) browser().eval("document.querySelector('#feed li[data-type=task_completed]').dataset.taskId");
            filter("task_id", task);
            int forTask = ((List<?>) web.get(base + "&task_id=" + task).get("events")).size();
            browser().waitFor("+document.getElementById('feed').dataset.count === " + forTask, Duration.ofSeconds(10));
            assertThat(browser().eval("[...document.querySelectorAll('#feed li')].every(li => li.dataset.taskId === '" + task + "')"))
                    .isEqualTo(true);

            browser().eval("document.getElementById('filter-clear').click()");
            browser().waitFor("+document.getElementById('feed').dataset.count === " + all, Duration.ofSeconds(10));
        }
    }

    @Test
    void phoneWidth_hasNoHorizontalOverflow() {
        try (WebHarness web = new WebHarness()) {
            String id = seedWorkedProject(web).id();
            browser().viewport(390, 844, 1, true);
            try {
                browser().navigate(web.base() + "/#" + id);
                browser().waitFor("document.body.dataset.rendered === '6' && document.body.dataset.insights", Duration.ofSeconds(20));
                assertThat(browser().eval("window.innerWidth")).isEqualTo(390);
                assertThat(browser().eval("document.documentElement.scrollWidth")).isEqualTo(390);
                Object wide = browser().eval("[...document.querySelectorAll('main > section:not([hidden]), header')]"
                        + ".filter(e => e.getBoundingClientRect().right > 390.5).map(e => e.id || e.tagName)");
                assertThat((List<?>) wide).isEmpty();
                assertThat(browser().eval("+document.getElementById('lanes').getAttribute('width') <= 390")).isEqualTo(true);
                assertThat(browser().eval("getComputedStyle(document.getElementById('board')).gridTemplateColumns.split(' ').length"))
                        .isEqualTo(1);
            } finally {
                browser().resetViewport();
            }
        }
    }

    @Test
    void newUser_seesHowToStart() {
        try (WebHarness web = new WebHarness()) {
            browser().navigate(web.base() + "/");
            browser().waitFor("!document.getElementById('empty').hidden", Duration.ofSeconds(20));
            assertThat(browser().eval("document.getElementById('create-details').open")).isEqualTo(true);
            assertThat((String) browser().eval("document.getElementById('mcp-add').textContent"))
                    .isEqualTo("claude mcp add --transport http marcus " + web.base() + "/mcp");
            assertThat(browser().eval("document.getElementById('board-section').hidden")).isEqualTo(true);
        }
    }

    /** A project after some work: who holds the blocked task that gates three others, and who finished a task. */
    record Seeded(String id, String blocked, String finisher) {
    }

    /**
     * Six tasks, Auth gating three, Schema → API: Bob and Ann each take one of the two ready tasks; the one who got
     * Auth reports a blocker (no database credentials), the other completes Schema and takes API.
     */
    static Seeded seedWorkedProject(WebHarness web) {
        String id = web.project("Shop", "# Backend\n- Schema (2h)\n- Auth (1h)\n- API (after Schema)\n"
                + "- Login (after Auth)\n- Signup (after Auth)\n- Profile (after Auth)");
        web.core.agents().register("ann", "Ann", "dev", List.of(), id);
        web.core.agents().register("bob", "Bob", "dev", List.of(), id);
        String bobs = claim(web, "bob");
        String anns = claim(web, "ann");
        boolean bobGotAuth = web.core.projects().tasks(id).stream()
                .anyMatch(t -> t.name().equals("Auth") && t.id().value().equals(bobs));
        String blocked = bobGotAuth ? "bob" : "ann";
        String finisher = bobGotAuth ? "ann" : "bob";
        web.core.progress().reportBlocker(blocked, bobGotAuth ? bobs : anns, "no database credentials", "high");
        complete(web, finisher, bobGotAuth ? anns : bobs);
        claim(web, finisher);
        return new Seeded(id, blocked, finisher);
    }

    static String claim(WebHarness web, String agent) {
        return ((AssignmentService.Assigned) web.core.assignments().requestNextTask(agent, 0)).task().id().value();
    }

    static void complete(WebHarness web, String agent, String task) {
        web.core.progress().report(new ProgressService.Report(agent, task, "completed", 100, "done", null, null, null));
    }

    private static void filter(String name, String value) {
        browser().eval("(() => { const f = document.querySelector('#feed-filter [name=" + name + "]'); f.value = "
                + WebJson.write(value) + "; f.dispatchEvent(new Event('change', {bubbles: true})); })()");
    }

    @Test
    void taskCompletedByAgentOverMcp_appearsDoneWithoutReload() {
        try (WebHarness web = new WebHarness()) {
            String id = web.project("Shop", "- Schema\n- API (after Schema)");
            browser().navigate(web.base() + "/#" + id);
            browser().waitFor("document.body.dataset.rendered === '2' && document.getElementById('live').textContent === 'live'",
                    Duration.ofSeconds(20));
            browser().eval("window.__marker = 'same page'");
            var transport = HttpClientStreamableHttpTransport.builder(web.base()).endpoint("/mcp").build();
            try (McpSyncClient agent = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build()) {
                agent.initialize();
                agent.callTool(new McpSchema.CallToolRequest("register_agent",
                        Map.of("agent_id", "a1", "name", "Ann", "role", "dev", "project_id", id)));
                var next = agent.callTool(new McpSchema.CallToolRequest("request_next_task", Map.of("agent_id", "a1")));
                String taskId = (String) ((Map<?, ?>) ((Map<?, ?>) next.structuredContent()).get("task")).get("id");
                browser().waitFor("document.querySelector('[data-task-id=\"" + taskId + "\"]').dataset.status === 'in_progress'",
                        Duration.ofSeconds(10));
                agent.callTool(new McpSchema.CallToolRequest("report_task_progress",
                        Map.of("agent_id", "a1", "task_id", taskId, "status", "completed", "progress", 100)));
                long ms = browser().waitFor("document.querySelector('#board .column[data-status=done] [data-task-id=\""
                        + taskId + "\"]')", Duration.ofSeconds(10));
                System.err.println("event-to-screen latency (MCP completion reply -> done card in DOM): " + ms + " ms");
                browser().waitFor("document.querySelectorAll('#lanes .bar.o-completed').length === 1"
                        + " && document.querySelectorAll('#cycle .ct').length === 1", Duration.ofSeconds(10));
            }
            assertThat(browser().eval("window.__marker")).isEqualTo("same page");
            assertThat(browser().eval("document.getElementById('c-done').textContent")).isEqualTo("1");
        }
    }

    @Test
    void viewerSeesTheBoardButNoEditingControls() {
        try (WebHarness web = new WebHarness(null, true)) {
            String id = web.project("Shop", "- Schema");
            browser().navigate(web.base() + "/#" + id);
            browser().waitFor("document.body.dataset.rendered === '1' && document.body.dataset.role === 'viewer'",
                    Duration.ofSeconds(20));
            assertThat(browser().eval("getComputedStyle(document.getElementById('add-task')).display")).isEqualTo("none");
            assertThat(browser().eval("getComputedStyle(document.getElementById('create')).display")).isEqualTo("none");
            Object status = browser().eval("fetch('/api/projects/" + id + "/tasks', {method:'POST', headers:{'Content-Type':"
                    + "'application/json'}, body: JSON.stringify({name:'sneaky'})}).then(r => r.status)");
            assertThat(status).isEqualTo(403);
            assertThat(web.core.projects().tasks(id)).hasSize(1);
        }
    }
}
