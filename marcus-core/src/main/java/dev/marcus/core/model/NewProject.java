package dev.marcus.core.model;

/** A project to be created; {@code projectRoot} may be {@code null}. */
public record NewProject(ProjectId id, String name, String description, String projectRoot) {
}
