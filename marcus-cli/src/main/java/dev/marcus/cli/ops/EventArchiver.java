package dev.marcus.cli.ops;

import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.model.Event;
import dev.marcus.core.port.OperationsStore;
import dev.marcus.core.port.StorageBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event retention: writes the events older than the retention to {@code events-<first id>-<last id>.jsonl.gz} (one
 * JSON object per line, gzip) in the archive directory, and only once that file is complete and flushed deletes them
 * from the store. Run as the recurring {@code event-retention} job, so one process archives at a time.
 */
public final class EventArchiver {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 5_000;

    private final StorageBackend storage;
    private final OperationsStore operations;
    private final Path dir;

    public EventArchiver(StorageBackend storage, OperationsStore operations, Path dir) {
        this.storage = storage;
        this.operations = operations;
        this.dir = dir;
    }

    /** Archives and deletes up to {@code maxBatches} batches of events older than {@code cutoff}; how many. */
    public int archiveBefore(Instant cutoff, int maxBatches) {
        int archived = 0;
        for (int b = 0; b < maxBatches; b++) {
            List<Event> batch = storage.eventsAfter(0, null, BATCH).stream().filter(e -> e.at().isBefore(cutoff)).toList();
            if (batch.isEmpty()) {
                break;
            }
            long first = batch.get(0).id();
            long last = batch.get(batch.size() - 1).id();
            write(batch, dir.resolve("events-" + first + "-" + last + ".jsonl.gz"));
            archived += operations.deleteEventsThrough(last, cutoff);
            if (batch.size() < BATCH) {
                break;
            }
        }
        return archived;
    }

    private static void write(List<Event> events, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".events-", ".partial");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp));
                 Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                for (Event e : events) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", e.id());
                    m.put("type", e.type().wire());
                    m.put("at", e.at().toString());
                    m.put("project_id", e.projectId() == null ? null : e.projectId().value());
                    m.put("task_id", e.taskId() == null ? null : e.taskId().value());
                    m.put("agent_id", e.agentId() == null ? null : e.agentId().value());
                    m.put("data", e.data());
                    w.write(JSON.writeValueAsString(m));
                    w.write('\n');
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot write the event archive " + file + ": " + e.getMessage(), e);
        }
    }
}
