package dev.marcus.core.service;

import dev.marcus.core.graph.TaskGraph;
import dev.marcus.core.cache.ProjectGraphs;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.model.Artifact;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.TaskContextRows;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes context along the graph: a task sees the decisions and artifacts of every task it depends on, directly or
 * not, plus its own, its blockers and the hand-off note of a previous holder.
 */
@Singleton
public final class ContextService {
    private final StorageBackend storage;
    private final ProjectGraphs graphs;

    /** @param graphs the cached project graphs the assignment service ranks with (routing only, read fresh rows) */
    @Inject
    public ContextService(StorageBackend storage, ProjectGraphs graphs) {
        this.storage = storage;
        this.graphs = graphs;
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
        return contextFor(task, graphs.get(task.projectId()));
    }

    /**
     * The context of {@code task} with a graph of its project the caller already has. The graph may be a moment old:
     * it only routes (which tasks are upstream and downstream); the tasks, decisions and artifacts are read fresh.
     */
    public TaskContext contextFor(Task task, TaskGraph graph) {
        List<TaskId> dependents = graph.dependentsOf(task.id());
        Set<TaskId> upstream = graph.upstreamOf(task.id());
        if (task.parentId() != null) {
            upstream.addAll(graph.upstreamOf(task.parentId()));
        }
        Set<TaskId> related = new LinkedHashSet<>(task.dependencies());
        related.addAll(dependents);
        Set<TaskId> notesOf = new LinkedHashSet<>(upstream);
        notesOf.add(task.id());
        // one read for all of it: a context used to cost a read per dependency, dependent and kind of note
        TaskContextRows rows = storage.contextRows(task.id(), related, notesOf);
        Map<TaskId, Task> byId = new HashMap<>();
        rows.tasks().forEach(t -> byId.put(t.id(), t));
        List<Decision> upDecisions = new ArrayList<>();
        List<Decision> ownDecisions = new ArrayList<>();
        for (Decision d : rows.decisions()) {
            (d.taskId().equals(task.id()) ? ownDecisions : upDecisions).add(d);
        }
        List<Artifact> upArtifacts = new ArrayList<>();
        List<Artifact> ownArtifacts = new ArrayList<>();
        for (Artifact a : rows.artifacts()) {
            (a.taskId().equals(task.id()) ? ownArtifacts : upArtifacts).add(a);
        }
        return new TaskContext(task, resolve(byId, task.dependencies()), resolve(byId, dependents), upDecisions,
                upArtifacts, ownDecisions, ownArtifacts, rows.blockers());
    }

    private static List<Task> resolve(Map<TaskId, Task> byId, List<TaskId> ids) {
        List<Task> out = new ArrayList<>();
        for (TaskId d : ids) {
            Task t = byId.get(d);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
