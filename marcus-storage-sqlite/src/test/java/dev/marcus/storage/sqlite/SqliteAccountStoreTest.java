package dev.marcus.storage.sqlite;

import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.AccountStore;
import dev.marcus.core.port.AccountStoreContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The accounts contract on a SQLite file (migration V5). */
class SqliteAccountStoreTest extends AccountStoreContract {
    @TempDir
    Path dir;
    private SqliteStorageBackend backend;

    @Override
    protected AccountStore newStore() {
        backend = SqliteStorageBackend.open(dir.resolve("marcus.db"));
        return backend.accounts();
    }

    @Override
    protected ProjectId createProject(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replace(' ', '-');
        ProjectId id = new ProjectId("proj-" + slug);
        backend.createProject(new NewProject(id, name, "", null), List.of(new NewTask(new TaskId("task-" + slug), "t",
                "", Priority.MEDIUM, List.of(), List.of(), List.of(), null, List.of(), null)), T0);
        return id;
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }
}
