package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.mcp.McpHarness.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure is a tool result with isError and a one-line JSON error, and the server keeps answering. */
class ErrorPathsTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;

    private McpHarness h;
    private String projectId;
    private String taskA;
    private String taskB;

    @BeforeEach
    void start() {
        h = new McpHarness(ToolProfile.STANDARD);
        Reply created = h.call("create_project", Map.of("project_name", "Shop",
                "description", "- A: first\n- B: second, after A\n", "options", Map.of("project_root", root.toString())));
        projectId = (String) created.get("project_id");
        List<?> ids = (List<?>) created.get("task_ids");
        taskA = (String) ids.get(0);
        taskB = (String) ids.get(1);
        h.call("register_agent", Map.of("agent_id", "a1", "name", "A1", "role", "dev", "project_id", projectId));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** Asserts an error result whose one-line message starts with {@code prefix}, then that the server still answers. */
    private Reply assertError(Reply r, String prefix) {
        assertThat(r.isError()).as(r.body().toString()).isTrue();
        assertThat(r.body()).containsEntry("success", false).containsKey("error_code");
        assertThat(r.error()).startsWith(prefix).doesNotContain("\n");
        assertStillAnswering();
        return r;
    }

    private void assertStillAnswering() {
        Reply pong = h.call("ping", Map.of("echo", "still here"));
        assertThat(pong.isError()).isFalse();
        assertThat(pong.body()).containsEntry("echo", "still here");
    }

    @Test
    void missingRequiredParameter_namesTheField() {
        Reply r = assertError(h.call("register_agent", Map.of("name", "x", "role", "dev", "project_id", projectId)),
                "agent_id: is required");
        assertThat(r.body()).containsEntry("field", "agent_id").containsEntry("error_code", "invalid_argument");
        assertError(h.call("log_decision", Map.of("agent_id", "a1", "task_id", taskA, "decision", "   ")),
                "decision: is required");
    }

    @Test
    void mistypedParameters_sayWhatWasExpectedAndWhatCame() {
        h.call("request_next_task", Map.of("agent_id", "a1"));
        Reply r = assertError(h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", taskA,
                "status", "in_progress", "progress", "abc")), "progress: expected an integer, got \"abc\"");
        assertThat(r.body()).containsEntry("reason", "invalid_progress").containsEntry("field", "progress");

        assertError(h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", taskA,
                "status", "in_progress", "progress", 50.5)), "progress: expected an integer, got 50.5");
        assertThat(assertError(h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", taskA,
                "status", "in_progress", "progress", 150)), "progress: must be between 0 and 100").body())
                .containsEntry("reason", "invalid_progress");
        assertError(h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", taskA, "status", "finished")),
                "status: 'finished' is not one of in_progress, completed, blocked");
        assertError(h.call("request_next_task", Map.of("agent_id", "a1", "wait_seconds", "ten")),
                "wait_seconds: expected an integer, got \"ten\"");
        assertError(h.call("register_agent", Map.of("agent_id", "a2", "name", "A2", "role", "dev",
                "project_id", projectId, "skills", "java")), "skills: expected an array of strings, got \"java\"");
        assertError(h.call("register_agent", Map.of("agent_id", 42, "name", "A2", "role", "dev",
                "project_id", projectId)), "agent_id: expected a string, got 42");
        assertError(h.call("create_project", Map.of("project_name", "X", "description", "- t",
                "options", Map.of("team_size", "many"))), "options.team_size: expected an integer, got \"many\"");
        assertError(h.call("request_next_task", Map.of("agent_id", "a1", "wait_seconds", 600)),
                "wait_seconds: must be between 0 and 55");
    }

    @Test
    void unknownIds_areNotFoundErrorsNamingTheField() {
        Reply agent = assertError(h.call("request_next_task", Map.of("agent_id", "ghost")), "agent_id: agent 'ghost' is not registered");
        assertThat(agent.body()).containsEntry("error_code", "not_found").containsEntry("field", "agent_id");
        Reply task = assertError(h.call("get_task_context", Map.of("task_id", "task-nope")), "task_id: task 'task-nope' does not exist");
        assertThat(task.body()).containsEntry("field", "task_id");
        Reply project = assertError(h.call("register_agent", Map.of("agent_id", "a9", "name", "n", "role", "r",
                "project_id", "proj-nope")), "project_id: project 'proj-nope' does not exist");
        assertThat(project.body()).containsEntry("field", "project_id");
        assertError(h.call("get_project_status", Map.of("project_id", "proj-nope")), "project_id: project 'proj-nope'");
        assertError(h.call("select_project", Map.of("name", "Nope")), "project_name: no project is named 'Nope'");
    }

    @Test
    void addTask_thatWouldCloseACycle_isRefusedAndNothingIsAdded() {
        // B waits on A; a new task C that waits on B and blocks A would close A → C → B → A
        Reply r = assertError(h.call("add_task", Map.of("name", "C", "dependencies", List.of(taskB),
                "blocks", List.of(taskA))), "dependencies: would create a dependency cycle");
        assertThat(r.body()).containsEntry("field", "dependencies");
        assertThat(h.core.projects().tasks(projectId)).hasSize(2);

        assertError(h.call("add_task", Map.of("name", "D", "dependencies", List.of("task-nope"))),
                "dependencies: task 'task-nope' does not exist");
    }

    @Test
    void addTask_blockingAStartedTask_isAConflict() {
        h.call("request_next_task", Map.of("agent_id", "a1"));
        Reply r = assertError(h.call("add_task", Map.of("name", "Late", "blocks", List.of(taskA))), "blocks:");
        assertThat(r.body()).containsEntry("reason", "task_started").containsEntry("error_code", "conflict");
    }

    @Test
    void artifactPaths_thatLeaveProjectRoot_areRefused() throws Exception {
        Map<String, Object> base = new HashMap<>(Map.of("task_id", taskA, "filename", "x.md", "content", "x",
                "artifact_type", "other", "project_root", root.toString()));

        Map<String, Object> dotdot = new HashMap<>(base);
        dotdot.put("location", "../escape");
        assertThat(assertError(h.call("log_artifact", dotdot), "location: '../escape' leaves project_root").body())
                .containsEntry("field", "location");

        Map<String, Object> absolute = new HashMap<>(base);
        absolute.put("location", outside.toString());
        assertError(h.call("log_artifact", absolute), "location: must be relative to project_root");

        Files.createSymbolicLink(root.resolve("link"), outside);
        Map<String, Object> viaLink = new HashMap<>(base);
        viaLink.put("location", "link/docs");
        assertError(h.call("log_artifact", viaLink), "location: 'link' is a link that leaves project_root");

        Map<String, Object> sneakyName = new HashMap<>(base);
        sneakyName.put("filename", "../x.md");
        assertError(h.call("log_artifact", sneakyName), "filename: must be a plain file name");

        Map<String, Object> otherRoot = new HashMap<>(base);
        otherRoot.put("project_root", outside.toString());
        assertError(h.call("log_artifact", otherRoot), "project_root: must be the project's root");

        try (var files = Files.walk(outside)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void oversizedPayloads_areRefusedNamingTheField_andTheServerKeepsAnswering() {
        h.call("request_next_task", Map.of("agent_id", "a1"));
        String big = "x".repeat(20_001);
        assertError(h.call("report_task_progress", Map.of("agent_id", "a1", "task_id", taskA, "status", "in_progress",
                "message", big)), "message: is 20001 characters long; at most 20000 are allowed");
        assertError(h.call("log_decision", Map.of("agent_id", "a1", "task_id", taskA, "decision", "y".repeat(10_001))),
                "decision: is 10001 characters long; at most 10000");
        assertError(h.call("ping", Map.of("echo", "e".repeat(1_001))), "echo: is 1001 characters long");
        assertError(h.call("ping", Map.of("undeclared", Map.of("deep", List.of(big)))),
                "undeclared.deep[0]: is 20001 characters long");
        assertError(h.call("add_task", Map.of("name", "n", "labels", List.of(big))), "labels[0]: is 20001 characters long");
        assertError(h.call("register_agent", Map.of("agent_id", "a".repeat(129), "name", "n", "role", "r",
                "project_id", projectId)), "agent_id: is 129 characters long; at most 128");

        int limit = (int) h.core.limits().artifactBytes();
        Reply content = assertError(h.call("log_artifact", Map.of("task_id", taskA, "filename", "big.bin",
                "content", "z".repeat(limit + 1), "artifact_type", "other", "project_root", root.toString())),
                "content: is " + (limit + 1) + " characters long");
        assertThat(content.body()).containsEntry("field", "content");
        assertThat(root.resolve("docs/artifacts/big.bin")).doesNotExist();
    }

    @Test
    void duplicateProjectName_isAValidationErrorOnProjectName() {
        Reply r = assertError(h.call("create_project", Map.of("project_name", "shop", "description", "- t")),
                "project_name: a project named 'Shop' already exists");
        assertThat(r.body()).containsEntry("field", "project_name");
    }

    @Test
    void results_carryTheSameJsonAsStructuredContent() {
        var raw = h.raw("get_project_status", Map.of());
        assertThat(raw.isError()).isFalse();
        assertThat(raw.structuredContent()).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) raw.structuredContent()).get("success")).isEqualTo(true);
        var error = h.raw("get_task_context", Map.of());
        assertThat(error.isError()).isTrue();
        assertThat(((Map<?, ?>) error.structuredContent()).get("field")).isEqualTo("task_id");
    }
}
