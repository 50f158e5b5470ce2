package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.LeasePolicy;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/architecture/embedding.md: the core with plain constructors, no Dagger, a real SQLite file. */
class EmbeddingTest {
    @TempDir
    Path dir;

    @Test
    void theCoreRunsWithoutDagger_againstARealSqliteFile() {
        try (SqliteStorageBackend storage = SqliteStorageBackend.open(dir.resolve("coordination.db"));
             MarcusCore marcus = MarcusCore.builder(storage)
                     .leases(LeasePolicy.ofSeconds(60, 300, 1800))
                     .build()
                     .startBackground(Duration.ofMillis(250))) {

            var created = marcus.projects().create("Shop", """
                    # Backend
                    - Schema
                    - API (after Schema)
                    """, ProjectService.CreateOptions.NONE);
            assertThat(created.tasks()).hasSize(2);
            assertThat(created.dependencies()).isEqualTo(1);

            marcus.agents().register("worker-1", "Worker 1", "backend", List.of("backend"), created.project().id().value());

            var first = marcus.assignments().requestNextTask("worker-1", 0);
            assertThat(first).isInstanceOf(AssignmentService.Assigned.class);
            var task = ((AssignmentService.Assigned) first).task();
            assertThat(task.name()).isEqualTo("Schema");
            marcus.progress().report(new ProgressService.Report("worker-1", task.id().value(), "completed", 100, "done",
                    null, null, null));

            var second = marcus.assignments().requestNextTask("worker-1", 0);
            assertThat(((AssignmentService.Assigned) second).task().name()).isEqualTo("API");
            marcus.progress().report(new ProgressService.Report("worker-1",
                    ((AssignmentService.Assigned) second).task().id().value(), "completed", 100, "done", null, null, null));

            assertThat(marcus.assignments().requestNextTask("worker-1", 0))
                    .isInstanceOf(AssignmentService.ProjectComplete.class);
        }
    }
}
