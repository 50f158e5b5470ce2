package dev.marcus.core.service;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.model.Artifact;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Routes context along the graph: a task sees the decisions and artifacts of every task it depends on, directly or
 * not, plus its own, its blockers and the hand-off note of a previous holder.
 */
@Singleton
public final class ContextService {
    private final StorageBackend storage;

    @Inject
    public ContextService(StorageBackend storage) {
        this.storage = storage;
    }

    /**
     * Everything an agent needs to know about a task.
     *
     * @param upstreamDecisions decisions on tasks this one depends on (transitively)
     * @param upstreamArtifacts artifacts of tasks this one depends on (transitively)
     */
    public record TaskContext(Task task, List<Task> dependencies, List<Task> dependents,
                              List<Decision> upstreamDecisions, List<Artifact> upstreamArtifacts,
                              List<Decision> ownDecisions, List<Artifact> ownArtifacts, List<Blocker> blockers) {
    }

    public TaskContext contextFor(String taskId) {
        TaskId id = TaskId.parse("task_id", taskId);
        Task task = storage.findTask(id).orElseThrow(() -> new NotFoundException("task_id",
                "task '" + taskId + "' does not exist"));
        return contextFor(task);
    }

    public TaskContext contextFor(Task task) {
        return contextFor(task, new TaskGraph(storage.listTasks(task.projectId())));
    }

    /**
     * The context of {@code task} with a graph of its project the caller already has. The graph may be a moment old:
     * it only routes (which tasks are upstream and downstream); the tasks, decisions and artifacts are read fresh.
     */
    public TaskContext contextFor(Task task, TaskGraph graph) {
        List<Task> deps = resolve(graph, task.dependencies());
        List<Task> dependents = resolve(graph, graph.dependentsOf(task.id()));
        Set<TaskId> upstream = graph.upstreamOf(task.id());
        if (task.parentId() != null) {
            upstream.addAll(graph.upstreamOf(task.parentId()));
        }
        List<Decision> upDecisions = upstream.isEmpty() ? List.of() : storage.decisionsFor(upstream);
        List<Artifact> upArtifacts = upstream.isEmpty() ? List.of() : storage.artifactsFor(upstream);
        return new TaskContext(task, deps, dependents, upDecisions, upArtifacts,
                storage.decisionsFor(List.of(task.id())), storage.artifactsFor(List.of(task.id())),
                storage.blockersFor(task.id()));
    }

    private List<Task> resolve(TaskGraph graph, List<TaskId> ids) {
        List<Task> out = new ArrayList<>();
        for (TaskId d : ids) {
            storage.findTask(d).ifPresent(out::add);
        }
        return out;
    }
}
