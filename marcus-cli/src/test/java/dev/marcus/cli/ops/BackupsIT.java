package dev.marcus.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresTestDatabase;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marcus backup} / {@code marcus restore} on real stores: SQLite (VACUUM INTO) and PostgreSQL (pg_dump and
 * pg_restore of the store's schema). A restore brings back exactly what was backed up, verified by every table's count;
 * a damaged backup is refused before anything is touched; retention keeps the newest.
 */
class BackupsIT {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private static void project(StorageBackend store, String id, int tasks) {
        List<NewTask> list = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            list.add(new NewTask(new TaskId("task-" + id + "-" + i), "Task " + i, "", Priority.MEDIUM, List.of(), List.of(),
                    List.of(), null, List.of(), null));
        }
        store.createProject(new NewProject(new ProjectId("proj-" + id), "Project " + id, "", null), list, T0);
    }

    @Test
    void sqliteBackup_restoresExactlyWhatWasBackedUp_andKeepsTheOldFileAside() throws Exception {
        Path db = dir.resolve("home/marcus.db");
        try (SqliteStorageBackend store = SqliteStorageBackend.open(db)) {
            project(store, "a", 5);
        }
        Backups backups = new Backups(Backups.Store.sqlite(db));
        Backups.Backup b = backups.create(dir.resolve("backups"), 2, "test");
        assertThat(b.rows()).containsEntry("tasks", 5L).containsEntry("projects", 1L);
        assertThat(Files.readString(b.dir().resolve("manifest.json"))).contains(b.sha256());

        try (SqliteStorageBackend store = SqliteStorageBackend.open(db)) {
            project(store, "b", 3); // written after the backup: the restore takes it away
        }
        Path aside = backups.restore(b);
        assertThat(aside).exists();
        try (SqliteStorageBackend store = SqliteStorageBackend.open(db)) {
            assertThat(store.listProjects()).extracting(p -> p.id().value()).containsExactly("proj-a");
            assertThat(store.listTasks(new ProjectId("proj-a"))).hasSize(5);
        }
        try (SqliteStorageBackend old = SqliteStorageBackend.open(aside)) {
            assertThat(old.listProjects()).hasSize(2);
        }
    }

    @Test
    void damagedBackup_isRefusedBeforeAnythingChanges_andRetentionKeepsTheNewest() throws Exception {
        Path db = dir.resolve("home/marcus.db");
        try (SqliteStorageBackend store = SqliteStorageBackend.open(db)) {
            project(store, "a", 2);
        }
        Backups backups = new Backups(Backups.Store.sqlite(db));
        List<Backups.Backup> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(backups.create(dir.resolve("backups"), 2, "test"));
        }
        assertThat(Backups.list(dir.resolve("backups"))).extracting(Backups.Backup::dir)
                .containsExactly(made.get(2).dir(), made.get(1).dir());
        Backups.Backup b = made.get(2);
        byte[] data = Files.readAllBytes(b.dir().resolve(b.file()));
        data[data.length / 2] ^= 1;
        Files.write(b.dir().resolve(b.file()), data);
        long before = Files.size(db);
        assertThatThrownBy(() -> backups.restore(b)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("does not match its manifest");
        assertThat(Files.size(db)).isEqualTo(before);
        assertThat(Files.list(db.getParent()).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("before-restore"));
    }

    @Test
    void postgresBackup_withPgDump_restoresTheSchemaAndVerifiesEveryTable() throws Exception {
        Backups backups = new Backups(Backups.Store.postgres(PG.urlString(), PG.schema()));
        try (PostgresStorageBackend store = PG.open()) {
            project(store, "a", 7);
            store.jobs().enqueue(new dev.marcus.core.job.NewJob("job-1", "deliver", null, null, T0, 1), T0);
        }
        Backups.Backup b = backups.create(dir.resolve("backups"), 3, "test");
        assertThat(b.kind()).isEqualTo("postgres");
        assertThat(b.rows()).containsEntry("tasks", 7L).containsEntry("jobs", 1L);

        try (PostgresStorageBackend store = PG.open()) {
            project(store, "b", 4);
        }
        backups.restore(b);
        try (PostgresStorageBackend store = PG.open()) {
            assertThat(store.listProjects()).extracting(p -> p.id().value()).containsExactly("proj-a");
            assertThat(store.jobs().find("job-1")).isPresent();
            project(store, "c", 1); // the restored store takes writes (its identities continue)
        }
    }
}
