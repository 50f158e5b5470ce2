package dev.marcus.core.service;

import dev.marcus.core.event.EventRelay;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Ids;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Registry edits: {@code add_project} (an empty project), {@code update_project} and {@code remove_project}.
 * Removing archives: the project leaves the lists, its tasks and events stay readable as history.
 */
@Singleton
public final class ProjectRegistryService {
    private final StorageBackend storage;
    private final ProjectService projects;
    private final Clock clock;
    private final Limits limits;
    private final EventRelay relay;

    @Inject
    public ProjectRegistryService(StorageBackend storage, ProjectService projects, Clock clock, Limits limits,
                                  EventRelay relay) {
        this.storage = storage;
        this.projects = projects;
        this.clock = clock;
        this.limits = limits;
        this.relay = relay;
    }

    public Project add(String name, String description, String projectRoot, boolean makeActive) {
        String n = limits.name("name", name);
        checkNameFree(n, null);
        Project p = storage.createProject(new NewProject(new ProjectId(Ids.random("proj")), n,
                limits.text("config.description", description == null ? "" : description), root(projectRoot)),
                List.of(), clock.now());
        if (makeActive) {
            storage.setActiveProject(p.id(), clock.now());
        }
        relay.poke();
        return p;
    }

    public Project update(String projectId, String name, String description, String projectRoot) {
        Project p = live(projectId);
        if (name == null && description == null && projectRoot == null) {
            throw new ValidationException("project_id", "nothing to update: pass name or config (description, project_root)");
        }
        String n = name == null ? null : limits.name("name", name);
        if (n != null) {
            checkNameFree(n, p.id());
        }
        Project updated = storage.updateProject(p.id(), n,
                description == null ? null : limits.text("config.description", description), root(projectRoot), clock.now());
        relay.poke();
        return updated;
    }

    public Project remove(String projectId, boolean confirm) {
        if (!confirm) {
            throw new ValidationException("confirm", "must be true to remove a project (it is archived, not deleted)");
        }
        Project p = live(projectId);
        Project archived = storage.archiveProject(p.id(), clock.now());
        relay.poke();
        return archived;
    }

    private Project live(String projectId) {
        if (projectId == null || projectId.isBlank()) {
            throw new ValidationException("project_id", "is required");
        }
        Project p = projects.resolve(projectId);
        if (p.isArchived()) {
            throw new ValidationException("project_id", "project '" + projectId + "' has been removed");
        }
        return p;
    }

    private void checkNameFree(String name, ProjectId self) {
        for (Project p : storage.listProjects()) {
            if (!p.isArchived() && !p.id().equals(self) && p.name().equalsIgnoreCase(name)) {
                throw new ValidationException("name", "a project named '" + p.name() + "' already exists (id " + p.id() + ")");
            }
        }
    }

    private static String root(String root) {
        if (root == null || root.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(root.strip());
            if (!p.isAbsolute()) {
                throw new ValidationException("config.project_root", "must be an absolute path, got '" + root + "'");
            }
            return p.normalize().toString();
        } catch (InvalidPathException e) {
            throw new ValidationException("config.project_root", "is not a valid path: " + e.getReason());
        }
    }
}
