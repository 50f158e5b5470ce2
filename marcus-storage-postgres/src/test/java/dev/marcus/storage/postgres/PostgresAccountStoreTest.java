package dev.marcus.storage.postgres;

import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.AccountStore;
import dev.marcus.core.port.AccountStoreContract;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The accounts contract on PostgreSQL, in a schema of this class's own (migration V5). */
class PostgresAccountStoreTest extends AccountStoreContract {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();
    private PostgresStorageBackend backend;

    @Override
    protected AccountStore newStore() {
        try {
            PG.truncate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        backend = PG.open();
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
