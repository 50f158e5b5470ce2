package dev.marcus.core.graph;

import static dev.marcus.core.service.Fixtures.task;
import static dev.marcus.core.service.Fixtures.todo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.Priority;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGraphTest {

    @Test
    void schedule_isTheCoresCriticalPath_computedOnce() {
        // a(1) -> b(5) -> d(1) ; a -> c(1) -> d
        TaskGraph g = new TaskGraph(List.of(
                task("a", 1, Priority.MEDIUM, List.of(), 1.0, TaskStatus.TODO),
                task("b", 2, Priority.MEDIUM, List.of(), 5.0, TaskStatus.TODO, "a"),
                task("c", 3, Priority.MEDIUM, List.of(), 1.0, TaskStatus.TODO, "a"),
                task("d", 4, Priority.MEDIUM, List.of(), 1.0, TaskStatus.TODO, "b", "c")));
        assertThat(g.schedule().criticalPath()).containsExactly(new TaskId("a"), new TaskId("b"), new TaskId("d"));
        assertThat(g.schedule().criticalPathHours()).isEqualTo(7.0);
        assertThat(g.schedule()).isSameAs(g.schedule());
    }

    @Test
    void unblockCount_countsUnfinishedTransitiveDependents() {
        TaskGraph g = new TaskGraph(List.of(todo("a", 1), todo("b", 2, "a"), todo("c", 3, "b"), todo("d", 4)));
        assertThat(g.unblockCount(new TaskId("a"))).isEqualTo(2);
        assertThat(g.unblockCount(new TaskId("d"))).isZero();
        assertThat(g.upstreamOf(new TaskId("c"))).containsExactlyInAnyOrder(new TaskId("a"), new TaskId("b"));
    }
}
