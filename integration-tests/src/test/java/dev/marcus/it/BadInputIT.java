package dev.marcus.it;

import static dev.marcus.it.MarcusServer.args;
import static dev.marcus.it.MarcusServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear error that names the field, changes nothing, and leaves the server answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
    @TempDir
    static Path home;

    @TempDir
    static Path root;

    @TempDir
    static Path outside;

    private MarcusServer server;
    private String projectId;
    private String taskA;
    private String taskB;
    private long eventsBefore;
    private List<Task> tasksBefore;

    @BeforeAll
    void start() throws Exception {
        server = MarcusServer.start(home, Map.of());
        Map<String, Object> created = server.call("create_project", args("project_name", "Bad input",
                "description", "- A\n- B (after A)", "options", args("project_root", root.toString())));
        projectId = (String) created.get("project_id");
        server.call("register_agent", args("agent_id", "worker", "name", "Worker", "role", "dev", "project_id", projectId));
        Map<String, Object> got = server.call("request_next_task", args("agent_id", "worker"));
        taskA = (String) map(got.get("task")).get("id");
        try (SqliteStorageBackend db = SqliteStorageBackend.open(home.resolve("marcus.db"))) {
            taskB = db.listTasks(new ProjectId(projectId)).stream().filter(t -> t.name().equals("B")).findFirst()
                    .orElseThrow().id().value();
        }
        Files.createSymbolicLink(root.resolve("escape"), outside);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void snapshot() {
        try (SqliteStorageBackend db = SqliteStorageBackend.open(home.resolve("marcus.db"))) {
            eventsBefore = db.lastEventId();
            tasksBefore = db.listTasks(new ProjectId(projectId));
        }
    }

    record Case(String name, String tool, Map<String, Object> args, String mustMention) {
        @Override
        public String toString() {
            return name;
        }
    }

    List<Case> cases() {
        String big = "x".repeat(2_000_000);
        return List.of(
                new Case("missing agent_id", "register_agent", args("name", "N", "role", "r", "project_id", projectId), "agent_id"),
                new Case("mistyped progress", "report_task_progress", args("agent_id", "worker", "task_id", taskA,
                        "status", "in_progress", "progress", "abc"), "progress"),
                new Case("progress out of range", "report_task_progress", args("agent_id", "worker", "task_id", taskA,
                        "status", "in_progress", "progress", 150), "progress"),
                new Case("unknown status", "report_task_progress", args("agent_id", "worker", "task_id", taskA,
                        "status", "finished", "progress", 10), "status"),
                new Case("unknown task", "get_task_context", args("task_id", "task-nope"), "task_id"),
                new Case("unknown agent", "request_next_task", args("agent_id", "ghost"), "agent_id"),
                new Case("unknown project", "register_agent", args("agent_id", "x", "name", "X", "role", "r",
                        "project_id", "proj-nope"), "project_id"),
                new Case("dependency cycle", "add_task", args("project_id", projectId, "name", "N",
                        "dependencies", List.of(taskB), "blocks", List.of(taskA)), "cycle"),
                new Case("unknown dependency", "add_task", args("project_id", projectId, "name", "N",
                        "dependencies", List.of("task-nope")), "dependencies"),
                new Case("artifact filename with ..", "log_artifact", args("task_id", taskA, "filename", "../evil.md",
                        "content", "x", "artifact_type", "documentation", "project_root", root.toString()), "filename"),
                new Case("artifact location leaving the root", "log_artifact", args("task_id", taskA, "filename", "evil.md",
                        "content", "x", "artifact_type", "documentation", "project_root", root.toString(),
                        "location", "../../tmp"), "location"),
                new Case("artifact absolute location", "log_artifact", args("task_id", taskA, "filename", "evil.md",
                        "content", "x", "artifact_type", "documentation", "project_root", root.toString(),
                        "location", outside.toString()), "location"),
                new Case("artifact through a symlink that leaves the root", "log_artifact", args("task_id", taskA,
                        "filename", "evil.md", "content", "x", "artifact_type", "documentation",
                        "project_root", root.toString(), "location", "escape"), "location"),
                new Case("artifact outside the project's own root", "log_artifact", args("task_id", taskA,
                        "filename", "evil.md", "content", "x", "artifact_type", "documentation",
                        "project_root", outside.toString()), "project_root"),
                new Case("unknown artifact type", "log_artifact", args("task_id", taskA, "filename", "a.md",
                        "content", "x", "artifact_type", "poem", "project_root", root.toString()), "artifact_type"),
                new Case("oversized message", "report_task_progress", args("agent_id", "worker", "task_id", taskA,
                        "status", "in_progress", "progress", 10, "message", big), "message"),
                new Case("oversized decision", "log_decision", args("agent_id", "worker", "task_id", taskA,
                        "decision", big), "decision"),
                new Case("empty project name", "create_project", args("project_name", " ", "description", "- a"), "project_name"),
                new Case("cyclic outline", "create_project", args("project_name", "Loop",
                        "description", "- A (after B)\n- B (after A)"), "cycle"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInput_isAClearErrorNamingTheProblem_andChangesNothing(Case c) throws Exception {
        Map<String, Object> r = server.call(c.tool(), c.args());
        assertThat(r.get("_is_error")).as("isError of %s", c.name()).isEqualTo(true);
        assertThat(r).containsEntry("success", false);
        String error = String.valueOf(r.get("error"));
        assertThat(error).as("error of %s", c.name()).containsIgnoringCase(c.mustMention());
        assertThat(error.lines().count()).as("one line").isEqualTo(1);
        assertThat(error.length()).isLessThan(1_000);

        try (SqliteStorageBackend db = SqliteStorageBackend.open(home.resolve("marcus.db"))) {
            assertThat(db.lastEventId()).as("no event appended").isEqualTo(eventsBefore);
            assertThat(db.listTasks(new ProjectId(projectId))).as("tasks unchanged").isEqualTo(tasksBefore);
        }
        try (var files = Files.list(outside)) {
            assertThat(files.toList()).as("nothing written outside the root").isEmpty();
        }
        assertThat(server.call("ping", args("echo", "still here"))).containsEntry("success", true);
    }

    @Test
    void unknownTool_isAProtocolError_andTheServerKeepsAnswering() {
        assertThatThrownBy(() -> server.client().callTool(McpSchema.CallToolRequest.builder("no_such_tool").arguments(Map.of()).build()))
                .hasMessageContaining("Unknown tool");
        assertThat(server.call("ping", args())).containsEntry("success", true);
    }
}
