package dev.marcus.it;

import static dev.marcus.it.MarcusServer.args;
import static dev.marcus.it.MarcusServer.list;
import static dev.marcus.it.MarcusServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three agents, each with its own real {@code marcus mcp} process on one SQLite file, work a 12-task project with
 * dependencies to the end.
 */
class AgentLoopEndToEndIT {
    static final String OUTLINE = """
            # Foundation
            - Design schema (2h)
            - Set up build (1h)
            # Backend
            - User model [backend] (after Design schema)
            - Order model [backend] (after Design schema)
            - Auth API [backend] (after User model, Set up build)
            - Orders API [backend] (after Order model and Auth API)
            # Frontend
            - Login page [frontend] (after Auth API)
            - Order page [frontend] (after Orders API)
            - Styles [frontend] (after Set up build)
            # Quality
            - Integration tests (after Backend)
            - API docs (after Orders API)
            - Deploy to staging (after Frontend and Integration tests)
            """;

    @TempDir
    Path home;

    @TempDir
    Path projectRoot;

    @Test
    void threeAgentsFinishTwelveTasks_inDependencyOrder_withContextFlowingDownstream() throws Exception {
        String projectId;
        try (MarcusServer setup = MarcusServer.start(home, Map.of())) {
            Map<String, Object> created = setup.call("create_project", args(
                    "project_name", "Shop", "description", OUTLINE,
                    "options", args("project_root", projectRoot.toString())));
            assertThat(created).containsEntry("success", true).containsEntry("tasks_created", 12);
            projectId = (String) created.get("project_id");
        }

        Map<String, String> completedBy = new ConcurrentHashMap<>();
        Map<String, List<String>> contextProblems = new ConcurrentHashMap<>();
        List<String> completeSignals = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> agents = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String agentId = "agent-" + i;
            agents.add(pool.submit(() -> {
                try (MarcusServer server = MarcusServer.start(home, Map.of())) {
                    runAgent(server, agentId, projectId, completedBy, contextProblems, completeSignals);
                }
                return null;
            }));
        }
        for (Future<?> f : agents) {
            f.get(4, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(completedBy).hasSize(12);
        assertThat(contextProblems).isEmpty();
        assertThat(completeSignals).containsExactlyInAnyOrder("agent-1", "agent-2", "agent-3");
        assertThat(Files.list(projectRoot.resolve("docs")).count()).isEqualTo(12);

        try (SqliteStorageBackend db = SqliteStorageBackend.open(home.resolve("marcus.db"))) {
            ProjectId pid = new ProjectId(projectId);
            assertThat(db.findProject(pid).orElseThrow().isComplete()).isTrue();
            assertDependencyOrderHeld(db.listTasks(pid), db.eventsAfter(0, pid, 100_000));
        }
    }

    /** Every assignment of a task comes after the completion of each of its dependencies, in the event log. */
    static void assertDependencyOrderHeld(List<Task> tasks, List<Event> events) {
        Map<TaskId, Long> completedAt = new HashMap<>();
        for (Event e : events) {
            if (e.type() == EventType.TASK_COMPLETED) {
                completedAt.putIfAbsent(e.taskId(), e.id());
            }
        }
        Map<TaskId, Task> byId = new HashMap<>();
        tasks.forEach(t -> byId.put(t.id(), t));
        int assignments = 0;
        for (Event e : events) {
            if (e.type() != EventType.TASK_ASSIGNED) {
                continue;
            }
            assignments++;
            for (TaskId dep : byId.get(e.taskId()).dependencies()) {
                assertThat(completedAt.get(dep))
                        .as("dependency %s of %s completed before it was assigned (event %d)", dep, e.taskId(), e.id())
                        .isNotNull()
                        .isLessThan(e.id());
            }
        }
        assertThat(assignments).isGreaterThanOrEqualTo(tasks.size());
    }

    private void runAgent(MarcusServer server, String agentId, String projectId, Map<String, String> completedBy,
                          Map<String, List<String>> contextProblems, List<String> completeSignals) {
        assertThat(server.call("register_agent", args("agent_id", agentId, "name", agentId, "role", "developer",
                "skills", List.of("backend", "frontend"), "project_id", projectId))).containsEntry("success", true);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> next = server.call("request_next_task", args("agent_id", agentId, "wait_seconds", 5));
            if (Boolean.TRUE.equals(next.get("project_complete"))) {
                assertThat(next).containsEntry("should_exit", true);
                completeSignals.add(agentId);
                return;
            }
            if (!Boolean.TRUE.equals(next.get("success"))) {
                assertThat(next).containsKey("retry_after_seconds");
                continue;
            }
            Map<String, Object> task = map(next.get("task"));
            String taskId = (String) task.get("id");
            checkContext(task, contextProblems);
            assertThat(server.call("report_task_progress", args("agent_id", agentId, "task_id", taskId,
                    "status", "in_progress", "progress", 50, "message", "halfway"))).containsEntry("success", true);
            assertThat(server.call("log_decision", args("agent_id", agentId, "task_id", taskId,
                    "decision", "I chose approach-" + taskId + " because it is simplest. This affects dependents.")))
                    .containsEntry("success", true);
            assertThat(server.call("log_artifact", args("task_id", taskId, "filename", taskId + ".md",
                    "content", "# notes for " + task.get("name"), "artifact_type", "documentation",
                    "project_root", projectRoot.toString()))).containsEntry("success", true);
            Map<String, Object> done = server.call("report_task_progress", args("agent_id", agentId, "task_id", taskId,
                    "status", "completed", "progress", 100, "message", "done"));
            assertThat(done).containsEntry("success", true);
            assertThat(completedBy.putIfAbsent(taskId, agentId)).as("task %s completed twice", taskId).isNull();
        }
        throw new AssertionError(agentId + " did not see the project complete in time");
    }

    /** The context of a task must carry a decision and an artifact from each of its dependencies. */
    private static void checkContext(Map<String, Object> task, Map<String, List<String>> problems) {
        List<Object> deps = list(task.get("dependencies"));
        Map<String, Object> context = map(task.get("context"));
        List<String> decisionTasks = list(context.get("decisions")).stream()
                .map(d -> (String) map(d).get("task_id")).toList();
        List<String> artifactTasks = list(context.get("dependency_artifacts")).stream()
                .map(a -> (String) map(a).get("task_id")).toList();
        List<String> missing = new ArrayList<>();
        for (Object dep : deps) {
            if (!decisionTasks.contains(dep)) {
                missing.add("decision of " + dep);
            }
            if (!artifactTasks.contains(dep)) {
                missing.add("artifact of " + dep);
            }
        }
        if (!missing.isEmpty()) {
            problems.put((String) task.get("id"), missing);
        }
    }
}
