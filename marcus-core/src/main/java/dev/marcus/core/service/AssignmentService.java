package dev.marcus.core.service;

import dev.marcus.core.graph.TaskRanker;
import dev.marcus.core.graph.TaskGraph;
import dev.marcus.core.cache.ProjectGraphs;
import dev.marcus.core.lease.LeasePolicy;
import dev.marcus.core.lease.LeaseSweeper;
import dev.marcus.core.event.EventRelay;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.Telemetry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code request_next_task}: recovers expired leases, then gives the agent the best ready task of its project, claimed
 * atomically in the store. When nothing is ready it says why and when to ask again, and it can wait (long-poll) for a
 * task to become free, woken by events rather than by sleeping.
 */
@Singleton
public final class AssignmentService {
    /** Longest wait a client may ask for; MCP clients time requests out at 60 s. */
    public static final int MAX_WAIT_SECONDS = 55;
    /**
     * How many ready tasks (oldest first) one request ranks. Reading and ranking every ready task of a large project
     * on each request made claims O(ready); the window keeps them flat while still letting priority, skills and the
     * critical path choose among the oldest ready work.
     */
    static final int READY_WINDOW = 200;
    /** How many ranked candidates one claim attempt offers the store. */
    private static final int CANDIDATES = 32;
    private static final Set<EventType> WAKE_ON = EnumSet.of(EventType.TASK_COMPLETED, EventType.TASK_UNASSIGNED,
            EventType.LEASE_RECOVERED, EventType.TASK_CREATED, EventType.PROJECT_CREATED, EventType.DEPENDENCY_REMOVED,
            EventType.AGENT_RESUMED);
    /** When a paused agent should ask again: pauses are human decisions, not seconds-long waits. */
    static final int PAUSED_RETRY_SECONDS = 60;

    private final StorageBackend storage;
    private final AgentService agents;
    private final TaskRanker ranker;
    private final ContextService context;
    private final LeaseSweeper sweeper;
    private final LeasePolicy leases;
    private final EventBus bus;
    private final Clock clock;
    private final EventRelay relay;
    private final ProjectGraphs graphs;
    private final Telemetry telemetry;

    public AssignmentService(StorageBackend storage, AgentService agents, TaskRanker ranker, ContextService context,
                             LeaseSweeper sweeper, LeasePolicy leases, EventBus bus, Clock clock, EventRelay relay,
                             ProjectGraphs graphs) {
        this(storage, agents, ranker, context, sweeper, leases, bus, clock, relay, graphs, Telemetry.NONE);
    }

    /** @param telemetry hears of every claim (with its latency) and every answer without a task */
    @Inject
    public AssignmentService(StorageBackend storage, AgentService agents, TaskRanker ranker, ContextService context,
                             LeaseSweeper sweeper, LeasePolicy leases, EventBus bus, Clock clock, EventRelay relay,
                             ProjectGraphs graphs, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.storage = storage;
        this.agents = agents;
        this.ranker = ranker;
        this.context = context;
        this.sweeper = sweeper;
        this.leases = leases;
        this.bus = bus;
        this.clock = clock;
        this.relay = relay;
        this.graphs = graphs;
    }

    /** The answer to {@code request_next_task}. */
    public sealed interface NextTask {
    }

    /** A task was claimed for the agent. */
    public record Assigned(Task task, Project project, ContextService.TaskContext context, String instructions,
                           String rankReason) implements NextTask {
    }

    /** The agent already holds a task; it must finish or report a blocker first. */
    public record AlreadyHolding(Task task) implements NextTask {
    }

    /**
     * Nothing is ready now.
     *
     * @param reason {@code waiting_on_dependencies}, {@code all_assigned}, {@code blocked}, {@code no_tasks}, or
     *     {@code agent_paused} (a human paused this agent)
     */
    public record NoTask(String reason, String message, int retryAfterSeconds, TaskCounts counts) implements NextTask {
    }

    /** Every task of the project is done; the agent may exit. */
    public record ProjectComplete(Project project, TaskCounts counts) implements NextTask {
    }

    public NextTask requestNextTask(String agentId, int waitSeconds) {
        if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            throw new ValidationException("wait_seconds", "must be between 0 and " + MAX_WAIT_SECONDS + ", got " + waitSeconds);
        }
        Agent agent = agents.heardFrom(agentId);
        Instant deadline = clock.now().plusSeconds(waitSeconds);
        Semaphore wake = new Semaphore(0);
        EventBus.Subscription sub = waitSeconds == 0 ? null : bus.subscribe(e -> {
            if (WAKE_ON.contains(e.type()) && agent.projectId().equals(e.projectId())) {
                wake.release();
            }
        });
        try {
            Agent current = agent;
            for (boolean first = true; ; first = false) {
                long started = System.nanoTime();
                NextTask answer = attempt(current, first);
                long left = Duration.between(clock.now(), deadline).toMillis();
                if (answer instanceof Assigned) {
                    telemetry.claimed(Duration.ofNanos(System.nanoTime() - started));
                } else if (answer instanceof NoTask none && left <= 0) {
                    telemetry.noTask(none.reason());
                }
                if (!(answer instanceof NoTask) || left <= 0) {
                    return answer;
                }
                // woken by an event (this or another process, via the relay), or re-check at least once a second
                wake.drainPermits();
                try {
                    if (wake.tryAcquire(Math.min(left, 1_000), TimeUnit.MILLISECONDS)) {
                        wake.drainPermits();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return answer;
                }
                if (current.isPaused()) {
                    // a paused agent waits to be resumed: read its state again (a pause meanwhile is caught by the claim)
                    current = storage.findAgent(current.id()).orElse(current);
                }
            }
        } finally {
            if (sub != null) {
                sub.close();
            }
        }
    }

    private NextTask attempt(Agent agent, boolean first) {
        sweeper.sweepIfDue();
        // the agent row was read just now with the task it holds; on later rounds of a long poll, ask again. A task
        // taken meanwhile by another process for this agent is refused by the claim (agent_busy) and read then.
        if (!first || agent.currentTask() != null) {
            Optional<Task> held = storage.heldBy(agent.id());
            if (held.isPresent()) {
                return new AlreadyHolding(held.get());
            }
        }
        Project project = storage.findProject(agent.projectId()).orElseThrow(() -> new ConflictException("project_gone",
                "the agent's project " + agent.projectId() + " no longer exists; register_agent into another project"));
        if (agent.isPaused()) {
            return paused(project);
        }
        for (int round = 0; round < 3; round++) {
            List<Task> ready = storage.readyTasks(project.id(), READY_WINDOW);
            if (ready.isEmpty()) {
                return nothingReady(project);
            }
            TaskGraph graph = graphs.get(project.id());
            List<TaskRanker.Ranked> ranked = ranker.rank(ready, agent, graph);
            List<TaskId> candidates = new ArrayList<>();
            for (int i = 0; i < Math.min(CANDIDATES, ranked.size()); i++) {
                candidates.add(ranked.get(i).task().id());
            }
            Instant now = clock.now();
            Optional<Task> claimed;
            try {
                claimed = storage.claimFirstReady(agent.id(), candidates, leases.expiry(now, false, 0), now);
            } catch (ConflictException e) {
                if ("agent_paused".equals(e.reason())) {
                    return paused(project); // paused between reading the agent and claiming
                }
                Optional<Task> held = "agent_busy".equals(e.reason()) ? storage.heldBy(agent.id()) : Optional.empty();
                if (held.isEmpty()) {
                    throw e;
                }
                return new AlreadyHolding(held.get());
            }
            if (claimed.isPresent()) {
                relay.poke();
                Task task = claimed.get();
                String why = ranked.stream().filter(r -> r.task().id().equals(task.id())).findFirst()
                        .map(TaskRanker.Ranked::why).orElse("");
                return new Assigned(task, project, context.contextFor(task, graph), instructions(task), why);
            }
            // every candidate was taken by a concurrent claim between ranking and claiming: rank again
        }
        return new NoTask("all_assigned", "Other agents took the ready tasks just now; ask again.", 1,
                storage.countTasks(project.id()));
    }

    private NoTask paused(Project project) {
        return new NoTask("agent_paused", "A human paused this agent: it gets no new task until it is resumed "
                + "(from the dashboard or POST /api/agents/{agent_id}/resume). Ask again later.", PAUSED_RETRY_SECONDS,
                storage.countTasks(project.id()));
    }

    private NextTask nothingReady(Project project) {
        TaskCounts counts = storage.countTasks(project.id());
        if (counts.total() > 0 && counts.done() == counts.total()) {
            return new ProjectComplete(project, counts);
        }
        if (counts.total() == 0) {
            return new NoTask("no_tasks", "The project has no tasks yet; a human must add some.", 60, counts);
        }
        if (counts.todo() > 0) {
            int retry = counts.inProgress() > 0 ? 30 : 60;
            return new NoTask("waiting_on_dependencies", counts.todo() + " task(s) wait for dependencies that "
                    + (counts.inProgress() > 0 ? "other agents are working on" : "are blocked") + ".", retry, counts);
        }
        if (counts.inProgress() > 0) {
            return new NoTask("all_assigned", "Every remaining task is assigned to another agent.", 60, counts);
        }
        return new NoTask("blocked", "Every remaining task is blocked; a human must resolve the blockers.", 120, counts);
    }

    static String instructions(Task task) {
        StringBuilder b = new StringBuilder();
        b.append("You are assigned \"").append(task.name()).append("\" (").append(task.id()).append(").\n");
        if (!task.description().isBlank()) {
            b.append(task.description()).append('\n');
        }
        if (!task.acceptanceCriteria().isEmpty()) {
            b.append("Done means:\n");
            for (String c : task.acceptanceCriteria()) {
                b.append("- ").append(c).append('\n');
            }
        }
        if (task.recoveryInfo() != null) {
            b.append("Another agent (").append(task.recoveryInfo().previousAgent()).append(") worked on this before and went silent at ")
                    .append(task.recoveryInfo().previousProgress()).append("%; read recovery_info and continue from there.\n");
        }
        b.append("Read the context (decisions and artifacts of the tasks this one depends on) first. ")
                .append("Report progress with report_task_progress (status in_progress, progress 25/50/75) — every call keeps your lease. ")
                .append("Log important choices with log_decision and files with log_artifact. ")
                .append("When finished, call report_task_progress with status completed; if stuck, call report_blocker.");
        return b.toString();
    }

    /** True when the event could make a task ready; exposed for adapters that wait themselves. */
    public static boolean wakes(Event e) {
        return WAKE_ON.contains(e.type());
    }
}
