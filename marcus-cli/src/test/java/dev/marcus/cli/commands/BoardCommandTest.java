package dev.marcus.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoardCommandTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final ProjectId P = new ProjectId("proj-1");

    private static Task task(String id, String name, TaskStatus status, String assignee, int progress, Instant lease) {
        return new Task(new TaskId(id), P, name, "", status, Priority.HIGH, List.of(), List.of(), null, List.of(), null,
                assignee == null ? null : new AgentId(assignee), 1, lease, null, progress, "", null, null, 1, 0, 0, 0,
                NOW, NOW, null);
    }

    @Test
    void board_showsEachTaskInItsColumn_withAssigneeProgressAndLeaseCountdown() {
        Project p = new Project(P, "Shop", "", null, NOW, NOW, null);
        List<Task> tasks = List.of(
                task("t1", "Write schema", TaskStatus.IN_PROGRESS, "claude-1", 40, NOW.plus(Duration.ofSeconds(125))),
                task("t2", "Build API", TaskStatus.TODO, null, 0, null),
                task("t3", "Ship it", TaskStatus.DONE, null, 100, null));
        String board = BoardCommand.render(p, tasks, new TaskCounts(1, 1, 0, 1), NOW, 120);
        assertThat(board).contains("Shop (proj-1) — 3 tasks, 33.3% done");
        assertThat(board).contains("TODO (1)").contains("IN PROGRESS (1)").contains("BLOCKED (0)").contains("DONE (1)");
        assertThat(board).contains("@claude-1 40% lease 2m5s");
        String header = board.lines().filter(l -> l.startsWith("TODO")).findFirst().orElseThrow();
        String firstRow = board.lines().skip(4).findFirst().orElseThrow();
        assertThat(firstRow.indexOf("Write schema")).isEqualTo(header.indexOf("IN PROGRESS"));
        assertThat(firstRow.indexOf("Build API")).isZero();
    }

    @Test
    void longNames_areCutToTheColumn() {
        assertThat(BoardCommand.cut("a very long task name indeed", 10)).hasSize(10).endsWith("…");
        assertThat(BoardCommand.countdown(Duration.ofSeconds(-1))).isEqualTo("expired");
        assertThat(BoardCommand.countdown(Duration.ofMinutes(75))).isEqualTo("1h15m");
    }
}
