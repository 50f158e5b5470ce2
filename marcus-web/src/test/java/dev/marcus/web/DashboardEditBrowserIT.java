package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.service.ProjectService;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboard's human actions (edit.js) in a real headless Chromium, under the strict CSP. */
class DashboardEditBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final ChromiumExtension CHROMIUM = new ChromiumExtension();

    private static HeadlessChromium browser() {
        return CHROMIUM.browser();
    }

    private static String twoTasks(WebHarness web) {
        String id = web.project("Shop", "- Schema");
        web.core.projects().addTask(new ProjectService.AddTask(id, "API", "", "medium", List.of(), List.of(), List.of(),
                null, List.of(), null));
        web.core.agents().register("a1", "Ann", "dev", List.of(), id);
        return id;
    }

    private static String idOf(WebHarness web, String project, String name) {
        return web.core.projects().tasks(project).stream().filter(t -> t.name().equals(name)).map(Task::id)
                .findFirst().orElseThrow().value();
    }

    @Test
    void developer_editsATask_addsADependency_andPausesAnAgent() {
        try (WebHarness web = new WebHarness()) {
            String p = twoTasks(web);
            String schema = idOf(web, p, "Schema");
            String api = idOf(web, p, "API");
            browser().navigate(web.base() + "/#" + p);
            browser().waitFor("document.body.dataset.rendered === '2' && document.querySelectorAll('#agents-list .agent').length === 1",
                    WAIT);

            browser().eval("document.querySelector('.task[data-task-id=\"" + api + "\"]').click()");
            browser().waitFor("!!document.getElementById('edit-form') && document.getElementById('edit-form').elements.name.value === 'API'",
                    WAIT);
            browser().eval("(() => { const f = document.getElementById('edit-form'); f.elements.priority.value = 'urgent';"
                    + " f.elements.labels.value = 'backend, http'; f.dispatchEvent(new Event('input'));"
                    + " f.requestSubmit(); })()");
            browser().waitFor("document.getElementById('detail-meta').textContent.includes('urgent')", WAIT);
            Task edited = web.storage.findTask(new TaskId(api)).orElseThrow();
            assertThat(edited.priority()).isEqualTo(Priority.URGENT);
            assertThat(edited.labels()).containsExactly("backend", "http");

            browser().eval("(() => { document.getElementById('edit-dep-pick').value = '" + schema + "';"
                    + " document.getElementById('edit-dep-add').click(); })()");
            browser().waitFor("document.querySelectorAll('#edit-dep-list .dep').length === 1", WAIT);
            assertThat(web.storage.findTask(new TaskId(api)).orElseThrow().dependencies()).containsExactly(new TaskId(schema));

            browser().eval("document.querySelector('#edit-dep-list .dep button').click()");
            browser().waitFor("document.querySelectorAll('#edit-dep-list .dep').length === 0", WAIT);
            assertThat(web.storage.findTask(new TaskId(api)).orElseThrow().dependencies()).isEmpty();

            browser().eval("document.querySelector('#agents-list .agent button').click()");
            browser().waitFor("document.querySelector('#agents-list .agent button').textContent === 'Resume'", WAIT);
            assertThat(web.storage.findAgent(new AgentId("a1")).orElseThrow().isPaused()).isTrue();
            browser().eval("document.querySelector('#agents-list .agent button').click()");
            browser().waitFor("document.querySelector('#agents-list .agent button').textContent === 'Pause'", WAIT);
            assertThat(web.storage.findAgent(new AgentId("a1")).orElseThrow().isPaused()).isFalse();
        }
    }

    @Test
    void invalidEdit_showsTheFieldsError_andChangesNothing() {
        try (WebHarness web = new WebHarness()) {
            String p = twoTasks(web);
            String api = idOf(web, p, "API");
            browser().navigate(web.base() + "/#" + p);
            browser().waitFor("document.body.dataset.rendered === '2'", WAIT);
            browser().eval("document.querySelector('.task[data-task-id=\"" + api + "\"]').click()");
            browser().waitFor("!!document.getElementById('edit-form') && document.getElementById('edit-form').elements.name.value === 'API'",
                    WAIT);

            browser().eval("(() => { const f = document.getElementById('edit-form'); f.elements.name.value = 'x'.repeat(150);"
                    + " f.elements.name.removeAttribute('maxlength'); f.elements.name.value = 'y'.repeat(300);"
                    + " f.dispatchEvent(new Event('input')); f.requestSubmit(); })()");
            browser().waitFor("document.getElementById('edit-error').textContent.startsWith('name:')", WAIT);
            assertThat(web.storage.findTask(new TaskId(api)).orElseThrow().name()).isEqualTo("API");
        }
    }

    @Test
    void viewer_seesNoEditorAndNoPauseButtons() {
        try (WebHarness web = new WebHarness(null, true)) {
            String p = twoTasks(web);
            String api = idOf(web, p, "API");
            browser().navigate(web.base() + "/#" + p);
            browser().waitFor("document.body.dataset.rendered === '2' && document.body.dataset.role === 'viewer'", WAIT);
            browser().eval("document.querySelector('.task[data-task-id=\"" + api + "\"]').click()");
            browser().waitFor("!document.getElementById('detail').hidden", WAIT);
            browser().eval("new Promise(r => setTimeout(r, 300))");

            assertThat(browser().eval("document.getElementById('edit-task') === null")).isEqualTo(true);
            assertThat(browser().eval("document.getElementById('agents-section') === null")).isEqualTo(true);
        }
    }
}
