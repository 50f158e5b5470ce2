package dev.marcus.core.planning;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {
    private static PlannedTask task(String key, String name, String... deps) {
        return new PlannedTask(key, name, "", "", Priority.MEDIUM, List.of(), List.of(deps), 1.0, List.of("done"));
    }

    private static void refused(String expected, PlannedTask... tasks) {
        assertThatThrownBy(() -> PlanValidator.check(new ProjectPlan(List.of(), List.of(tasks)), "test"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("plan: the test planner's plan was refused, nothing was written")
                .hasMessageContaining(expected);
    }

    @Test
    void cycle_isRefusedNamingItsTasks() {
        refused("cycle: 'A' → 'B' → 'A'", task("a", "A", "b"), task("b", "B", "a"));
    }

    @Test
    void missingDependency_emptyName_duplicateName_selfDependency_emptyPlan_areRefused() {
        refused("not a task of the plan", task("a", "A", "zz"));
        refused("empty name", task("a", " "));
        refused("appears twice", task("a", "Build"), task("b", "build"));
        refused("depends on itself", task("a", "A", "a"));
        refused("no tasks");
    }
}
