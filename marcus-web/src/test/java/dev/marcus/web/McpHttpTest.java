package dev.marcus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MCP over Streamable HTTP at /mcp, driven by the SDK's own HTTP client transport. */
class McpHttpTest {

    private static McpSyncClient client(WebHarness web, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var transport = HttpClientStreamableHttpTransport.builder(web.base())
                .endpoint("/mcp")
                .requestBuilder(request)
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20))
                .initializationTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = c.callTool(new McpSchema.CallToolRequest(tool, args));
        return (Map<String, Object>) r.structuredContent();
    }

    @Test
    void toolsList_andFullRequestToCompleteCycle() {
        try (WebHarness web = new WebHarness(); McpSyncClient c = client(web, null)) {
            List<String> names = c.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertThat(names).contains("register_agent", "request_next_task", "report_task_progress", "create_project");

            var created = call(c, "create_project", Map.of("project_name", "Shop", "description", "- Schema\n- API (after Schema)"));
            String projectId = (String) created.get("project_id");
            assertThat(call(c, "register_agent", Map.of("agent_id", "a1", "name", "Ann", "role", "dev", "project_id", projectId))
                    .get("success")).isEqualTo(true);
            for (int i = 0; i < 2; i++) {
                var next = call(c, "request_next_task", Map.of("agent_id", "a1"));
                String taskId = (String) ((Map<?, ?>) next.get("task")).get("id");
                var done = call(c, "report_task_progress", Map.of("agent_id", "a1", "task_id", taskId,
                        "status", "completed", "progress", 100));
                assertThat(done.get("success")).isEqualTo(true);
            }
            var finished = call(c, "request_next_task", Map.of("agent_id", "a1"));
            assertThat(finished.get("project_complete")).isEqualTo(true);
            var board = web.get("/api/projects/" + projectId);
            assertThat(((Map<?, ?>) board.get("project")).get("done")).isEqualTo(2);
        }
    }

    @Test
    void withToken_validTokenServes_missingOrWrongTokenIs401WithoutStackTrace() throws Exception {
        try (WebHarness web = new WebHarness("s3cret")) {
            try (McpSyncClient c = client(web, "s3cret")) {
                assertThat(c.listTools().tools()).isNotEmpty();
            }
            assertThatThrownBy(() -> client(web, null)).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> client(web, "wrong")).isInstanceOf(RuntimeException.class);

            var raw = web.send(HttpRequest.newBuilder(URI.create(web.base() + "/mcp"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")));
            assertThat(raw.status()).isEqualTo(401);
            assertThat(raw.raw()).doesNotContain("at io.").doesNotContain("Exception");
        }
    }

    @Test
    void foreignOriginIsRefused_andGarbageGetsShortErrorNoStackTrace() {
        try (WebHarness web = new WebHarness()) {
            var evil = web.send(HttpRequest.newBuilder(URI.create(web.base() + "/mcp"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")));
            assertThat(evil.status()).isEqualTo(403);
            var garbage = web.send(HttpRequest.newBuilder(URI.create(web.base() + "/mcp"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{{{{")));
            assertThat(garbage.status()).isGreaterThanOrEqualTo(400);
            assertThat(garbage.raw()).doesNotContain("\tat ").doesNotContain(".java:");
        }
    }
}
