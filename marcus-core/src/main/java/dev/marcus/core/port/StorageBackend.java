package dev.marcus.core.port;

import dev.marcus.core.model.Agent;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.Artifact;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.Experiment;
import dev.marcus.core.model.NewEvent;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskEdit;
import dev.marcus.core.model.TaskId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable state of one Marcus installation.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Thread and process safety.</b> Every method is safe to call from many threads and from many processes
 *       sharing the same store. Every mutating method is one atomic transaction: it applies entirely or not at all.</li>
 *   <li><b>Events.</b> Every mutating method appends the events describing its change in the same transaction
 *       (see {@link dev.marcus.core.model.EventType}); event ids grow monotonically.</li>
 *   <li><b>Readiness is state.</b> A task is <em>ready</em> when it is {@code todo}, unassigned, has no unfinished
 *       dependency and no subtasks. Stores keep this materialised (for example a count of unfinished dependencies
 *       maintained on completion) so that {@link #readyTasks} and claims read ready rows only.</li>
 *   <li><b>One task per agent, one holder per task.</b> Enforced by the store itself (constraints), not by callers.</li>
 *   <li><b>Errors.</b> Unknown ids raise {@link dev.marcus.core.error.NotFoundException}; forbidden state changes
 *       raise {@link dev.marcus.core.error.ConflictException} with a stable reason; an unreachable or failing store
 *       raises {@link dev.marcus.core.error.BackendUnavailableException}. A method that throws changed nothing.</li>
 * </ul>
 */
public interface StorageBackend extends AutoCloseable {

    // ---- projects ----------------------------------------------------------------------------------------

    /** Creates a project with its initial tasks, atomically. Task dependencies may refer to tasks in the same list. */
    Project createProject(NewProject project, List<NewTask> tasks, Instant now);

    Optional<Project> findProject(ProjectId id);

    /** All projects, oldest first. */
    List<Project> listProjects();

    /** Remembers the project that commands without an explicit project act on; appends {@code project_selected}. */
    void setActiveProject(ProjectId id, Instant now);

    Optional<ProjectId> activeProject();

    /**
     * Changes a project's name, description or root; a {@code null} argument leaves that field as it is. Appends
     * {@code project_updated}.
     *
     * @throws dev.marcus.core.error.NotFoundException for an unknown project
     */
    Project updateProject(ProjectId id, String name, String description, String projectRoot, Instant now);

    /**
     * Archives a project ({@code remove_project}): sets {@code archivedAt}, forgets it as the active project and
     * appends {@code project_archived}. Its tasks, agents and events stay, so its history can still be read.
     * Archiving an archived project changes nothing and returns it as it is.
     *
     * @throws dev.marcus.core.error.NotFoundException for an unknown project
     */
    Project archiveProject(ProjectId id, Instant now);

    // ---- tasks -------------------------------------------------------------------------------------------

    /**
     * Adds tasks to an existing project. Inside the write transaction the store calls {@code check} with the
     * project's current tasks and the new ones, so graph rules (no cycle, no unknown dependency) are judged against
     * the state the write will change; if it throws, nothing is written.
     *
     * @throws dev.marcus.core.error.ConflictException {@code task_started} when a task in some {@code blocks} list or
     *     the parent of a subtask has already been assigned or finished
     */
    List<Task> addTasks(ProjectId projectId, List<NewTask> tasks, GraphCheck check, Instant now);

    Optional<Task> findTask(TaskId id);

    /**
     * A human's edit of a task's description fields ({@link TaskEdit}; {@code null} components stay as they are),
     * allowed in every status. Appends one {@code task_updated} event whose data lists the changed fields
     * ({@code changed}, comma-separated) and each one's value before and after ({@code <field>_before},
     * {@code <field>_after}; lists joined with {@code ", "}). An edit that changes nothing appends nothing.
     *
     * @throws dev.marcus.core.error.NotFoundException for an unknown task
     */
    Task updateTask(TaskId id, TaskEdit edit, Instant now);

    /**
     * Makes {@code task} wait for {@code dependsOn}, keeping readiness right: when {@code dependsOn} is not done,
     * {@code task} stops being ready. Inside the write transaction the store calls {@code check} with the project's
     * tasks as they would be after the change (and no added ones), so a cycle is judged against current state.
     * Appends {@code dependency_added}; adding an edge that exists changes nothing and appends nothing.
     *
     * @throws dev.marcus.core.error.NotFoundException ({@code task_id} / {@code depends_on}) for an unknown task
     * @throws dev.marcus.core.error.ValidationException ({@code depends_on}) for the task itself or a task of another
     *     project
     * @throws dev.marcus.core.error.ConflictException {@code task_started} when {@code task} is in progress,
     *     {@code task_already_complete} when it is done
     */
    Task addDependency(TaskId task, TaskId dependsOn, GraphCheck check, Instant now);

    /**
     * Removes the edge {@code task → dependsOn}; when {@code dependsOn} was not done, {@code task} waits for one
     * fewer and may become ready. Appends {@code dependency_removed}.
     *
     * @throws dev.marcus.core.error.NotFoundException for an unknown task, or ({@code depends_on}) when {@code task}
     *     does not depend on {@code dependsOn}
     * @throws dev.marcus.core.error.ConflictException {@code task_already_complete} when {@code task} is done
     */
    Task removeDependency(TaskId task, TaskId dependsOn, Instant now);

    /** Every task of the project in creation order. */
    List<Task> listTasks(ProjectId projectId);

    /** Ready tasks of the project (see the class contract) in creation order, at most {@code limit}. */
    List<Task> readyTasks(ProjectId projectId, int limit);

    TaskCounts countTasks(ProjectId projectId);

    /** The task this agent holds, if any. */
    Optional<Task> heldBy(AgentId agent);

    // ---- coordination ------------------------------------------------------------------------------------

    /**
     * Gives the agent the first task of {@code candidates} (in that order) that is still ready, in one transaction:
     * status becomes {@code in_progress}, the epoch grows by one, the lease ends at {@code leaseExpiresAt}, progress
     * restarts at 0 and a {@code task_assigned} event is appended. Empty when none is ready any more.
     *
     * @throws dev.marcus.core.error.ConflictException {@code agent_busy} when the agent already holds a task,
     *     {@code agent_paused} when a human paused it (see {@link #setAgentPaused})
     */
    Optional<Task> claimFirstReady(AgentId agent, List<TaskId> candidates, Instant leaseExpiresAt, Instant now);

    /**
     * Records progress from the holder and extends its lease to {@code leaseExpiresAt}.
     *
     * @throws dev.marcus.core.error.ConflictException {@code task_already_complete}, {@code stale_completion} (the
     *     agent's lease was taken away or its {@code expectedEpoch} is old) or {@code not_task_holder}
     */
    Task recordProgress(ProgressReport report, Instant leaseExpiresAt, Instant now);

    /**
     * Finishes a task held by {@code agent}: status {@code done}, lease dropped, dependents' readiness updated, a
     * parent whose subtasks are now all done is finished too, and the project is marked complete when nothing is
     * left. Same refusals as {@link #recordProgress}.
     */
    Completion completeTask(ProgressReport report, Instant now);

    /** Marks the held task blocked, frees the agent and records the blocker. Same refusals as {@link #recordProgress}. */
    Task blockTask(ProgressReport report, Blocker blocker, Instant now);

    /**
     * Returns a task to {@code todo} and drops its lease (a manual unstick, or a blocked task released). Every blocker
     * still standing on the task is resolved: its {@code resolvedAt} becomes {@code now}.
     *
     * @param expectedHolder when not {@code null}, refuse ({@code not_task_holder}) unless this agent holds it
     * @throws dev.marcus.core.error.ConflictException {@code task_already_complete} for a finished task
     */
    Task unassignTask(TaskId task, AgentId expectedHolder, String reason, Instant now);

    /** Extends the lease of the task {@code agent} holds, if it holds {@code task}. False when it does not. */
    boolean renewLease(TaskId task, AgentId agent, Instant leaseExpiresAt, Instant now);

    /**
     * Takes back every task whose lease ended before {@code now}: back to {@code todo}, unassigned, with a
     * {@link dev.marcus.core.model.RecoveryInfo} note and a {@code lease_recovered} event. Safe to run from many
     * processes at once: each task is recovered exactly once.
     *
     * @return the recovered tasks as they are now
     */
    List<Task> recoverExpiredLeases(Instant now);

    // ---- agents ------------------------------------------------------------------------------------------

    /** Registers an agent or updates its name, role, skills and project. */
    Agent registerAgent(AgentRegistration registration, Instant now);

    Optional<Agent> findAgent(AgentId id);

    /** Agents registered to the project, in registration order. */
    List<Agent> listAgents(ProjectId projectId);

    /**
     * Pauses ({@code paused} true: {@code pausedAt} becomes {@code now}) or resumes an agent and appends
     * {@code agent_paused} / {@code agent_resumed}. A paused agent keeps the task it holds, and
     * {@link #claimFirstReady} refuses it. Pausing a paused agent, or resuming one that is not paused, changes nothing
     * and appends nothing.
     *
     * @throws dev.marcus.core.error.NotFoundException for an unknown agent
     */
    Agent setAgentPaused(AgentId id, boolean paused, Instant now);

    /** Notes that the agent was heard from. */
    void touchAgent(AgentId id, Instant now);

    // ---- decisions, artifacts, blockers ------------------------------------------------------------------

    /** Stores a decision (its id and time are chosen by the caller). */
    Decision addDecision(Decision decision);

    /** Decisions on any of the tasks, oldest first. */
    List<Decision> decisionsFor(Collection<TaskId> tasks);

    Artifact addArtifact(Artifact artifact);

    /** Artifacts of any of the tasks, oldest first. */
    List<Artifact> artifactsFor(Collection<TaskId> tasks);

    /** Blockers reported on the task, oldest first. */
    List<Blocker> blockersFor(TaskId task);

    /** How many decisions the project's tasks have; the default reads them, stores count them. */
    default int countDecisions(ProjectId projectId) {
        List<TaskId> ids = listTasks(projectId).stream().map(Task::id).toList();
        return ids.isEmpty() ? 0 : decisionsFor(ids).size();
    }

    /** How many artifacts the project's tasks have; the default reads them, stores count them. */
    default int countArtifacts(ProjectId projectId) {
        List<TaskId> ids = listTasks(projectId).stream().map(Task::id).toList();
        return ids.isEmpty() ? 0 : artifactsFor(ids).size();
    }

    /**
     * Everything a task's context is built from, as one read: the {@code tasks} that exist, the decisions and
     * artifacts of the {@code notesOf} tasks and the blockers of {@code task}. Stores override this to read it in one
     * transaction (the default calls the single-purpose methods, one read each).
     */
    default TaskContextRows contextRows(TaskId task, Collection<TaskId> tasks, Collection<TaskId> notesOf) {
        List<Task> found = new java.util.ArrayList<>();
        for (TaskId id : tasks) {
            findTask(id).ifPresent(found::add);
        }
        return new TaskContextRows(found, notesOf.isEmpty() ? List.of() : decisionsFor(notesOf),
                notesOf.isEmpty() ? List.of() : artifactsFor(notesOf), blockersFor(task));
    }

    // ---- experiments -------------------------------------------------------------------------------------

    /**
     * Records the start of an experiment run (its {@code endedAt} must be {@code null}) and appends
     * {@code experiment_started}. At most one run is running per store.
     *
     * @throws dev.marcus.core.error.ConflictException {@code experiment_running} when another run has not ended
     */
    Experiment startExperiment(Experiment run, Instant now);

    /**
     * Ends a running experiment: sets {@code endedAt} to {@code now}, stores {@code summary} and appends
     * {@code experiment_ended}.
     *
     * @throws dev.marcus.core.error.NotFoundException for an unknown id
     * @throws dev.marcus.core.error.ConflictException {@code experiment_ended} when it has already ended
     */
    Experiment endExperiment(String id, Map<String, String> summary, Instant now);

    Optional<Experiment> findExperiment(String id);

    /** Every experiment run, oldest first. */
    List<Experiment> listExperiments();

    // ---- events ------------------------------------------------------------------------------------------

    /** Appends an event that goes with no other change (e.g. a note from a human). */
    Event appendEvent(NewEvent event, Instant now);

    /**
     * Events with an id greater than {@code afterId}, oldest first, at most {@code limit}.
     *
     * @param projectId only this project's events, or {@code null} for all
     */
    List<Event> eventsAfter(long afterId, ProjectId projectId, int limit);

    /**
     * The events with these ids that exist now, in id order. A reader tailing {@link #eventsAfter} on a database
     * whose writers commit side by side asks again for ids it saw skipped: a transaction that took a smaller id may
     * commit after one that took a larger. The default reads forward from the smallest id; stores override it with a
     * direct lookup.
     */
    default List<Event> eventsWithIds(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        java.util.Set<Long> wanted = new java.util.HashSet<>(ids);
        long min = java.util.Collections.min(ids);
        long max = java.util.Collections.max(ids);
        List<Event> out = new java.util.ArrayList<>();
        long after = min - 1;
        while (after < max) {
            List<Event> batch = eventsAfter(after, null, 1000);
            if (batch.isEmpty()) {
                break;
            }
            for (Event e : batch) {
                if (wanted.contains(e.id())) {
                    out.add(e);
                }
            }
            after = batch.get(batch.size() - 1).id();
        }
        return out;
    }

    /** The id of the newest event, 0 when there is none. */
    long lastEventId();

    /** A human-readable name of the backend and where it keeps data, e.g. {@code sqlite:/home/me/.marcus/marcus.db}. */
    String describe();

    /**
     * The version of the store's schema, as it was when this instance opened it (after bringing it up to date), e.g.
     * {@code "6"}; {@code null} for stores without a versioned schema (in-memory fakes). Cheap: asks nothing.
     */
    default String schemaVersion() {
        return null;
    }

    /** Releases connections and files. Idempotent. */
    @Override
    void close();
}
