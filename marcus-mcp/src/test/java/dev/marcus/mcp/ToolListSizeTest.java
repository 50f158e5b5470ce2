package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Measures what each MARCUS_TOOLS profile costs a client: tool count and the bytes of its tools/list result. */
class ToolListSizeTest {
    /** The counts this module's README gives: "`core` 9 tools / …, `standard` 25 / …, `all` 47 / …". */
    private static final Pattern README_COUNT = Pattern.compile("`(core|standard|all)` (\\d+)(?: tools)? /");

    @Test
    void printsToolCountAndListSizePerProfile_andTheReadmeSaysTheRightCounts() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Map<String, Integer> written = new HashMap<>();
        Matcher m = README_COUNT.matcher(readme.replaceAll("\\s+", " "));
        while (m.find()) {
            written.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertThat(written).as("tool counts in marcus-mcp/README.md").containsOnlyKeys("core", "standard", "all");
        int previous = 0;
        for (ToolProfile p : ToolProfile.values()) {
            try (McpHarness h = new McpHarness(p)) {
                McpSchema.ListToolsResult list = h.client.listTools();
                assertThat(list.tools()).as("MARCUS_TOOLS=" + p.wire() + " tools (marcus-mcp/README.md says "
                        + written.get(p.wire()) + ")").hasSize(written.get(p.wire()));
                if (p == ToolProfile.ALL) {
                    assertThat(readme).as("the 'all' row of the README's table").contains("(" + list.tools().size() + " tools)");
                }
                int bytes = McpJsonDefaults.getMapper().writeValueAsString(list).getBytes(StandardCharsets.UTF_8).length;
                System.err.printf("MARCUS_TOOLS=%s: %d tools, tools/list result %d bytes%n", p.wire(),
                        list.tools().size(), bytes);
                assertThat(bytes).isGreaterThan(previous);
                previous = bytes;
            }
        }
    }
}
