package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.mcp.McpHarness.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** create_project (prose, idempotent), create_tasks and add_feature through a real MCP client. */
class PlanningToolsTest {
    private McpHarness h;

    @BeforeEach
    void start() {
        h = new McpHarness(ToolProfile.STANDARD);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static final String PROSE = "Users can sign up with email. Customers can browse products. Deploy it to a cloud host.";

    @Test
    @SuppressWarnings("unchecked")
    void createProject_fromProse_andTheSameCallAgainReturnsTheFirstResult() {
        Reply first = h.call("create_project", Map.of("project_name", "Shop", "description", PROSE));
        assertThat(first.isError()).as(first.body().toString()).isFalse();
        assertThat(first.body()).containsEntry("replayed", false);
        assertThat((List<Object>) first.get("phases")).contains("Sign up with email", "Browse products");
        Reply again = h.call("create_project", Map.of("project_name", "Shop", "description", PROSE));
        assertThat(again.isError()).isFalse();
        assertThat(again.body()).containsEntry("replayed", true)
                .containsEntry("project_id", first.get("project_id"))
                .containsEntry("task_ids", first.get("task_ids"))
                .containsEntry("phases", first.get("phases"));
        assertThat(h.storage.listProjects()).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void createProject_answersWithWarnings_forReferencesItCouldNotResolve_andAReplayKeepsThem() {
        String steps = "1. Define the event schema for device telemetry\n"
                + "2. Store readings in TimescaleDB; this depends on the schema\n"
                + "3. Alert on gaps (after the weather feed)\n";
        Reply first = h.call("create_project", Map.of("project_name", "Telemetry", "description", steps));
        assertThat(first.isError()).as(first.body().toString()).isFalse();
        assertThat((List<String>) first.get("warnings")).singleElement().asString()
                .contains("line 3").contains("weather feed").contains("no dependency was added");
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) first.get("tasks");
        assertThat((List<String>) tasks.get(1).get("dependencies")).containsExactly((String) tasks.get(0).get("id"));
        Reply again = h.call("create_project", Map.of("project_name", "Telemetry", "description", steps));
        assertThat(again.body()).containsEntry("replayed", true).containsEntry("warnings", first.get("warnings"));
    }

    @Test
    void createProject_refusesAnExplicitCycle_namingIt() {
        Reply r = h.call("create_project", Map.of("project_name", "Loop", "description",
                "- Build the API (after the client library)\n- Build the client library (after the API)"));
        assertThat(r.isError()).isTrue();
        assertThat(r.error()).contains("cycle").contains("Build the API").contains("Build the client library");
        assertThat(h.storage.listProjects()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void createTasks_addsToTheNamedProject_andRefusesBadInputWithoutWriting() {
        h.call("create_project", Map.of("project_name", "Shop", "description", PROSE));
        Reply r = h.call("create_tasks", Map.of("project_name", "Shop",
                "task_description", "# Coupons\n- Design coupon rules\n- Coupon API\n- Test coupons\n"));
        assertThat(r.isError()).as(r.body().toString()).isFalse();
        assertThat(r.body()).containsEntry("success", true).containsEntry("tasks_created", 3)
                .containsEntry("phases", List.of("Coupons"));
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) r.get("tasks");
        assertThat((List<String>) tasks.get(1).get("dependencies")).containsExactly((String) tasks.get(0).get("id"));
        assertThat((List<String>) tasks.get(1).get("labels")).contains("type:implement", "backend");
        assertThat((List<String>) tasks.get(1).get("acceptance_criteria")).isNotEmpty();

        int before = h.storage.listTasks(h.storage.activeProject().orElseThrow()).size();
        Reply unknown = h.call("create_tasks", Map.of("project_name", "Nope", "task_description", "- A"));
        assertThat(unknown.isError()).isTrue();
        assertThat(unknown.error()).contains("project_name").contains("Nope");
        Reply cycle = h.call("create_tasks", Map.of("task_description", "- A (after B)\n- B (after A)"));
        assertThat(cycle.isError()).isTrue();
        assertThat(cycle.error()).contains("cycle");
        Reply missing = h.call("create_tasks", Map.of());
        assertThat(missing.isError()).isTrue();
        assertThat(h.storage.listTasks(h.storage.activeProject().orElseThrow())).hasSize(before);
        // a reference that names nothing is a warning, and the tasks are added without it
        Reply dangling = h.call("create_tasks", Map.of("task_description", "- C\n- D (after Nothing)"));
        assertThat(dangling.isError()).isFalse();
        assertThat((List<String>) dangling.get("warnings")).singleElement().asString().contains("Nothing");
        assertThat(h.storage.listTasks(h.storage.activeProject().orElseThrow())).hasSize(before + 2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void addFeature_wiresTheFeatureIn_andDeploymentWaitsForIt() {
        h.call("create_project", Map.of("project_name", "Shop", "description", PROSE));
        Reply r = h.call("add_feature", Map.of("feature_description", "Customers can review products they browse.",
                "integration_point", "auto_detect"));
        assertThat(r.isError()).as(r.body().toString()).isFalse();
        assertThat(r.body()).containsEntry("integration_point", "auto_detect")
                .containsEntry("feature_name", "Review products they browse");
        assertThat((List<String>) r.get("depends_on_existing")).isNotEmpty();
        assertThat((List<String>) r.get("existing_tasks_now_waiting")).hasSize(1);

        Reply parallel = h.call("add_feature", Map.of("feature_description", "- Dark mode toggle", "integration_point", "parallel"));
        assertThat(parallel.isError()).isFalse();
        assertThat((List<String>) parallel.get("depends_on_existing")).isEmpty();

        Reply bad = h.call("add_feature", Map.of("feature_description", "- X thing", "integration_point", "sideways"));
        assertThat(bad.isError()).isTrue();
        assertThat(bad.error()).contains("integration_point");
    }
}
