package dev.marcus.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Task;
import dev.marcus.core.service.ProjectService;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JiraImportTest {
    @TempDir
    Path dir;

    private static String export() throws IOException {
        try (InputStream in = JiraImportTest.class.getResourceAsStream("/jira/export.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void openIssuesBecomeTasks_andBlockingLinksBecomeDependencies() throws IOException {
        JiraImport jira = JiraImport.parse(export());
        assertThat(jira.skippedDone()).isEqualTo(1);
        try (SqliteStorageBackend store = SqliteStorageBackend.open(dir.resolve("marcus.db"));
             MarcusCore core = MarcusCore.builder(store).build()) {
            ProjectService.CreatedProject created = core.projects().create("Shop (JIRA)", "Imported from export.json",
                    jira, null);
            Map<String, Task> byName = created.tasks().stream().collect(Collectors.toMap(t -> t.name().split(" ")[0], t -> t));
            assertThat(byName).containsOnlyKeys("SHOP-1", "SHOP-2", "SHOP-3", "SHOP-4");
            assertThat(byName.get("SHOP-2").dependencies()).containsExactly(byName.get("SHOP-1").id());
            // SHOP-5 is done: its link is dropped, SHOP-3 waits for SHOP-2 only
            assertThat(byName.get("SHOP-3").dependencies()).containsExactly(byName.get("SHOP-2").id());
            assertThat(byName.get("SHOP-4").dependencies()).containsExactly(byName.get("SHOP-3").id());
            assertThat(byName.get("SHOP-1").name()).isEqualTo("SHOP-1 Design the schema");
            assertThat(byName.get("SHOP-1").description()).isEqualTo("Tables for orders.");
            assertThat(byName.get("SHOP-1").estimatedHours()).isEqualTo(2.0);
            assertThat(byName.get("SHOP-1").labels()).contains("backend", "jira:shop-1");
            assertThat(byName.get("SHOP-3").priority()).isEqualTo(Priority.URGENT);
            assertThat(created.phases()).contains("Checkout");
        }
    }

    @Test
    void somethingElse_isRefusedNamingTheFile() {
        assertThatThrownBy(() -> JiraImport.parse("{\"projects\": []}")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("file").hasMessageContaining("issues");
        assertThatThrownBy(() -> JiraImport.parse("not json")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not JSON");
    }
}
