package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.service.ProjectService;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two independent cores (each with its own JVM-level locks, as two `marcus mcp` processes have) on one SQLite file
 * race the same create_project: the store's unique live-project name decides, and every caller gets the one project.
 */
class ConcurrentCreateProjectTest {
    @TempDir
    Path dir;

    @Test
    void sameCreateProjectFromTwoProcesses_makesOneProject_andEveryCallerGetsIt() throws Exception {
        Path db = dir.resolve("marcus.db");
        try (SqliteStorageBackend s1 = SqliteStorageBackend.open(db);
             SqliteStorageBackend s2 = SqliteStorageBackend.open(db);
             MarcusCore a = MarcusCore.builder(s1).build();
             MarcusCore b = MarcusCore.builder(s2).build()) {
            String outline = "# Backend\n- Schema\n- API (after Schema)\n";
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                MarcusCore core = i % 2 == 0 ? a : b;
                calls.add(pool.submit(() -> {
                    go.await();
                    return core.projects().create("Shop", outline, ProjectService.CreateOptions.NONE)
                            .project().id().value();
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<String> f : calls) {
                ids.add(f.get());
            }
            pool.shutdown();
            assertThat(ids).hasSize(1);
            assertThat(s1.listProjects()).hasSize(1);
            assertThat(s1.listTasks(s1.listProjects().get(0).id())).hasSize(2);
        }
    }
}
