package dev.marcus.core.service;

import dev.marcus.core.lease.LeasePolicy;
import dev.marcus.core.event.EventRelay;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.BlockerSeverity;
import dev.marcus.core.model.Ids;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.Advisor;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.Completion;
import dev.marcus.core.port.ProgressReport;
import dev.marcus.core.port.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a holder says about its task: progress (which renews the lease), completion, blockers. Only the current
 * holder is heard; a report from an agent whose lease was taken away is refused with a reason.
 */
@Singleton
public final class ProgressService {
    private final StorageBackend storage;
    private final AgentService agents;
    private final Advisor advisor;
    private final LeasePolicy leases;
    private final Clock clock;
    private final Limits limits;
    private final EventRelay relay;
    private final CompletionGate gate;

    /** A service whose completions pass no gate. */
    public ProgressService(StorageBackend storage, AgentService agents, Advisor advisor, LeasePolicy leases, Clock clock,
                           Limits limits, EventRelay relay) {
        this(storage, agents, advisor, leases, clock, limits, relay, CompletionGate.disabled(storage));
    }

    @Inject
    public ProgressService(StorageBackend storage, AgentService agents, Advisor advisor, LeasePolicy leases, Clock clock,
                           Limits limits, EventRelay relay, CompletionGate gate) {
        this.gate = gate;
        this.storage = storage;
        this.agents = agents;
        this.advisor = advisor;
        this.leases = leases;
        this.clock = clock;
        this.limits = limits;
        this.relay = relay;
    }

    /**
     * What a report changed. {@code completion} is present for a completion (then {@code verifications} lists the
     * gate's commands that ran), {@code suggestions} for a blocker.
     */
    public record Outcome(Task task, String status, Optional<Completion> completion, List<String> suggestions,
                          List<CompletionGate.Verification> verifications) {
        public Outcome(Task task, String status, Optional<Completion> completion, List<String> suggestions) {
            this(task, status, completion, suggestions, List.of());
        }
    }

    /**
     * What {@code report_task_progress} carries. {@code leaseEpoch}, {@code tokensUsed}, {@code costUsd} may be null;
     * {@code verificationCommands} (may be null) are what the completion gate runs for {@code type:integration} tasks.
     */
    public record Report(String agentId, String taskId, String status, Integer progress, String message,
                         Long tokensUsed, Double costUsd, Long leaseEpoch, List<String> verificationCommands) {
        public Report(String agentId, String taskId, String status, Integer progress, String message,
                      Long tokensUsed, Double costUsd, Long leaseEpoch) {
            this(agentId, taskId, status, progress, message, tokensUsed, costUsd, leaseEpoch, null);
        }
    }

    public CompletionGate gate() {
        return gate;
    }

    public Outcome report(Report r) {
        String status = r.status() == null ? "" : r.status().strip().toLowerCase(Locale.ROOT);
        if (!List.of("in_progress", "completed", "done", "blocked").contains(status)) {
            throw new ValidationException("status", (status.isEmpty() ? "is required" : "'" + r.status() + "' is not allowed")
                    + "; one of in_progress, completed, blocked");
        }
        int progress = r.progress() == null ? ("in_progress".equals(status) ? 0 : 100) : r.progress();
        if (progress < 0 || progress > 100) {
            throw new ValidationException("progress", "must be between 0 and 100, got " + progress);
        }
        long tokens = r.tokensUsed() == null ? 0 : r.tokensUsed();
        if (tokens < 0) {
            throw new ValidationException("tokens_used", "must not be negative");
        }
        double cost = r.costUsd() == null ? 0 : r.costUsd();
        if (cost < 0 || Double.isNaN(cost) || Double.isInfinite(cost)) {
            throw new ValidationException("cost_usd", "must be a non-negative number");
        }
        String message = limits.text("message", r.message());
        TaskId task = TaskId.parse("task_id", r.taskId());
        Agent agent = agents.require(r.agentId());
        Instant now = clock.now();
        agents.touch(agent.id(), now);
        ProgressReport report = new ProgressReport(task, agent.id(), r.leaseEpoch(), progress, message, tokens, cost);
        Outcome outcome = switch (status) {
            case "in_progress" -> new Outcome(
                    storage.recordProgress(report, leases.expiry(now, true, progress), now), status, Optional.empty(), List.of());
            case "blocked" -> block(report, message.isEmpty() ? "reported blocked without a description" : message,
                    BlockerSeverity.MEDIUM, now);
            default -> {
                List<CompletionGate.Verification> verified = List.of();
                if (gate.settings().enabled()) {
                    verified = storage.findTask(task)
                            .map(t -> gate.check(t, agent.id(), r.verificationCommands()))
                            .orElse(List.of());
                } else {
                    gate.validate(r.verificationCommands()); // no task read when nothing can run
                }
                Completion c = storage.completeTask(report, clock.now());
                yield new Outcome(c.task(), "completed", Optional.of(c), List.of(), verified);
            }
        };
        relay.poke();
        return outcome;
    }

    /** {@code report_blocker}: the task becomes blocked, the agent is freed, and suggestions come back. */
    public Outcome reportBlocker(String agentId, String taskId, String description, String severity) {
        String text = limits.text("blocker_description", description);
        if (text.isEmpty()) {
            throw new ValidationException("blocker_description", "is required and must not be blank");
        }
        BlockerSeverity sev = severity == null || severity.isBlank() ? BlockerSeverity.MEDIUM
                : BlockerSeverity.parse("severity", severity);
        TaskId task = TaskId.parse("task_id", taskId);
        Agent agent = agents.require(agentId);
        Instant now = clock.now();
        agents.touch(agent.id(), now);
        Outcome o = block(new ProgressReport(task, agent.id(), null, -1, text, 0, 0), text, sev, now);
        relay.poke();
        return o;
    }

    private Outcome block(ProgressReport report, String description, BlockerSeverity severity, Instant now) {
        Blocker blocker = new Blocker(Ids.random("blk"), report.task(), report.agent(), description, severity, now, null);
        Task blocked = storage.blockTask(report, blocker, now);
        List<String> suggestions = advisor.suggest(blocked, description, severity);
        return new Outcome(blocked, "blocked", Optional.empty(), suggestions);
    }

    /**
     * A human resolved the blocker on a blocked task: the task goes back to {@code todo}, unassigned, so the next
     * agent can take it. Refused ({@code not_blocked}) when the task is not blocked.
     */
    public Task resolveBlocker(String taskId) {
        TaskId id = TaskId.parse("task_id", taskId);
        Task task = storage.findTask(id).orElseThrow(() -> new NotFoundException("task_id",
                "task '" + taskId + "' does not exist"));
        if (task.status() != TaskStatus.BLOCKED) {
            throw new ConflictException("not_blocked",
                    "task '" + taskId + "' is " + task.status().wire() + ", not blocked; there is no blocker to resolve");
        }
        Task t = storage.unassignTask(id, null, "blocker_resolved", clock.now());
        relay.poke();
        return t;
    }

    /** {@code unassign_task}: back to todo, lease dropped; when {@code agentId} is given only that holder's task. */
    public Task unassign(String taskId, String agentId) {
        TaskId task = TaskId.parse("task_id", taskId);
        var holder = agentId == null || agentId.isBlank() ? null : agents.require(agentId).id();
        Task t = storage.unassignTask(task, holder, "unassigned", clock.now());
        relay.poke();
        return t;
    }
}
