package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Measures what each MARCUS_TOOLS profile costs a client: tool count and the bytes of its tools/list result. */
class ToolListSizeTest {
    @Test
    void printsToolCountAndListSizePerProfile() throws Exception {
        int previous = 0;
        for (ToolProfile p : ToolProfile.values()) {
            try (McpHarness h = new McpHarness(p)) {
                McpSchema.ListToolsResult list = h.client.listTools();
                int bytes = McpJsonDefaults.getMapper().writeValueAsString(list).getBytes(StandardCharsets.UTF_8).length;
                System.err.printf("MARCUS_TOOLS=%s: %d tools, tools/list result %d bytes%n", p.wire(),
                        list.tools().size(), bytes);
                assertThat(bytes).isGreaterThan(previous);
                previous = bytes;
            }
        }
    }
}
