package dev.marcus.core.port;

import dev.marcus.core.integration.TaskLink;
import dev.marcus.core.integration.Webhook;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Integrations kept in the store: outbound webhooks, the inbound GitHub hook's secret per project, and links from
 * tasks to pull requests. Secrets arrive sealed and leave sealed. Errors as in {@link StorageBackend}.
 */
public interface IntegrationStore {

    /** @throws dev.marcus.core.error.NotFoundException ({@code project_id}) for an unknown project */
    Webhook addWebhook(Webhook hook);

    Optional<Webhook> findWebhook(String id);

    /** A project's webhooks, oldest first. */
    List<Webhook> webhooks(ProjectId project);

    /** Every active webhook of every project (the dispatcher's view). */
    List<Webhook> activeWebhooks();

    /** False when there was no such webhook. */
    boolean removeWebhook(String id);

    /** Sets (or replaces) the project's GitHub webhook secret. */
    void putGithubSecret(ProjectId project, String sealed, String hint, Instant now);

    /** The project's sealed GitHub webhook secret, if one was set. */
    Optional<String> githubSecret(ProjectId project);

    /** Adds the link, or updates the title and state of the task's link with the same URL. */
    TaskLink putLink(TaskLink link);

    /** A task's links, oldest first. */
    List<TaskLink> links(TaskId task);
}
