package dev.marcus.core.graph;

import static dev.marcus.core.service.Fixtures.agent;
import static dev.marcus.core.service.Fixtures.named;
import static dev.marcus.core.service.Fixtures.task;
import static dev.marcus.core.service.Fixtures.todo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRankerTest {
    private final TaskRanker ranker = new TaskRanker();

    private List<String> order(List<Task> ready, List<Task> all, String... skills) {
        return ranker.rank(ready, agent(skills), new TaskGraph(all)).stream().map(r -> r.task().id().value()).toList();
    }

    @Test
    void higherPriority_goesFirst() {
        Task low = task("low", 1, Priority.LOW, List.of(), null, TaskStatus.TODO);
        Task urgent = task("urgent", 2, Priority.URGENT, List.of(), null, TaskStatus.TODO);
        assertThat(order(List.of(low, urgent), List.of(low, urgent))).containsExactly("urgent", "low");
    }

    @Test
    void matchingSkills_outweighPriority() {
        Task front = task("front", 1, Priority.HIGH, List.of("frontend"), null, TaskStatus.TODO);
        Task back = task("back", 2, Priority.MEDIUM, List.of("backend"), null, TaskStatus.TODO);
        assertThat(order(List.of(front, back), List.of(front, back), "backend")).containsExactly("back", "front");
    }

    @Test
    void taskThatUnblocksMore_andIsOnTheCriticalPath_goesFirst() {
        Task a = todo("a", 1);
        Task b = todo("b", 2);
        Task c = todo("c", 3, "b");
        Task d = todo("d", 4, "c");
        assertThat(order(List.of(a, b), List.of(a, b, c, d))).containsExactly("b", "a");
    }

    @Test
    void ties_goToCreationOrder_andDeploymentGoesLast() {
        Task deploy = named("deploy", 1, "Deploy to production");
        Task x = todo("x", 2);
        Task y = todo("y", 3);
        assertThat(order(List.of(y, deploy, x), List.of(deploy, x, y))).containsExactly("x", "y", "deploy");
    }

    @Test
    void ranking_explainsItself() {
        Task t = task("t", 1, Priority.HIGH, List.of("backend"), null, TaskStatus.TODO);
        var ranked = ranker.rank(List.of(t), agent("backend"), new TaskGraph(List.of(t)));
        assertThat(ranked.get(0).why()).contains("skill match 100%").contains("priority high");
    }
}
