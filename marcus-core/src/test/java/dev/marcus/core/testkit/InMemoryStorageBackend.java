package dev.marcus.core.testkit;

import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.Artifact;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.Experiment;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.NewEvent;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.RecoveryInfo;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskEdit;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.Completion;
import dev.marcus.core.port.GraphCheck;
import dev.marcus.core.port.ProgressReport;
import dev.marcus.core.port.StorageBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link StorageBackend} held in memory, for tests of the core and of the driving adapters. Every method is
 * {@code synchronized}, which makes each one atomic; each checks everything before it changes anything, so a method
 * that throws changed nothing. It follows the port's contract: readiness (todo, unassigned, every dependency done, no
 * subtasks), claims in candidate order, a lease epoch that grows on every hand-out, one task per agent, holder checks
 * with the stable reasons, the completion cascade to dependents and parents, project completion, lease recovery with a
 * hand-off note, and an event for every change.
 */
public final class InMemoryStorageBackend implements StorageBackend {

    private final Map<ProjectId, ProjectRow> projects = new LinkedHashMap<>();
    private final Map<TaskId, TaskRow> tasks = new LinkedHashMap<>();
    private final Map<AgentId, AgentRow> agents = new LinkedHashMap<>();
    /** Agents that held a task in an earlier epoch: their late reports are stale, not from strangers. */
    private final Map<TaskId, Set<AgentId>> formerHolders = new HashMap<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final List<Artifact> artifacts = new ArrayList<>();
    private final List<Blocker> blockers = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Experiment> experiments = new LinkedHashMap<>();
    private ProjectId active;
    private long nextSequence = 1;
    private boolean closed;

    // ---- projects ----------------------------------------------------------------------------------------

    @Override
    public synchronized Project createProject(NewProject project, List<NewTask> newTasks, Instant now) {
        open();
        if (projects.containsKey(project.id())) {
            throw new ConflictException("project_exists", "project_id: '" + project.id() + "' already exists");
        }
        for (ProjectRow other : projects.values()) {
            if (other.archivedAt == null && other.name.equalsIgnoreCase(project.name())) {
                throw new ConflictException("project_name_taken", "project_name: a project named '" + project.name()
                        + "' already exists");
            }
        }
        checkNewTasks(Set.of(), newTasks);
        for (NewTask n : newTasks) {
            if (!n.blocks().isEmpty()) {
                Set<TaskId> ids = idsOf(newTasks);
                for (TaskId b : n.blocks()) {
                    if (!ids.contains(b)) {
                        throw new ValidationException("blocks", "task '" + b + "' does not exist in this project");
                    }
                }
            }
        }
        ProjectRow row = new ProjectRow(project, now);
        projects.put(project.id(), row);
        event(EventType.PROJECT_CREATED, project.id(), null, null, Map.of("name", project.name()), now);
        insertTasks(project.id(), newTasks, now);
        return row.toProject();
    }

    @Override
    public synchronized Optional<Project> findProject(ProjectId id) {
        return Optional.ofNullable(projects.get(id)).map(ProjectRow::toProject);
    }

    @Override
    public synchronized List<Project> listProjects() {
        // oldest first; a stable sort keeps insertion order among equal times
        return projects.values().stream().map(ProjectRow::toProject)
                .sorted(java.util.Comparator.comparing(Project::createdAt)).toList();
    }

    @Override
    public synchronized void setActiveProject(ProjectId id, Instant now) {
        open();
        requireProject(id);
        active = id;
        event(EventType.PROJECT_SELECTED, id, null, null, Map.of(), now);
    }

    @Override
    public synchronized Optional<ProjectId> activeProject() {
        return Optional.ofNullable(active);
    }

    @Override
    public synchronized Project updateProject(ProjectId id, String name, String description, String projectRoot,
                                              Instant now) {
        open();
        ProjectRow p = requireProject(id);
        Map<String, String> data = new LinkedHashMap<>();
        if (name != null) {
            p.name = name;
            data.put("name", name);
        }
        if (description != null) {
            p.description = description;
            data.put("description", "changed");
        }
        if (projectRoot != null) {
            p.root = projectRoot;
            data.put("project_root", projectRoot);
        }
        p.updatedAt = now;
        event(EventType.PROJECT_UPDATED, id, null, null, data, now);
        return p.toProject();
    }

    @Override
    public synchronized Project archiveProject(ProjectId id, Instant now) {
        open();
        ProjectRow p = requireProject(id);
        if (p.archivedAt != null) {
            return p.toProject();
        }
        p.archivedAt = now;
        p.updatedAt = now;
        if (id.equals(active)) {
            active = null;
        }
        event(EventType.PROJECT_ARCHIVED, id, null, null, Map.of("name", p.name), now);
        return p.toProject();
    }

    // ---- experiments -------------------------------------------------------------------------------------

    @Override
    public synchronized Experiment startExperiment(Experiment run, Instant now) {
        open();
        if (run.endedAt() != null) {
            throw new ValidationException("experiment", "a new run must not have ended");
        }
        for (Experiment e : experiments.values()) {
            if (e.isRunning()) {
                throw new ConflictException("experiment_running", "experiment '" + e.name() + "' (" + e.id()
                        + ") is still running; end it with end_experiment first");
            }
        }
        if (experiments.containsKey(run.id())) {
            throw new ConflictException("experiment_exists", "experiment '" + run.id() + "' already exists");
        }
        if (run.projectId() != null) {
            requireProject(run.projectId());
        }
        experiments.put(run.id(), run);
        event(EventType.EXPERIMENT_STARTED, run.projectId(), null, null,
                Map.of("experiment_id", run.id(), "name", run.name()), now);
        return run;
    }

    @Override
    public synchronized Experiment endExperiment(String id, Map<String, String> summary, Instant now) {
        open();
        Experiment e = experiments.get(id);
        if (e == null) {
            throw new NotFoundException("experiment_id", "experiment '" + id + "' does not exist");
        }
        if (!e.isRunning()) {
            throw new ConflictException("experiment_ended", "experiment '" + id + "' has already ended");
        }
        Experiment ended = new Experiment(e.id(), e.name(), e.runName(), e.projectId(), e.params(), e.tags(),
                e.trackingIntervalSeconds(), summary, e.startedAt(), now);
        experiments.put(id, ended);
        event(EventType.EXPERIMENT_ENDED, e.projectId(), null, null, Map.of("experiment_id", id, "name", e.name()), now);
        return ended;
    }

    @Override
    public synchronized Optional<Experiment> findExperiment(String id) {
        return Optional.ofNullable(experiments.get(id));
    }

    @Override
    public synchronized List<Experiment> listExperiments() {
        return List.copyOf(experiments.values());
    }

    // ---- tasks -------------------------------------------------------------------------------------------

    @Override
    public synchronized List<Task> addTasks(ProjectId projectId, List<NewTask> newTasks, GraphCheck check, Instant now) {
        open();
        ProjectRow project = requireProject(projectId);
        check.check(listTasks(projectId), newTasks);
        Set<TaskId> existing = new HashSet<>();
        for (TaskRow t : tasks.values()) {
            if (t.projectId.equals(projectId)) {
                existing.add(t.id);
            }
        }
        checkNewTasks(existing, newTasks);
        Set<TaskId> added = idsOf(newTasks);
        for (NewTask n : newTasks) {
            for (TaskId b : n.blocks()) {
                if (!existing.contains(b)) {
                    throw new ValidationException("blocks", "task '" + b + "' does not exist in this project");
                }
                requireNotStarted(tasks.get(b), "blocks");
            }
            if (n.parentId() != null && !added.contains(n.parentId())) {
                requireNotStarted(tasks.get(n.parentId()), "parent_task_id");
            }
        }
        List<Task> out = insertTasks(projectId, newTasks, now);
        if (project.completedAt != null) {
            project.completedAt = null;
        }
        project.updatedAt = now;
        return out;
    }

    private static void requireNotStarted(TaskRow t, String field) {
        if (t.status != TaskStatus.TODO || t.assignee != null) {
            throw new ConflictException("task_started", field + ": task '" + t.name + "' (" + t.id + ") is already "
                    + t.status.wire() + "; new work can only be wired before a task starts");
        }
    }

    private static Set<TaskId> idsOf(List<NewTask> newTasks) {
        Set<TaskId> ids = new HashSet<>();
        for (NewTask n : newTasks) {
            ids.add(n.id());
        }
        return ids;
    }

    /** Ids unique, dependencies and parents known (existing or in the same batch). */
    private void checkNewTasks(Set<TaskId> existing, List<NewTask> newTasks) {
        Set<TaskId> batch = new HashSet<>();
        for (NewTask n : newTasks) {
            if (tasks.containsKey(n.id()) || !batch.add(n.id())) {
                throw new ValidationException("task_id", "'" + n.id() + "' is used twice");
            }
        }
        for (NewTask n : newTasks) {
            for (TaskId d : n.dependencies()) {
                if (!existing.contains(d) && !batch.contains(d)) {
                    throw new ValidationException("dependencies", "task '" + d + "' does not exist in this project");
                }
            }
            if (n.parentId() != null && !existing.contains(n.parentId()) && !batch.contains(n.parentId())) {
                throw new ValidationException("parent_task_id", "task '" + n.parentId() + "' does not exist in this project");
            }
        }
    }

    private List<Task> insertTasks(ProjectId projectId, List<NewTask> newTasks, Instant now) {
        List<TaskRow> rows = new ArrayList<>();
        for (NewTask n : newTasks) {
            TaskRow row = new TaskRow(n, projectId, nextSequence++, now);
            tasks.put(row.id, row);
            rows.add(row);
        }
        for (NewTask n : newTasks) {
            for (TaskId b : n.blocks()) {
                TaskRow blocked = tasks.get(b);
                if (!blocked.dependencies.contains(n.id())) {
                    blocked.dependencies.add(n.id());
                    blocked.updatedAt = now;
                }
            }
            if (n.parentId() != null) {
                tasks.get(n.parentId()).subtaskCount++;
            }
        }
        for (TaskRow row : rows) {
            event(EventType.TASK_CREATED, projectId, row.id, null, Map.of("name", row.name), now);
        }
        return rows.stream().map(r -> tasks.get(r.id).toTask()).toList();
    }

    @Override
    public synchronized Task updateTask(TaskId id, TaskEdit edit, Instant now) {
        open();
        TaskRow t = requireTask(id);
        Map<String, String> changes = edit.changes(t.toTask());
        if (changes.isEmpty()) {
            return t.toTask();
        }
        if (edit.name() != null) {
            t.name = edit.name();
        }
        if (edit.description() != null) {
            t.description = edit.description();
        }
        if (edit.priority() != null) {
            t.priority = edit.priority();
        }
        if (edit.labels() != null) {
            t.labels = List.copyOf(edit.labels());
        }
        if (edit.estimatedHours() != null) {
            t.estimatedHours = edit.estimatedHours();
        }
        if (edit.acceptanceCriteria() != null) {
            t.acceptanceCriteria = List.copyOf(edit.acceptanceCriteria());
        }
        t.updatedAt = now;
        event(EventType.TASK_UPDATED, t.projectId, id, null, changes, now);
        return t.toTask();
    }

    @Override
    public synchronized Task addDependency(TaskId task, TaskId dependsOn, GraphCheck check, Instant now) {
        open();
        TaskRow t = requireTask(task);
        TaskRow dep = tasks.get(dependsOn);
        if (dep == null) {
            throw new NotFoundException("depends_on", "task '" + dependsOn + "' does not exist");
        }
        if (task.equals(dependsOn)) {
            throw new ValidationException("depends_on", "task '" + t.name + "' cannot depend on itself");
        }
        if (!t.projectId.equals(dep.projectId)) {
            throw new ValidationException("depends_on", "task '" + dependsOn + "' belongs to another project ("
                    + dep.projectId + "); dependencies stay within one project");
        }
        if (t.status == TaskStatus.DONE) {
            throw new ConflictException("task_already_complete", "task '" + task + "' is already done");
        }
        if (t.status == TaskStatus.IN_PROGRESS) {
            throw new ConflictException("task_started", "task '" + task + "' is in progress; unassign it first");
        }
        if (t.dependencies.contains(dependsOn)) {
            return t.toTask();
        }
        List<Task> after = new ArrayList<>();
        for (Task x : listTasks(t.projectId)) {
            if (x.id().equals(task)) {
                List<TaskId> deps = new ArrayList<>(x.dependencies());
                deps.add(dependsOn);
                after.add(x.withDependencies(deps));
            } else {
                after.add(x);
            }
        }
        check.check(after, List.of());
        t.dependencies.add(dependsOn);
        t.updatedAt = now;
        event(EventType.DEPENDENCY_ADDED, t.projectId, task, null,
                Map.of("depends_on", dependsOn.value(), "depends_on_status", dep.status.wire()), now);
        return t.toTask();
    }

    @Override
    public synchronized Task removeDependency(TaskId task, TaskId dependsOn, Instant now) {
        open();
        TaskRow t = requireTask(task);
        if (!t.dependencies.contains(dependsOn)) {
            throw new NotFoundException("depends_on", "task '" + task + "' does not depend on '" + dependsOn + "'");
        }
        if (t.status == TaskStatus.DONE) {
            throw new ConflictException("task_already_complete", "task '" + task + "' is already done");
        }
        TaskRow dep = requireTask(dependsOn);
        t.dependencies.remove(dependsOn);
        t.updatedAt = now;
        event(EventType.DEPENDENCY_REMOVED, t.projectId, task, null,
                Map.of("depends_on", dependsOn.value(), "depends_on_status", dep.status.wire()), now);
        return t.toTask();
    }

    @Override
    public synchronized Optional<Task> findTask(TaskId id) {
        return Optional.ofNullable(tasks.get(id)).map(TaskRow::toTask);
    }

    @Override
    public synchronized List<Task> listTasks(ProjectId projectId) {
        return tasks.values().stream().filter(t -> t.projectId.equals(projectId)).map(TaskRow::toTask).toList();
    }

    @Override
    public synchronized List<Task> readyTasks(ProjectId projectId, int limit) {
        return tasks.values().stream()
                .filter(t -> t.projectId.equals(projectId) && isReady(t))
                .limit(limit)
                .map(TaskRow::toTask)
                .toList();
    }

    private boolean isReady(TaskRow t) {
        if (t.status != TaskStatus.TODO || t.assignee != null || t.subtaskCount > 0) {
            return false;
        }
        for (TaskId d : t.dependencies) {
            TaskRow dep = tasks.get(d);
            if (dep != null && dep.status != TaskStatus.DONE) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized TaskCounts countTasks(ProjectId projectId) {
        int todo = 0;
        int inProgress = 0;
        int blocked = 0;
        int done = 0;
        for (TaskRow t : tasks.values()) {
            if (!t.projectId.equals(projectId)) {
                continue;
            }
            switch (t.status) {
                case TODO -> todo++;
                case IN_PROGRESS -> inProgress++;
                case BLOCKED -> blocked++;
                case DONE -> done++;
            }
        }
        return new TaskCounts(todo, inProgress, blocked, done);
    }

    @Override
    public synchronized Optional<Task> heldBy(AgentId agent) {
        return tasks.values().stream().filter(t -> agent.equals(t.assignee)).findFirst().map(TaskRow::toTask);
    }

    // ---- coordination ------------------------------------------------------------------------------------

    @Override
    public synchronized Optional<Task> claimFirstReady(AgentId agent, List<TaskId> candidates, Instant leaseExpiresAt,
                                                       Instant now) {
        open();
        AgentRow a = requireAgent(agent);
        if (a.pausedAt != null) {
            throw new ConflictException("agent_paused", "agent '" + agent + "' was paused by a human at " + a.pausedAt
                    + "; it gets no new task until it is resumed");
        }
        Optional<Task> held = heldBy(agent);
        if (held.isPresent()) {
            throw new ConflictException("agent_busy", "agent '" + agent + "' already holds task " + held.get().id());
        }
        for (TaskId id : candidates) {
            TaskRow t = tasks.get(id);
            if (t == null || !isReady(t)) {
                continue;
            }
            t.status = TaskStatus.IN_PROGRESS;
            t.leaseEpoch++;
            t.assignee = agent;
            t.leaseExpiresAt = leaseExpiresAt;
            t.assignedAt = now;
            t.progress = 0;
            t.lastMessage = "";
            t.lastReportAt = null;
            t.updatedAt = now;
            a.currentTask = id;
            event(EventType.TASK_ASSIGNED, t.projectId, id, agent, Map.of("lease_epoch", Long.toString(t.leaseEpoch)), now);
            return Optional.of(t.toTask());
        }
        return Optional.empty();
    }

    /** The task, refused unless {@code report.agent()} holds it in the expected epoch. */
    private TaskRow requireHolder(TaskId taskId, AgentId agent, Long expectedEpoch) {
        TaskRow t = requireTask(taskId);
        requireAgent(agent);
        if (t.status == TaskStatus.DONE) {
            throw new ConflictException("task_already_complete", "task '" + taskId + "' is already complete");
        }
        if (!agent.equals(t.assignee)) {
            if (formerHolders.getOrDefault(taskId, Set.of()).contains(agent)) {
                throw new ConflictException("stale_completion", "agent '" + agent + "' no longer holds task '" + taskId
                        + "': its lease was taken away" + (t.assignee == null ? "" : " and the task was given to " + t.assignee));
            }
            throw new ConflictException("not_task_holder", "agent '" + agent + "' does not hold task '" + taskId + "'"
                    + (t.assignee == null ? "" : "; " + t.assignee + " does"));
        }
        if (expectedEpoch != null && expectedEpoch != t.leaseEpoch) {
            throw new ConflictException("stale_completion", "lease_epoch " + expectedEpoch + " of task '" + taskId
                    + "' is old; the current epoch is " + t.leaseEpoch);
        }
        return t;
    }

    @Override
    public synchronized Task recordProgress(ProgressReport report, Instant leaseExpiresAt, Instant now) {
        open();
        TaskRow t = requireHolder(report.task(), report.agent(), report.expectedEpoch());
        t.progress = report.progress();
        t.lastMessage = report.message() == null ? "" : report.message();
        t.lastReportAt = now;
        t.leaseExpiresAt = leaseExpiresAt;
        t.tokensUsed += report.tokensUsed();
        t.costUsd += report.costUsd();
        t.updatedAt = now;
        event(EventType.TASK_PROGRESS, t.projectId, t.id, report.agent(),
                spend(report, Map.of("progress", Integer.toString(t.progress), "message", t.lastMessage)), now);
        return t.toTask();
    }

    @Override
    public synchronized Completion completeTask(ProgressReport report, Instant now) {
        open();
        TaskRow t = requireHolder(report.task(), report.agent(), report.expectedEpoch());
        AgentRow agent = agents.get(report.agent());
        t.progress = 100;
        if (report.message() != null && !report.message().isEmpty()) {
            t.lastMessage = report.message();
        }
        t.lastReportAt = now;
        t.tokensUsed += report.tokensUsed();
        t.costUsd += report.costUsd();
        release(t);
        finish(t, report.agent(), spend(report, Map.of()), now);
        agent.completedTasks++;
        List<TaskId> unblocked = new ArrayList<>();
        List<TaskId> parents = new ArrayList<>();
        cascade(t, now, unblocked, parents);
        boolean complete = finishProjectIfDone(t.projectId, now);
        return new Completion(t.toTask(), unblocked, parents, complete);
    }

    private void finish(TaskRow t, AgentId by, Map<String, String> data, Instant now) {
        t.status = TaskStatus.DONE;
        t.completedAt = now;
        t.updatedAt = now;
        event(EventType.TASK_COMPLETED, t.projectId, t.id, by, data, now);
    }

    /** Dependents of a finished task that became ready, and parents whose last subtask it was (recursively). */
    private void cascade(TaskRow done, Instant now, List<TaskId> unblocked, List<TaskId> parents) {
        for (TaskRow d : tasks.values()) {
            if (d.dependencies.contains(done.id) && isReady(d) && !unblocked.contains(d.id)) {
                unblocked.add(d.id);
            }
        }
        if (done.parentId != null) {
            TaskRow parent = tasks.get(done.parentId);
            boolean allDone = parent != null && parent.status != TaskStatus.DONE && tasks.values().stream()
                    .filter(s -> parent.id.equals(s.parentId))
                    .allMatch(s -> s.status == TaskStatus.DONE);
            if (allDone) {
                release(parent);
                parent.progress = 100;
                finish(parent, null, Map.of(), now);
                parents.add(parent.id);
                cascade(parent, now, unblocked, parents);
            }
        }
    }

    private boolean finishProjectIfDone(ProjectId projectId, Instant now) {
        boolean allDone = tasks.values().stream()
                .filter(x -> x.projectId.equals(projectId))
                .allMatch(x -> x.status == TaskStatus.DONE);
        ProjectRow p = projects.get(projectId);
        if (allDone && p.completedAt == null) {
            p.completedAt = now;
            p.updatedAt = now;
            event(EventType.PROJECT_COMPLETED, projectId, null, null, Map.of(), now);
        }
        return allDone;
    }

    /** Drops the holder and its lease; the holder becomes a former holder. */
    private void release(TaskRow t) {
        if (t.assignee != null) {
            formerHolders.computeIfAbsent(t.id, k -> new HashSet<>()).add(t.assignee);
            AgentRow a = agents.get(t.assignee);
            if (a != null && t.id.equals(a.currentTask)) {
                a.currentTask = null;
            }
        }
        t.assignee = null;
        t.leaseExpiresAt = null;
        t.assignedAt = null;
    }

    @Override
    public synchronized Task blockTask(ProgressReport report, Blocker blocker, Instant now) {
        open();
        TaskRow t = requireHolder(report.task(), report.agent(), report.expectedEpoch());
        if (report.progress() >= 0) {
            t.progress = report.progress();
        }
        t.tokensUsed += report.tokensUsed();
        t.costUsd += report.costUsd();
        t.lastReportAt = now;
        release(t);
        t.status = TaskStatus.BLOCKED;
        t.updatedAt = now;
        blockers.add(blocker);
        event(EventType.TASK_BLOCKED, t.projectId, t.id, report.agent(),
                spend(report, Map.of("description", blocker.description(), "severity", blocker.severity().wire())), now);
        return t.toTask();
    }

    @Override
    public synchronized Task unassignTask(TaskId task, AgentId expectedHolder, String reason, Instant now) {
        open();
        TaskRow t = requireTask(task);
        if (t.status == TaskStatus.DONE) {
            throw new ConflictException("task_already_complete", "task '" + task + "' is already complete");
        }
        if (expectedHolder != null && !expectedHolder.equals(t.assignee)) {
            throw new ConflictException("not_task_holder", "agent '" + expectedHolder + "' does not hold task '" + task + "'");
        }
        AgentId previous = t.assignee;
        if (previous != null) {
            t.recoveryInfo = new RecoveryInfo(previous, t.progress, t.lastMessage == null ? "" : t.lastMessage,
                    t.assignedAt == null ? 0 : Math.max(0, Duration.between(t.assignedAt, now).toSeconds()), now, reason);
        }
        release(t);
        t.status = TaskStatus.TODO;
        t.updatedAt = now;
        for (int i = 0; i < blockers.size(); i++) {
            Blocker b = blockers.get(i);
            if (b.taskId().equals(task) && b.resolvedAt() == null) {
                blockers.set(i, new Blocker(b.id(), b.taskId(), b.agentId(), b.description(), b.severity(), b.createdAt(), now));
            }
        }
        Map<String, String> data = new HashMap<>();
        data.put("reason", reason == null ? "" : reason);
        if (previous != null) {
            data.put("previous_agent", previous.value());
        }
        event(EventType.TASK_UNASSIGNED, t.projectId, t.id, expectedHolder, data, now);
        return t.toTask();
    }

    @Override
    public synchronized boolean renewLease(TaskId task, AgentId agent, Instant leaseExpiresAt, Instant now) {
        open();
        TaskRow t = tasks.get(task);
        if (t == null || !agent.equals(t.assignee) || t.status != TaskStatus.IN_PROGRESS) {
            return false;
        }
        t.leaseExpiresAt = leaseExpiresAt;
        t.updatedAt = now;
        return true;
    }

    @Override
    public synchronized List<Task> recoverExpiredLeases(Instant now) {
        open();
        List<Task> out = new ArrayList<>();
        for (TaskRow t : tasks.values()) {
            if (t.assignee == null || t.leaseExpiresAt == null || !t.leaseExpiresAt.isBefore(now)) {
                continue;
            }
            AgentId previous = t.assignee;
            long held = t.assignedAt == null ? 0 : Math.max(0, Duration.between(t.assignedAt, now).toSeconds());
            t.recoveryInfo = new RecoveryInfo(previous, t.progress, t.lastMessage == null ? "" : t.lastMessage, held,
                    now, "lease_expired");
            release(t);
            t.status = TaskStatus.TODO;
            t.updatedAt = now;
            event(EventType.LEASE_RECOVERED, t.projectId, t.id, null, Map.of("previous_agent", previous.value()), now);
            out.add(t.toTask());
        }
        return out;
    }

    // ---- agents ------------------------------------------------------------------------------------------

    @Override
    public synchronized Agent registerAgent(AgentRegistration registration, Instant now) {
        open();
        requireProject(registration.projectId());
        AgentRow row = agents.get(registration.id());
        if (row == null) {
            row = new AgentRow(registration.id(), now);
            agents.put(row.id, row);
        }
        row.projectId = registration.projectId();
        row.name = registration.name();
        row.role = registration.role();
        row.skills = List.copyOf(registration.skills());
        row.lastSeenAt = now;
        event(EventType.AGENT_REGISTERED, row.projectId, null, row.id, Map.of("name", row.name, "role", row.role), now);
        return row.toAgent();
    }

    @Override
    public synchronized Optional<Agent> findAgent(AgentId id) {
        return Optional.ofNullable(agents.get(id)).map(AgentRow::toAgent);
    }

    @Override
    public synchronized List<Agent> listAgents(ProjectId projectId) {
        return agents.values().stream().filter(a -> a.projectId.equals(projectId)).map(AgentRow::toAgent).toList();
    }

    @Override
    public synchronized Agent setAgentPaused(AgentId id, boolean paused, Instant now) {
        open();
        AgentRow a = requireAgent(id);
        if ((a.pausedAt != null) == paused) {
            return a.toAgent();
        }
        a.pausedAt = paused ? now : null;
        Map<String, String> data = new HashMap<>();
        if (a.currentTask != null) {
            data.put("current_task_id", a.currentTask.value());
        }
        event(paused ? EventType.AGENT_PAUSED : EventType.AGENT_RESUMED, a.projectId, null, id, data, now);
        return a.toAgent();
    }

    @Override
    public synchronized void touchAgent(AgentId id, Instant now) {
        open();
        requireAgent(id).lastSeenAt = now;
    }

    // ---- decisions, artifacts, blockers ------------------------------------------------------------------

    @Override
    public synchronized Decision addDecision(Decision decision) {
        open();
        requireTask(decision.taskId());
        decisions.add(decision);
        event(EventType.DECISION_LOGGED, decision.projectId(), decision.taskId(), decision.agentId(),
                Map.of("decision_id", decision.id()), decision.createdAt());
        return decision;
    }

    @Override
    public synchronized List<Decision> decisionsFor(Collection<TaskId> ids) {
        Set<TaskId> wanted = new HashSet<>(ids);
        return decisions.stream().filter(d -> wanted.contains(d.taskId()))
                .sorted(java.util.Comparator.comparing(Decision::createdAt)).toList();
    }

    @Override
    public synchronized Artifact addArtifact(Artifact artifact) {
        open();
        requireTask(artifact.taskId());
        artifacts.add(artifact);
        event(EventType.ARTIFACT_LOGGED, artifact.projectId(), artifact.taskId(), null,
                Map.of("artifact_id", artifact.id(), "location", artifact.location()), artifact.createdAt());
        return artifact;
    }

    @Override
    public synchronized List<Artifact> artifactsFor(Collection<TaskId> ids) {
        Set<TaskId> wanted = new HashSet<>(ids);
        return artifacts.stream().filter(a -> wanted.contains(a.taskId()))
                .sorted(java.util.Comparator.comparing(Artifact::createdAt)).toList();
    }

    @Override
    public synchronized List<Blocker> blockersFor(TaskId task) {
        return blockers.stream().filter(b -> b.taskId().equals(task)).toList();
    }

    // ---- events ------------------------------------------------------------------------------------------

    @Override
    public synchronized Event appendEvent(NewEvent e, Instant now) {
        open();
        return event(e.type(), e.projectId(), e.taskId(), e.agentId(), e.data(), now);
    }

    @Override
    public synchronized List<Event> eventsAfter(long afterId, ProjectId projectId, int limit) {
        return events.stream()
                .filter(e -> e.id() > afterId && (projectId == null || projectId.equals(e.projectId())))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized long lastEventId() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).id();
    }

    /** Every event appended so far, oldest first (for assertions). */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private void open() {
        if (closed) {
            throw new IllegalStateException("the in-memory store is closed");
        }
    }

    private Event event(EventType type, ProjectId project, TaskId task, AgentId agent, Map<String, String> data,
                        Instant now) {
        Event e = new Event(events.size() + 1L, type, project, task, agent, data, now);
        events.add(e);
        return e;
    }

    /** Adds the tokens and cost a report carried to its event's data, as the SQL store does. */
    private static Map<String, String> spend(ProgressReport report, Map<String, String> data) {
        if (report.tokensUsed() == 0 && report.costUsd() == 0) {
            return data;
        }
        Map<String, String> m = new LinkedHashMap<>(data);
        m.put("tokens_used", Long.toString(report.tokensUsed()));
        m.put("cost_usd", Double.toString(report.costUsd()));
        return m;
    }

    private ProjectRow requireProject(ProjectId id) {
        ProjectRow p = projects.get(id);
        if (p == null) {
            throw new NotFoundException("project_id", "project '" + id + "' does not exist");
        }
        return p;
    }

    private TaskRow requireTask(TaskId id) {
        TaskRow t = tasks.get(id);
        if (t == null) {
            throw new NotFoundException("task_id", "task '" + id + "' does not exist");
        }
        return t;
    }

    private AgentRow requireAgent(AgentId id) {
        AgentRow a = agents.get(id);
        if (a == null) {
            throw new NotFoundException("agent_id", "agent '" + id + "' is not registered");
        }
        return a;
    }

    private static final class ProjectRow {
        final ProjectId id;
        String name;
        String description;
        String root;
        final Instant createdAt;
        Instant updatedAt;
        Instant completedAt;
        Instant archivedAt;

        ProjectRow(NewProject p, Instant now) {
            id = p.id();
            name = p.name();
            description = p.description();
            root = p.projectRoot();
            createdAt = now;
            updatedAt = now;
        }

        Project toProject() {
            return new Project(id, name, description, root, createdAt, updatedAt, completedAt, archivedAt);
        }
    }

    private static final class TaskRow {
        final TaskId id;
        final ProjectId projectId;
        String name;
        String description;
        Priority priority;
        List<String> labels;
        final List<TaskId> dependencies;
        Double estimatedHours;
        List<String> acceptanceCriteria;
        final TaskId parentId;
        final long sequence;
        final Instant createdAt;
        TaskStatus status = TaskStatus.TODO;
        AgentId assignee;
        long leaseEpoch;
        Instant leaseExpiresAt;
        Instant assignedAt;
        int progress;
        String lastMessage = "";
        Instant lastReportAt;
        RecoveryInfo recoveryInfo;
        int subtaskCount;
        long tokensUsed;
        double costUsd;
        Instant updatedAt;
        Instant completedAt;

        TaskRow(NewTask n, ProjectId projectId, long sequence, Instant now) {
            id = n.id();
            this.projectId = projectId;
            name = n.name();
            description = n.description() == null ? "" : n.description();
            priority = n.priority() == null ? Priority.MEDIUM : n.priority();
            labels = List.copyOf(n.labels());
            dependencies = new ArrayList<>(new LinkedHashSet<>(n.dependencies()));
            estimatedHours = n.estimatedHours();
            acceptanceCriteria = List.copyOf(n.acceptanceCriteria());
            parentId = n.parentId();
            this.sequence = sequence;
            createdAt = now;
            updatedAt = now;
        }

        Task toTask() {
            return new Task(id, projectId, name, description, status, priority, labels, dependencies, estimatedHours,
                    acceptanceCriteria, parentId, assignee, leaseEpoch, leaseExpiresAt, assignedAt, progress, lastMessage,
                    lastReportAt, recoveryInfo, sequence, subtaskCount, tokensUsed, costUsd, createdAt, updatedAt,
                    completedAt);
        }
    }

    private static final class AgentRow {
        final AgentId id;
        final Instant registeredAt;
        ProjectId projectId;
        String name;
        String role;
        List<String> skills = List.of();
        TaskId currentTask;
        int completedTasks;
        Instant lastSeenAt;
        Instant pausedAt;

        AgentRow(AgentId id, Instant now) {
            this.id = id;
            registeredAt = now;
            lastSeenAt = now;
        }

        Agent toAgent() {
            return new Agent(id, projectId, name, role, skills, currentTask, completedTasks, registeredAt, lastSeenAt,
                    pausedAt);
        }
    }
}
