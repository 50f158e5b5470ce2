package dev.marcus.core.service;

import static dev.marcus.core.service.Fixtures.todo;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.TaskId;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphRulesTest {
    private final GraphRules rules = new GraphRules("dependencies");

    private static NewTask newTask(String id, List<String> deps, List<String> blocks) {
        return new NewTask(new TaskId(id), "new " + id, "", Priority.MEDIUM, List.of(),
                deps.stream().map(TaskId::new).toList(), blocks.stream().map(TaskId::new).toList(), null, List.of(), null);
    }

    @Test
    void dependencyOnExistingTask_isAccepted() {
        assertThatCode(() -> rules.check(List.of(todo("a", 1)), List.of(newTask("n", List.of("a"), List.of()))))
                .doesNotThrowAnyException();
    }

    @Test
    void unknownDependency_isRefusedNamingTheField() {
        assertThatThrownBy(() -> rules.check(List.of(todo("a", 1)), List.of(newTask("n", List.of("zzz"), List.of()))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("dependencies:")
                .hasMessageContaining("zzz");
    }

    @Test
    void dependingAndBlockingAroundAChain_isACycle() {
        // b depends on a; new task n depends on b and blocks a: a -> n -> b -> a
        assertThatThrownBy(() -> rules.check(List.of(todo("a", 1), todo("b", 2, "a")),
                List.of(newTask("n", List.of("b"), List.of("a")))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("'new n'");
    }

    @Test
    void selfDependency_isRefused() {
        assertThatThrownBy(() -> rules.check(List.of(), List.of(newTask("n", List.of("n"), List.of()))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("itself");
    }

    @Test
    void cycleInsideANewBatch_isRefused() {
        assertThatThrownBy(() -> rules.check(List.of(),
                List.of(newTask("x", List.of("y"), List.of()), newTask("y", List.of("x"), List.of()))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cycle");
    }
}
