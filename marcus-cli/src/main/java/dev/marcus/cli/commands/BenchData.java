package dev.marcus.cli.commands;

import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.StorageBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A realistic project for benchmarks: layered dependencies, labels, priorities, agents and decisions. */
final class BenchData {
    private static final String[] LABELS = {"backend", "frontend", "api", "db", "infra", "docs", "test", "security"};
    private static final Priority[] PRIORITIES = Priority.values();

    private BenchData() {
    }

    /**
     * Creates project {@code id} with {@code tasks} tasks. With {@code withDeps}, most tasks wait for one or two of the
     * 200 tasks before them (so readiness moves as work completes); one task in ten gets a decision.
     */
    static void seed(StorageBackend store, ProjectId id, int tasks, boolean withDeps, int agents, Instant now) {
        Random rnd = new Random(42);
        List<NewTask> list = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            List<TaskId> deps = new ArrayList<>();
            if (withDeps && i >= 20 && rnd.nextInt(10) < 7) {
                deps.add(new TaskId(id + "-t" + (i - 1 - rnd.nextInt(Math.min(i, 200)))));
                if (rnd.nextBoolean()) {
                    TaskId second = new TaskId(id + "-t" + (i - 1 - rnd.nextInt(Math.min(i, 200))));
                    if (!deps.contains(second)) {
                        deps.add(second);
                    }
                }
            }
            list.add(new NewTask(new TaskId(id + "-t" + i), "Task " + i + ": " + LABELS[i % LABELS.length] + " work",
                    "Implement part " + i + " of the system.\nIt has\ttabs, \"quotes\" and ünïcödé.",
                    PRIORITIES[rnd.nextInt(PRIORITIES.length)], List.of(LABELS[i % LABELS.length], LABELS[(i / 3) % LABELS.length]),
                    deps, List.of(), (i % 4) + 0.5, List.of("part " + i + " works", "tests pass"), null));
        }
        store.createProject(new NewProject(id, "Bench " + id, "A generated project of " + tasks + " tasks", null), list, now);
        for (int a = 0; a < agents; a++) {
            store.registerAgent(new AgentRegistration(new AgentId(id + "-agent-" + a), id, "Agent " + a, "developer",
                    List.of(LABELS[a % LABELS.length])), now);
        }
        for (int i = 0; i < tasks; i += 10) {
            store.addDecision(new Decision(id + "-d" + i, id, new TaskId(id + "-t" + i), new AgentId(id + "-agent-0"),
                    "Use PostgreSQL for part " + i + " because it scales", "Use PostgreSQL", "it scales", "all parts",
                    now.plusMillis(i)));
        }
    }
}
