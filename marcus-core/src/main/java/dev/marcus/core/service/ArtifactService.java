package dev.marcus.core.service;

import dev.marcus.core.event.EventRelay;
import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Artifact;
import dev.marcus.core.model.ArtifactType;
import dev.marcus.core.model.Ids;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code log_artifact}: writes a file an agent produced under the project root and records it on the task.
 * Writes are confined to the root: absolute paths, {@code ..} and symbolic links that lead outside it are refused,
 * and when the project has a root of its own the agent's {@code project_root} must lie inside it.
 */
@Singleton
public final class ArtifactService {
    private final StorageBackend storage;
    private final Clock clock;
    private final Limits limits;
    private final EventRelay relay;

    @Inject
    public ArtifactService(StorageBackend storage, Clock clock, Limits limits, EventRelay relay) {
        this.storage = storage;
        this.clock = clock;
        this.limits = limits;
        this.relay = relay;
    }

    /** The stored artifact and the absolute path written. */
    public record Logged(Artifact artifact, Path fullPath) {
    }

    /** What {@code log_artifact} carries; {@code location} and {@code description} may be null. */
    public record Request(String taskId, String filename, String content, String artifactType, String projectRoot,
                          String description, String location) {
    }

    public Logged log(Request r) {
        TaskId id = TaskId.parse("task_id", r.taskId());
        ArtifactType type = ArtifactType.parse("artifact_type", r.artifactType());
        String filename = checkFilename(r.filename());
        if (r.content() == null) {
            throw new ValidationException("content", "is required");
        }
        byte[] bytes = r.content().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > limits.artifactBytes()) {
            throw new ValidationException("content", "is " + bytes.length + " bytes; at most " + limits.artifactBytes() + " are allowed");
        }
        String description = limits.text("description", r.description());
        Task task = storage.findTask(id).orElseThrow(() -> new NotFoundException("task_id", "task '" + r.taskId() + "' does not exist"));
        Project project = storage.findProject(task.projectId()).orElseThrow();
        Path root = checkRoot(r.projectRoot(), project);
        String location = r.location() == null || r.location().isBlank() ? type.defaultDirectory() : r.location().strip();
        Path dir = inside(root, location, "location");
        Path file = inside(root, root.relativize(dir).resolve(filename).toString(), "filename");
        try {
            createDirectoriesInside(root, dir);
            if (Files.isSymbolicLink(file)) {
                throw new ValidationException("filename", "'" + root.relativize(file) + "' is a symbolic link; refusing to write through it");
            }
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ValidationException("filename", "'" + root.relativize(file) + "' is a directory");
            }
            Path tmp = Files.createTempFile(dir, ".marcus-", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException("could not write artifact " + file + ": " + e.getMessage(), e);
        }
        String relative = root.relativize(file).toString().replace('\\', '/');
        Artifact a = storage.addArtifact(new Artifact(Ids.random("art"), project.id(), task.id(), filename, type, relative,
                description, bytes.length, clock.now()));
        relay.poke();
        return new Logged(a, file);
    }

    private String checkFilename(String raw) {
        String name = limits.name("filename", raw);
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new ValidationException("filename", "must be a plain file name without directories (use location for a sub-directory), got '" + raw + "'");
        }
        return name;
    }

    private static Path checkRoot(String raw, Project project) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException("project_root", "is required: the absolute path of the project's working directory");
        }
        Path root;
        try {
            Path given = Path.of(raw.strip());
            if (!given.isAbsolute()) {
                throw new ValidationException("project_root", "must be an absolute path, got '" + raw + "'");
            }
            if (!Files.isDirectory(given)) {
                throw new ValidationException("project_root", "'" + raw + "' is not an existing directory");
            }
            root = given.toRealPath();
        } catch (InvalidPathException e) {
            throw new ValidationException("project_root", "is not a valid path: " + e.getReason());
        } catch (IOException e) {
            throw new ValidationException("project_root", "cannot be resolved: " + e.getMessage());
        }
        if (project.projectRoot() != null) {
            Path own;
            try {
                own = Path.of(project.projectRoot()).toRealPath();
            } catch (IOException e) {
                throw new ValidationException("project_root", "the project's own root " + project.projectRoot() + " does not exist");
            }
            if (!root.startsWith(own)) {
                throw new ValidationException("project_root", "must be the project's root " + own + " or inside it, got " + root);
            }
        }
        return root;
    }

    /** Resolves a relative path under {@code root}, refusing absolute paths and {@code ..} that leave it. */
    private static Path inside(Path root, String relative, String field) {
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new ValidationException(field, "is not a valid path: " + e.getReason());
        }
        if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new ValidationException(field, "must be relative to project_root, got '" + relative + "'");
        }
        Path resolved = root.resolve(rel).normalize();
        if (!resolved.startsWith(root)) {
            throw new ValidationException(field, "'" + relative + "' leaves project_root");
        }
        return resolved;
    }

    /** Creates {@code dir} one level at a time, refusing any existing link that resolves outside {@code root}. */
    private static void createDirectoriesInside(Path root, Path dir) throws IOException {
        Path current = root;
        for (Path part : root.relativize(dir)) {
            current = current.resolve(part);
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Path real = current.toRealPath();
                if (!real.startsWith(root)) {
                    throw new ValidationException("location", "'" + root.relativize(current) + "' is a link that leaves project_root");
                }
                if (!Files.isDirectory(real)) {
                    throw new ValidationException("location", "'" + root.relativize(current) + "' is not a directory");
                }
            } else {
                Files.createDirectory(current);
            }
        }
    }
}
