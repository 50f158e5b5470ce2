package dev.marcus.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.ValidationException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class OfflinePlannerTest {
    private final OfflinePlanner planner = new OfflinePlanner();

    static Stream<Arguments> descriptions() {
        return Stream.of(
                Arguments.of("outline with headings", """
                        # Accounts
                        - Design the user schema
                        - Signup endpoint
                        - Login page
                        - Test signup and login
                        # Storefront
                        - Product list page (after Accounts)
                        - Cart
                        """),
                Arguments.of("numbered steps", """
                        1. Design the database schema
                        2. Write the migrations
                        3. Build the REST API
                        4. Build the admin dashboard
                        5. Write end-to-end tests
                        6. Deploy to production
                        """),
                Arguments.of("plain prose", """
                        We need a small web shop that sells socks. Users can sign up and log in with email.
                        Customers should be able to browse products and add them to a cart. Admins can manage
                        roles and permissions for staff. Finally, deploy it to a cloud host.
                        """),
                Arguments.of("prose with once/after", """
                        Build a product catalog with search. Once the catalog is done, add a checkout with Stripe.
                        Write documentation for the checkout after the checkout.
                        """),
                Arguments.of("mixed headings, prose and bullets", """
                        # Backend
                        The backend stores orders in PostgreSQL and exposes a REST API.
                        # Frontend
                        - Order history page
                        - Order detail page
                        # Release
                        Depends on Frontend.
                        Ship version 1.0 to the app store.
                        """),
                Arguments.of("then-chains", "First design the data model, then build the models and repositories, then write the API docs."),
                Arguments.of("auth and authorization", """
                        - Role-based access control for projects
                        - Login with GitHub OAuth
                        - Project list page
                        """),
                Arguments.of("checkbox list and priorities", """
                        ## Sprint 1
                        - [ ] Fix login crash [urgent] (2h)
                        - [x] Rename settings page [low]
                        - [ ] Integrate the payment provider webhook
                          - refunds are recorded
                        """),
                Arguments.of("user stories", """
                        As a reader I want to bookmark articles. Readers can export bookmarks to CSV.
                        There should be a weekly email digest. Test the digest with a fake mail server.
                        """),
                Arguments.of("phases with explicit dependencies", """
                        # Phase 1: Foundation
                        1. Set up repository and CI pipeline
                        2. Database schema for tenants
                        # Phase 2: Features
                        - Tenant models
                        - Billing integration, after Tenant models
                        - Billing dashboard page
                        # Phase 3: Launch
                        - Write user guide
                        - Deploy release 1.0
                        """),
                Arguments.of("one-line request", "Build a CLI that converts CSV files to JSON"),
                Arguments.of("windows line endings and tabs", "# API\r\n-\tDesign endpoints\r\n-\tImplement endpoints\r\n-\tTest endpoints\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptions")
    void everyDescription_makesASoundGraph(String label, String text) {
        ProjectPlan plan = planner.plan(text);
        assertThat(plan.tasks()).as(label).isNotEmpty();
        PlanValidator.check(plan, "offline"); // no cycle, no missing dependency, no duplicate
        Map<String, PlannedTask> byKey = plan.tasks().stream().collect(Collectors.toMap(PlannedTask::key, Function.identity()));
        assertThat(topologicalOrder(plan)).as(label + ": every task reachable from a root").hasSize(plan.tasks().size());
        for (PlannedTask t : plan.tasks()) {
            assertThat(t.acceptanceCriteria()).as(label + ": criteria of " + t.name()).isNotEmpty();
            assertThat(t.estimatedHours()).as(label + ": estimate of " + t.name()).isNotNull().isPositive();
            assertThat(t.labels()).as(label + ": labels of " + t.name()).anyMatch(l -> l.startsWith("type:"));
        }
        // design before implementation within a feature: no design task waits, even indirectly, for an implementation of its feature
        for (PlannedTask design : plan.tasks()) {
            if (!design.labels().contains("type:design")) {
                continue;
            }
            for (PlannedTask upstream : ancestors(design, byKey)) {
                assertThat(upstream.labels().contains("type:implement") && upstream.feature().equals(design.feature()))
                        .as(label + ": '" + design.name() + "' waits for '" + upstream.name() + "'").isFalse();
            }
        }
        // deployment comes last: nothing waits for a deploy task except other deploy tasks
        for (PlannedTask t : plan.tasks()) {
            for (String d : t.dependsOn()) {
                if (byKey.get(d).labels().contains("type:deploy")) {
                    assertThat(t.labels()).as(label).contains("type:deploy");
                }
            }
        }
    }

    @Test
    void prose_becomesDesignImplementTestChainsPerFeature() {
        ProjectPlan plan = planner.plan("Users can sign up with email. Customers can browse products.");
        Map<String, PlannedTask> t = byName(plan);
        assertThat(plan.features()).containsExactly("Sign up with email", "Browse products");
        assertThat(t).containsKeys("Design sign up with email", "Implement sign up with email", "Test sign up with email");
        assertThat(t.get("Implement sign up with email").dependsOn()).containsExactly(t.get("Design sign up with email").key());
        assertThat(t.get("Test sign up with email").dependsOn()).containsExactly(t.get("Implement sign up with email").key());
        assertThat(t.get("Implement browse products").labels()).contains("type:implement");
    }

    @Test
    void explicitPhrases_comeFirst_andPhaseRulesDoNotReverseThem() {
        ProjectPlan plan = planner.plan("""
                - Test the importer
                - Importer, after Test the importer
                """);
        Map<String, PlannedTask> t = byName(plan);
        assertThat(t.get("Importer").dependsOn()).containsExactly(t.get("Test the importer").key());
        assertThat(t.get("Test the importer").dependsOn()).isEmpty(); // the phase rule would close a cycle
    }

    @Test
    void onceXIsDone_inProse_linksToThatFeaturesTasks() {
        ProjectPlan plan = planner.plan("Build a product catalog. Once the catalog is done, add a checkout with Stripe.");
        Map<String, PlannedTask> t = byName(plan);
        PlannedTask designCheckout = t.get("Design add a checkout with Stripe");
        assertThat(designCheckout).as(t.keySet().toString()).isNotNull();
        assertThat(designCheckout.dependsOn()).contains(t.get("Test build a product catalog").key());
    }

    @Test
    void proseWaitingForItsOwnFeature_waitsForTheTasksWrittenBeforeIt_andDeploymentStaysLast() {
        ProjectPlan plan = planner.plan("""
                # Accounts
                - Design the user schema
                - Signup endpoint
                - Login page
                Once accounts are done, customers can browse products. Deploy it to a cloud host.
                """);
        PlanValidator.check(plan, "offline");
        Map<String, PlannedTask> t = byName(plan);
        assertThat(t.get("Design browse products").dependsOn()).containsExactlyInAnyOrder(
                t.get("Design the user schema").key(), t.get("Signup endpoint").key(), t.get("Login page").key());
        assertThat(t.get("Implement browse products").dependsOn()).containsExactly(t.get("Design browse products").key());
        assertThat(t.get("Deploy it to a cloud host").dependsOn()).containsExactly(t.get("Test browse products").key());
        // exactly one task is ready at the start: the first one written
        assertThat(plan.tasks().stream().filter(x -> x.dependsOn().isEmpty()).map(PlannedTask::name))
                .containsExactly("Design the user schema");
        // the page does not wait for the endpoint: nothing in the text says so
        assertThat(t.get("Signup endpoint").dependsOn()).containsExactly(t.get("Design the user schema").key());
        assertThat(t.get("Login page").dependsOn()).containsExactly(t.get("Design the user schema").key());
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void phaseRules_schemaBeforeModels_backendBeforeFrontend_authBeforeAuthorization() {
        ProjectPlan plan = planner.plan("""
                - Database schema
                - User models
                - Orders API endpoint
                - Orders page
                - Permissions and roles
                - Login
                """);
        Map<String, PlannedTask> t = byName(plan);
        assertThat(t.get("User models").dependsOn()).contains(t.get("Database schema").key());
        assertThat(t.get("Orders page").dependsOn()).contains(t.get("Orders API endpoint").key());
        assertThat(t.get("Permissions and roles").dependsOn()).contains(t.get("Login").key());
        assertThat(t.get("Orders page").labels()).contains("frontend", "type:implement");
        assertThat(t.get("Orders API endpoint").labels()).contains("backend");
    }

    @Test
    void numberedSteps_followEachOther_andDesignComesFirstInAFeature() {
        ProjectPlan plan = planner.plan("# API\n- Build endpoints\n- Design endpoints\n- Test endpoints\n# Other\n1. One thing\n2. Another thing\n");
        Map<String, PlannedTask> t = byName(plan);
        assertThat(t.get("Build endpoints").dependsOn()).containsExactly(t.get("Design endpoints").key());
        assertThat(t.get("Test endpoints").dependsOn()).containsExactly(t.get("Build endpoints").key());
        assertThat(t.get("Another thing").dependsOn()).containsExactly(t.get("One thing").key());
    }

    @Test
    void outlineDetailsStillWork_criteriaPriorityEstimate() {
        ProjectPlan plan = planner.plan("- Fix login [urgent] [backend] (3h)\n  - wrong password shows an error\n");
        PlannedTask fix = plan.tasks().get(0);
        assertThat(fix.estimatedHours()).isEqualTo(3.0);
        assertThat(fix.acceptanceCriteria()).containsExactly("wrong password shows an error");
        assertThat(fix.labels()).contains("backend", "type:implement");
    }

    @Test
    void unknownOrAmbiguousReferences_areWarnings_notRefusals() {
        ProjectPlan list = planner.plan("- A\n- B (after Nothing)");
        assertThat(list.tasks()).hasSize(2);
        assertThat(list.warnings()).singleElement().asString().contains("line 2").contains("Nothing");
        ProjectPlan prose = planner.plan("Users can edit posts after lunch.");
        assertThat(prose.tasks()).isNotEmpty();
        assertThat(prose.warnings()).singleElement().asString().contains("lunch");
        ProjectPlan ambiguous = planner.plan("- Orders API\n- Users API\n- Admin page (after the API)");
        assertThat(byName(ambiguous).get("Admin page").dependsOn()).isEmpty();
        assertThat(ambiguous.warnings()).singleElement().asString().contains("could mean").contains("Orders API").contains("Users API");
    }

    @Test
    void explicitCycles_areRefused_withTheCycleNamed() {
        assertThatThrownBy(() -> planner.plan("- Build the API (after the client library)\n- Build the client library (after the API)"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cycle").hasMessageContaining("'Build the API'").hasMessageContaining("'Build the client library'");
    }

    @Test
    void tasksNamedLikeSteps_areFoundByTheirNames_beforeAnyNumbering() {
        ProjectPlan plan = planner.plan("# Chain\n- Step 0\n- Step 1 (after Step 0)\n- Step 2 (after Step 1)\n");
        Map<String, PlannedTask> t = byName(plan);
        assertThat(t.get("Step 1").dependsOn()).containsExactly(t.get("Step 0").key());
        assertThat(t.get("Step 2").dependsOn()).containsExactly(t.get("Step 1").key());
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void theReadmeOutline_plansSchemaThenApiThenPage_andDeploysLast() {
        ProjectPlan plan = planner.plan("""
                # Backend
                - Design the schema [backend] (2h)
                - Orders API: REST endpoints for orders [backend] (after Design the schema)
                # Frontend
                - Order page [frontend] (after Orders API)
                  - shows an error when the API is down
                - Deploy to staging (after Backend and Frontend)
                """);
        Map<String, PlannedTask> t = byName(plan);
        assertThat(t.get("Orders API").dependsOn()).containsExactly(t.get("Design the schema").key());
        assertThat(t.get("Order page").dependsOn()).containsExactly(t.get("Orders API").key());
        assertThat(t.get("Order page").acceptanceCriteria()).containsExactly("shows an error when the API is down");
        // its own feature, Frontend, means the tasks written before it: no task waits for itself
        assertThat(t.get("Deploy to staging").dependsOn()).containsExactlyInAnyOrder(t.get("Design the schema").key(),
                t.get("Orders API").key(), t.get("Order page").key());
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void textWithNoWork_isRefusedWithAHint() {
        assertThatThrownBy(() -> planner.plan("This is fine."))
                .isInstanceOf(ValidationException.class).hasMessageContaining("no tasks found");
        assertThatThrownBy(() -> planner.plan("   ")).isInstanceOf(ValidationException.class);
    }

    /** Prints the offline planning time of a 200-line description (a figure, not an assertion). */
    @Test
    void benchmark_twoHundredLineDescription() {
        StringBuilder sb = new StringBuilder();
        String[] areas = {"Accounts", "Catalog", "Checkout", "Search", "Reports", "Admin", "Notifications", "Billing"};
        int lines = 0;
        for (int f = 0; lines < 200; f++) {
            String area = areas[f % areas.length] + " " + (f / areas.length + 1);
            sb.append("# ").append(area).append('\n');
            lines++;
            sb.append("Users can manage ").append(area.toLowerCase()).append(" records from a dashboard page. ")
                    .append("Once ").append(area.toLowerCase()).append(" storage is done, export them to CSV.\n");
            lines++;
            for (String step : new String[] {"Design %s schema", "%s storage (after Design %s schema)", "%s API endpoint",
                    "%s page", "Test %s end to end", "Write %s user guide"}) {
                sb.append("- ").append(step.replace("%s", area)).append('\n');
                lines++;
            }
            sb.append('\n');
            lines++;
        }
        String text = sb.toString();
        for (int i = 0; i < 5; i++) {
            planner.plan(text); // warm-up
        }
        int runs = 20;
        long start = System.nanoTime();
        ProjectPlan plan = null;
        for (int i = 0; i < runs; i++) {
            plan = planner.plan(text);
        }
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        long cold = coldRun(text);
        System.out.printf("offline planning: %d lines -> %d tasks, %d dependencies: %.2f ms per plan (warm, mean of %d), %d ms first run%n",
                text.split("\n").length, plan.tasks().size(), plan.tasks().stream().mapToInt(t -> t.dependsOn().size()).sum(),
                ms, runs, cold);
        PlanValidator.check(plan, "offline");
    }

    private static long coldRun(String text) {
        long s = System.nanoTime();
        new OfflinePlanner().plan(text);
        return (System.nanoTime() - s) / 1_000_000;
    }

    private static Map<String, PlannedTask> byName(ProjectPlan plan) {
        return plan.tasks().stream().collect(Collectors.toMap(PlannedTask::name, Function.identity()));
    }

    private static List<String> topologicalOrder(ProjectPlan plan) {
        Map<String, Integer> indegree = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (PlannedTask t : plan.tasks()) {
            indegree.put(t.key(), t.dependsOn().size());
            for (String d : t.dependsOn()) {
                dependents.computeIfAbsent(d, k -> new java.util.ArrayList<>()).add(t.key());
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((k, v) -> {
            if (v == 0) {
                ready.add(k);
            }
        });
        List<String> order = new java.util.ArrayList<>();
        while (!ready.isEmpty()) {
            String k = ready.poll();
            order.add(k);
            for (String d : dependents.getOrDefault(k, List.of())) {
                if (indegree.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        return order;
    }

    private static Set<PlannedTask> ancestors(PlannedTask t, Map<String, PlannedTask> byKey) {
        Set<PlannedTask> out = new HashSet<>();
        Deque<PlannedTask> todo = new ArrayDeque<>(List.of(t));
        while (!todo.isEmpty()) {
            for (String d : todo.pop().dependsOn()) {
                if (out.add(byKey.get(d))) {
                    todo.push(byKey.get(d));
                }
            }
        }
        return out;
    }
}
