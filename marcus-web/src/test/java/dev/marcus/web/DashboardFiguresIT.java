package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.Limits;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Figures and screenshots of the dashboard in headless Chromium, printed as {@code FIGURE …} lines: run on demand,
 * never as a timed assertion ({@code -Dmarcus.figures=true}; screenshots also need {@code -Dmarcus.screenshots=DIR}).
 */
@EnabledIfSystemProperty(named = "marcus.figures", matches = "true")
class DashboardFiguresIT {
    private static final int TASKS = 10_000;
    private static final int RUNS = 5;
    @RegisterExtension
    static final ChromiumExtension CHROMIUM = new ChromiumExtension();

    private static HeadlessChromium browser() {
        return CHROMIUM.browser();
    }

    /** Navigation start to the four board columns filled, for a project of 10,000 tasks. */
    @Test
    void firstRenderOfTheBoard_with10000Tasks() {
        Limits roomy = new Limits(200, 20_000, 100, 5L * 1024 * 1024, TASKS);
        try (WebHarness web = new WebHarness(b -> b.limits(roomy))) {
            long s0 = System.nanoTime();
            // planned in slices of 1,000 (a description has a size limit); chains of ten tasks stay within a slice
            String id = null;
            for (int slice = 0; slice < TASKS / 1_000; slice++) {
                StringBuilder outline = new StringBuilder();
                for (int i = slice * 1_000; i < (slice + 1) * 1_000; i++) {
                    if (i % 100 == 0) {
                        outline.append("# Feature ").append(i / 100).append('\n');
                    }
                    outline.append("- Task ").append(i).append(" (1h)");
                    if (i % 10 != 0) {
                        outline.append(" (after Task ").append(i - 1).append(')');
                    }
                    outline.append('\n');
                }
                if (id == null) {
                    id = web.project("Ten thousand", outline.toString());
                } else {
                    web.core.projects().createTasks("Ten thousand", outline.toString(), ProjectService.CreateOptions.NONE);
                }
            }
            for (int a = 0; a < 20; a++) {
                web.core.agents().register("agent-" + a, "Agent " + a, "dev", List.of(), id);
            }
            for (int i = 0; i < 1_000; i++) {
                String agent = "agent-" + (i % 20);
                String task = DashboardBrowserIT.claim(web, agent);
                DashboardBrowserIT.complete(web, agent, task);
            }
            for (int a = 0; a < 20; a++) {
                String task = DashboardBrowserIT.claim(web, "agent-" + a);
                if (a < 3) {
                    web.core.progress().reportBlocker("agent-" + a, task, "waiting for a decision", "medium");
                }
            }
            System.out.printf("FIGURE dashboard seed: %d tasks, 1,000 done, 17 in progress, 3 blocked in %.1f s%n",
                    TASKS, (System.nanoTime() - s0) / 1e9);

            List<Long> api = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                var board = web.get("/api/projects/" + id + "/board");
                api.add((System.nanoTime() - t0) / 1_000_000);
                bytes = board.raw().length();
                assertThat(((List<?>) board.get("tasks"))).hasSize(TASKS);
            }
            List<Long> dom = new ArrayList<>();
            List<Long> painted = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                browser().navigate("about:blank");
                browser().waitFor("location.href === 'about:blank'", Duration.ofSeconds(10));
                browser().navigate(web.base() + "/#" + id);
                browser().waitFor("document.body && document.body.dataset.paintedMs", Duration.ofSeconds(60));
                assertThat(browser().eval("document.body.dataset.rendered")).isEqualTo(String.valueOf(TASKS));
                assertThat(browser().eval("document.querySelectorAll('#board .task').length")).isEqualTo(300 + 17 + 3 + 300);
                dom.add(Long.parseLong((String) browser().eval("document.body.dataset.firstRenderMs")));
                painted.add(Long.parseLong((String) browser().eval("document.body.dataset.paintedMs")));
            }
            System.out.printf("FIGURE dashboard GET /board, %d tasks: %s KB JSON, %s ms (runs: %s)%n", TASKS, bytes / 1024,
                    median(api), api);
            System.out.printf("FIGURE dashboard first render, %d tasks: navigation start -> board columns filled median %d ms"
                    + " (runs: %s); -> next frame painted median %d ms (runs: %s)%n", TASKS, median(dom), dom,
                    median(painted), painted);
            browser().eval("document.querySelector('#board .column[data-status=todo] .more button').click()");
            assertThat(browser().eval("document.querySelectorAll('#board .column[data-status=todo] .task').length"))
                    .isEqualTo(600);
        }
    }

    /** Screenshots for docs/dashboard.md: six hours of four agents' work on a small shop, laptop and phone. */
    @Test
    @EnabledIfSystemProperty(named = "marcus.screenshots", matches = ".+")
    void screenshotsForTheDocs() {
        Path dir = Path.of(System.getProperty("marcus.screenshots"));
        AtomicReference<Instant> simulated = new AtomicReference<>(Instant.now().minus(Duration.ofHours(6)));
        try (WebHarness web = new WebHarness(b -> b.clock(() -> {
            Instant t = simulated.get();
            return t == null ? Instant.ofEpochMilli(System.currentTimeMillis()) : t;
        }))) {
            String id = seedDemo(web, simulated);
            browser().viewport(1280, 800, 1, false);
            try {
                browser().navigate(web.base() + "/#" + id);
                browser().waitFor("document.body.dataset.insights && document.getElementById('feed').dataset.count > 0",
                        Duration.ofSeconds(20));
                browser().eval("new Promise(r => setTimeout(r, 400))");
                browser().screenshot(dir.resolve("dashboard-board.png"));
                double top = ((Number) browser().eval("document.getElementById('charts-section').getBoundingClientRect().top"
                        + " + scrollY - 8")).doubleValue();
                browser().screenshot(dir.resolve("dashboard-charts.png"), 0, top, 1280, 800);
                double graph = ((Number) browser().eval("document.getElementById('graph-section').getBoundingClientRect().top"
                        + " + scrollY - 8")).doubleValue();
                browser().screenshot(dir.resolve("dashboard-graph-health.png"), 0, graph, 1280, 800);

                browser().viewport(390, 844, 1, true);
                browser().navigate("about:blank");
                browser().navigate(web.base() + "/#" + id);
                browser().waitFor("document.body.dataset.insights && document.getElementById('feed').dataset.count > 0",
                        Duration.ofSeconds(20));
                browser().eval("new Promise(r => setTimeout(r, 400))");
                browser().screenshot(dir.resolve("dashboard-phone.png"));
                double lanes = ((Number) browser().eval("document.getElementById('health-section').getBoundingClientRect().top"
                        + " + scrollY - 4")).doubleValue();
                browser().screenshot(dir.resolve("dashboard-phone-charts.png"), 0, lanes, 390, 844);
                System.out.println("FIGURE screenshots written to " + dir.toAbsolutePath().normalize());
            } finally {
                browser().resetViewport();
            }
        }
    }

    /** Screenshots for docs/security/accounts.md: the sign-in page and the Admin page. */
    @Test
    @EnabledIfSystemProperty(named = "marcus.screenshots", matches = ".+")
    void accountScreenshotsForTheDocs() {
        Path dir = Path.of(System.getProperty("marcus.screenshots"));
        String password = "a long enough passphrase";
        try (WebHarness web = WebHarness.withAccounts()) {
            browser().send("Network.clearBrowserCookies", java.util.Map.of());
            var admin = web.accounts.addUser("ada@example.com", password.toCharArray(), dev.marcus.core.model.Role.ADMIN);
            web.accounts.addUser("grace@example.com", password.toCharArray(), dev.marcus.core.model.Role.DEVELOPER);
            web.accounts.addUser("linus@example.com", password.toCharArray(), dev.marcus.core.model.Role.VIEWER);
            String id = web.project("Online shop", "- Design the database schema\n- Orders API (after Design the database schema)");
            var ada = new dev.marcus.core.account.Principal("user:ada@example.com", admin.id(), dev.marcus.core.model.Role.ADMIN, null);
            web.accounts.createToken(ada, id, "claude-code on ada's laptop", dev.marcus.core.model.Role.DEVELOPER);
            web.accounts.audit(ada, "task.update", "task-…", new dev.marcus.core.model.ProjectId(id), "priority=medium",
                    "priority=high");
            browser().viewport(1280, 800, 1, false);
            try {
                browser().navigate(web.base() + "/login.html");
                browser().waitFor("document.getElementById('login')?.dataset.ready === '1'", Duration.ofSeconds(20));
                browser().eval("document.getElementById('email').value = 'ada@example.com'; true");
                browser().screenshot(dir.resolve("accounts-sign-in.png"), 0, 0, 1280, 420);
                browser().eval("document.getElementById('password').value = '" + password + "';"
                        + "document.getElementById('login').requestSubmit(); true");
                browser().waitFor("location.pathname === '/' && !!document.getElementById('user-menu')", Duration.ofSeconds(20));
                browser().navigate(web.base() + "/admin.html");
                browser().waitFor("document.querySelectorAll('#user-rows tr').length === 3 && "
                        + "document.querySelectorAll('#token-rows tr').length === 1 && "
                        + "document.querySelectorAll('#audit-rows tr').length >= 1", Duration.ofSeconds(20));
                browser().screenshot(dir.resolve("accounts-admin.png"));
                System.out.println("FIGURE account screenshots written to " + dir.toAbsolutePath().normalize());
            } finally {
                browser().resetViewport();
            }
        }
    }

    /**
     * Four agents over six simulated hours, in steps of five minutes: each takes a task, reports progress, and
     * mostly completes it; some block, one goes silent and has its lease recovered, one is unassigned by a person.
     */
    private static String seedDemo(WebHarness web, AtomicReference<Instant> clock) {
        String id = web.project("Online shop", """
                # Backend
                - Design the database schema (2h)
                - Payments provider integration (3h)
                - Orders API (after Design the database schema) (3h)
                - Catalogue API (after Design the database schema) (2h)
                - Customer accounts API (after Design the database schema) (2h)
                - Inventory sync job (after Catalogue API) (2h)
                - Checkout service (after Orders API, Payments provider integration) (3h)
                # Frontend
                - Design system (2h)
                - Product list page (after Catalogue API, Design system) (2h)
                - Product detail page (after Catalogue API, Design system) (2h)
                - Cart page (after Orders API, Design system) (2h)
                - Checkout page (after Checkout service, Cart page) (3h)
                - Account pages (after Customer accounts API, Design system) (2h)
                # Quality
                - End-to-end tests for checkout (after Checkout page) (2h)
                - Load test of the orders API (after Orders API) (1h)
                - Security review (after Checkout service, Customer accounts API) (2h)
                # Release
                - Deploy to staging (after End-to-end tests for checkout, Security review) (1h)
                - Deploy to production (after Deploy to staging) (1h)
                """);
        String[][] team = {{"claude-1", "Claude (backend)", "backend,type:implement,type:deploy"},
            {"claude-2", "Claude (frontend)", "frontend,type:implement"}, {"codex-1", "Codex", "backend,type:test"},
            {"gemini-1", "Gemini", "frontend,type:test,type:design"}};
        for (String[] a : team) {
            web.core.agents().register(a[0], a[1], "dev", List.of(a[2].split(",")), id);
        }
        Random random = new Random(7);
        Map<String, String> holding = new HashMap<>();
        Map<String, Integer> left = new HashMap<>();
        Map<String, Integer> progress = new HashMap<>();
        int step = 0;
        boolean silentDone = false;
        boolean unassignDone = false;
        while (clock.get().isBefore(Instant.now().minus(Duration.ofMinutes(5)))) {
            step++;
            for (String[] a : team) {
                String agent = a[0];
                String task = holding.get(agent);
                if (task == null) {
                    if (web.core.assignments().requestNextTask(agent, 0) instanceof AssignmentService.Assigned got) {
                        holding.put(agent, got.task().id().value());
                        left.put(agent, 3 + random.nextInt(9));
                        progress.put(agent, 0);
                    }
                    continue;
                }
                int remaining = left.merge(agent, -1, Integer::sum);
                if (!silentDone && agent.equals("codex-1") && step > 20) {
                    silentDone = true; // the agent's session died: no more reports; the sweeper takes the task back
                    holding.remove(agent);
                    clock.set(clock.get().plus(Duration.ofMinutes(1)));
                    continue;
                }
                if (remaining > 0) {
                    int p = Math.min(90, progress.merge(agent, 10 + random.nextInt(20), Integer::sum));
                    web.core.progress().report(new ProgressService.Report(agent, task, "in_progress", p,
                            "working: " + p + "%", null, null, null));
                } else if (random.nextInt(10) == 0) {
                    web.core.progress().reportBlocker(agent, task, "the staging database refuses connections", "high");
                    holding.remove(agent);
                } else if (!unassignDone && step > 30) {
                    unassignDone = true; // a person took the task back to re-plan it
                    web.core.progress().unassign(task, null);
                    holding.remove(agent);
                } else {
                    DashboardBrowserIT.complete(web, agent, task);
                    holding.remove(agent);
                }
            }
            clock.set(clock.get().plus(Duration.ofMinutes(5)));
            web.core.sweeper().sweep();
            if (step % 24 == 0) {
                for (Task t : web.core.projects().tasks(id)) {
                    if (t.status() == TaskStatus.BLOCKED && random.nextBoolean()) {
                        web.core.progress().resolveBlocker(t.id().value());
                    }
                }
            }
        }
        clock.set(null);
        return id;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
