package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolListTest {
    private static final List<String> CORE = List.of("ping", "register_agent", "request_next_task",
            "report_task_progress", "report_blocker", "get_task_context", "log_decision", "log_artifact",
            "get_project_status");
    private static final List<String> STANDARD_ONLY = List.of("get_agent_status", "list_registered_agents",
            "unassign_task", "create_project", "add_task", "list_projects", "select_project", "switch_project",
            "get_current_project", "add_project", "update_project", "check_board_health", "check_task_dependencies",
            "diagnose_project", "create_tasks", "add_feature");

    private static List<String> listed(ToolProfile profile) {
        try (McpHarness h = new McpHarness(profile)) {
            return h.client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        }
    }

    @Test
    void coreProfile_listsOnlyTheAgentLoop() {
        assertThat(listed(ToolProfile.CORE)).containsExactlyInAnyOrderElementsOf(CORE).hasSize(9);
    }

    @Test
    void standardProfile_listsEveryToolOfThisIssue() {
        List<String> names = listed(ToolProfile.STANDARD);
        assertThat(names).hasSize(25).containsAll(CORE).containsAll(STANDARD_ONLY);
    }

    @Test
    void allProfile_listsEverything() {
        assertThat(listed(ToolProfile.ALL)).hasSize(47);
    }

    @Test
    void profileParsing_defaultsToStandardAndRejectsUnknownNames() {
        assertThat(ToolProfile.parse(null)).isEqualTo(ToolProfile.STANDARD);
        assertThat(ToolProfile.parse(" Core ")).isEqualTo(ToolProfile.CORE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToolProfile.parse("most"))
                .hasMessageContaining("MARCUS_TOOLS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void listedSchemas_declareRequiredParametersTypesAndLimits() {
        try (McpHarness h = new McpHarness(ToolProfile.STANDARD)) {
            McpSchema.ListToolsResult tools = h.client.listTools();
            McpSchema.Tool progress = tools.tools().stream().filter(t -> t.name().equals("report_task_progress"))
                    .findFirst().orElseThrow();
            Map<String, Object> schema = progress.inputSchema();
            assertThat(schema.get("type")).isEqualTo("object");
            assertThat((List<String>) schema.get("required")).containsExactly("agent_id", "task_id", "status");
            Map<String, Object> props = (Map<String, Object>) schema.get("properties");
            assertThat(props).containsKeys("progress", "message", "tokens_used", "cost_usd", "lease_epoch");
            assertThat((Map<String, Object>) props.get("progress")).containsEntry("type", "integer");
            assertThat((Map<String, Object>) props.get("status"))
                    .containsEntry("enum", List.of("in_progress", "completed", "blocked"));
            assertThat((Map<String, Object>) props.get("message")).containsEntry("maxLength", 20_000);

            McpSchema.Tool create = tools.tools().stream().filter(t -> t.name().equals("create_project"))
                    .findFirst().orElseThrow();
            Map<String, Object> options = (Map<String, Object>) ((Map<String, Object>) create.inputSchema()
                    .get("properties")).get("options");
            assertThat((Map<String, Object>) options.get("properties")).containsKey("project_root");
        }
    }

    @Test
    void initialize_announcesMarcusAndTheAgentLoop() {
        try (McpHarness h = new McpHarness(ToolProfile.CORE)) {
            assertThat(h.client.getServerInfo().name()).isEqualTo("marcus");
            assertThat(h.client.getServerInstructions()).contains("request_next_task").hasLineCount(5);
        }
    }
}
