package dev.marcus.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Priority;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OutlinePlannerTest {
    private final OutlinePlanner planner = new OutlinePlanner();

    private static Map<String, PlannedTask> byName(ProjectPlan plan) {
        return plan.tasks().stream().collect(Collectors.toMap(PlannedTask::name, Function.identity()));
    }

    @Test
    void headingsBecomeFeatures_andBulletsBecomeTasks() {
        ProjectPlan plan = planner.plan("""
                # Feature: Accounts
                - Design user schema
                - Build signup endpoint
                ## Storefront
                1. Product list page
                2) Cart
                """);
        assertThat(plan.features()).containsExactly("Accounts", "Storefront");
        assertThat(plan.tasks()).extracting(PlannedTask::name)
                .containsExactly("Design user schema", "Build signup endpoint", "Product list page", "Cart");
        assertThat(byName(plan).get("Cart").labels()).contains("feature:storefront");
        assertThat(byName(plan).get("Cart").feature()).isEqualTo("Storefront");
    }

    @Test
    void afterAndDependsOn_nameDependenciesByTaskOrFeature() {
        ProjectPlan plan = planner.plan("""
                # Backend
                - Schema
                - API: REST endpoints (after Schema)
                # Frontend
                - Pages — depends on API
                - Release notes, after Backend and Pages
                - Smoke test once Pages is done
                """);
        Map<String, PlannedTask> t = byName(plan);
        assertThat(t.get("API").description()).isEqualTo("REST endpoints");
        assertThat(t.get("API").dependsOn()).containsExactly(t.get("Schema").key());
        assertThat(t.get("Pages").dependsOn()).containsExactly(t.get("API").key());
        assertThat(t.get("Release notes").dependsOn())
                .containsExactlyInAnyOrder(t.get("Schema").key(), t.get("API").key(), t.get("Pages").key());
        assertThat(t.get("Smoke test").dependsOn()).containsExactly(t.get("Pages").key());
    }

    @Test
    void tags_setPriorityAndLabels_andParenthesisedHoursSetTheEstimate() {
        ProjectPlan plan = planner.plan("- Fix login [urgent] [backend] (3h)\n- Tidy css [low] (0.5 hours)");
        PlannedTask fix = byName(plan).get("Fix login");
        assertThat(fix.priority()).isEqualTo(Priority.URGENT);
        assertThat(fix.labels()).containsExactly("backend");
        assertThat(fix.estimatedHours()).isEqualTo(3.0);
        assertThat(byName(plan).get("Tidy css").estimatedHours()).isEqualTo(0.5);
        assertThat(byName(plan).get("Tidy css").priority()).isEqualTo(Priority.LOW);
    }

    @Test
    void nestedBullets_becomeAcceptanceCriteria() {
        ProjectPlan plan = planner.plan("""
                - Login form
                  - shows an error on a wrong password
                  - remembers the email
                - Logout
                """);
        assertThat(plan.tasks()).hasSize(2);
        assertThat(byName(plan).get("Login form").acceptanceCriteria())
                .containsExactly("shows an error on a wrong password", "remembers the email");
    }

    @Test
    void unknownReference_isAWarningNamingTheLine_andThePlanStands() {
        ProjectPlan plan = planner.plan("- A\n- B (after Nothing)");
        assertThat(plan.tasks()).hasSize(2);
        assertThat(byName(plan).get("B").dependsOn()).isEmpty();
        assertThat(plan.warnings()).singleElement().asString().contains("line 2").contains("Nothing");
    }

    @Test
    void referencesResolveByMeaningBearingWords_headNounAndStepNumbers() {
        ProjectPlan plan = planner.plan("""
                1. Define the event schema for device telemetry
                2. Store readings in TimescaleDB; this depends on the schema
                3. Compute hourly rollups once storage is done
                4. Expose the rollups (after step 3)
                """);
        Map<String, PlannedTask> t = byName(plan);
        assertThat(t.get("Store readings in TimescaleDB").dependsOn()).containsExactly(t.get("Define the event schema for device telemetry").key());
        assertThat(t.get("Compute hourly rollups").dependsOn()).containsExactly(t.get("Store readings in TimescaleDB").key());
        assertThat(t.get("Expose the rollups").dependsOn()).containsExactly(t.get("Compute hourly rollups").key());
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void duplicateTaskNames_areNumbered_withAWarning() {
        ProjectPlan plan = planner.plan("- Build\n- Build");
        assertThat(plan.tasks()).extracting(PlannedTask::name).containsExactly("Build", "Build (2)");
        assertThat(plan.warnings()).singleElement().asString().contains("used twice");
    }

    @Test
    void textWithoutBullets_isRefusedWithAHint() {
        assertThatThrownBy(() -> planner.plan("We need a shop that sells socks."))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("one bullet");
    }

    @Test
    void uniquePrefix_resolvesAReference() {
        ProjectPlan plan = planner.plan("- Database migrations for orders\n- Order API (after Database migrations)");
        Map<String, PlannedTask> t = byName(plan);
        assertThat(t.get("Order API").dependsOn()).containsExactly(t.get("Database migrations for orders").key());
    }
}
