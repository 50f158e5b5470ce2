package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed tool reference is exactly what the tool classes render. */
class ToolReferenceTest {
    private static final Path DOC = Path.of("..", "docs", "reference", "mcp-tools.md");

    @Test
    void committedReference_matchesTheToolClasses() throws Exception {
        String rendered;
        try (MarcusCore core = MarcusCore.builder(new InMemoryStorageBackend()).build()) {
            rendered = ToolReference.markdown(ToolCatalog.of(core).all());
        }
        if (Boolean.getBoolean("marcus.docs.write")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC)).as("%s exists (generate it with -Dmarcus.docs.write=true)", DOC).isTrue();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/reference/mcp-tools.md is out of date; regenerate it with -Dmarcus.docs.write=true")
                .isEqualTo(rendered);
        assertThat(rendered).contains("## `request_next_task`").contains("`agent_id`*");
    }
}
