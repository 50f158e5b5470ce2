package dev.marcus.core.service;

import dev.marcus.core.lease.LeasePolicy;
import dev.marcus.core.event.EventRelay;
import dev.marcus.core.cache.ProjectViewCache;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Registering agents, looking them up, and renewing the lease of whatever an agent holds when it calls in. */
@Singleton
public final class AgentService {
    private final StorageBackend storage;
    private final ProjectService projects;
    private final LeasePolicy leases;
    private final Clock clock;
    private final Limits limits;
    private final EventRelay relay;
    private final ProjectViewCache views;

    @Inject
    public AgentService(StorageBackend storage, ProjectService projects, LeasePolicy leases, Clock clock, Limits limits,
                        EventRelay relay, ProjectViewCache views) {
        this.storage = storage;
        this.projects = projects;
        this.leases = leases;
        this.clock = clock;
        this.limits = limits;
        this.relay = relay;
        this.views = views;
    }

    /** Without a cache: every agent list is read from the store. */
    public AgentService(StorageBackend storage, ProjectService projects, LeasePolicy leases, Clock clock, Limits limits,
                        EventRelay relay) {
        this(storage, projects, leases, clock, limits, relay, ProjectViewCache.disabled());
    }

    /** Registers the agent into a project (or updates it); the project must exist. */
    public Agent register(String agentId, String name, String role, List<String> skills, String projectId) {
        AgentId id = AgentId.parse("agent_id", agentId);
        String n = limits.name("name", name);
        String r = limits.name("role", role);
        Set<String> s = new LinkedHashSet<>();
        for (String skill : limits.list("skills", skills)) {
            String v = limits.text("skills", skill, 100).toLowerCase(Locale.ROOT);
            if (!v.isEmpty()) {
                s.add(v);
            }
        }
        if (projectId == null || projectId.isBlank()) {
            throw new dev.marcus.core.error.ValidationException("project_id",
                    "is required: the project this agent works on (list_projects shows them)");
        }
        Project project = projects.resolve(projectId);
        Agent agent = storage.registerAgent(new AgentRegistration(id, project.id(), n, r, new ArrayList<>(s)), clock.now());
        relay.poke();
        return agent;
    }

    /** The registered agent, or a not-found error telling the caller to register first. */
    public Agent require(String agentId) {
        AgentId id = AgentId.parse("agent_id", agentId);
        return storage.findAgent(id).orElseThrow(() -> new NotFoundException("agent_id",
                "agent '" + agentId + "' is not registered; call register_agent first"));
    }

    /**
     * Notes that the agent called in and renews the lease on the task it holds (any tool call of the holder renews).
     *
     * @return the agent
     */
    public Agent heardFrom(String agentId) {
        Agent agent = require(agentId);
        var now = clock.now();
        touch(agent.id(), now);
        if (agent.currentTask() != null) {
            storage.findTask(agent.currentTask()).ifPresent(t -> {
                // a renewal is a write; one within the last few seconds already keeps the lease
                if (agent.id().equals(t.assignee()) && !recentlyRenewed(t, now)) {
                    storage.renewLease(t.id(), agent.id(), leases.renewal(now, t), now);
                }
            });
        }
        return agent;
    }

    /** How stale "last seen" may get before a call writes it again; it feeds idle-agent reports, not leases. */
    static final java.time.Duration TOUCH_EVERY = java.time.Duration.ofSeconds(5);
    private final java.util.Map<AgentId, java.time.Instant> lastTouch = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Notes that the agent was heard from, writing at most once per {@link #TOUCH_EVERY} per agent and process:
     * every tool call used to cost a write transaction for a timestamp nobody needs to the millisecond.
     */
    public void touch(AgentId agent, java.time.Instant now) {
        java.time.Instant last = lastTouch.get(agent);
        if (last == null || !last.plus(TOUCH_EVERY).isAfter(now)) {
            storage.touchAgent(agent, now);
            lastTouch.put(agent, now);
        }
    }

    private boolean recentlyRenewed(Task t, java.time.Instant now) {
        if (t.leaseExpiresAt() == null) {
            return false;
        }
        // the lease as it would be renewed now, minus what it already has: skip when less than TOUCH_EVERY is gained
        return !leases.renewal(now, t).isAfter(t.leaseExpiresAt().plus(TOUCH_EVERY));
    }

    /**
     * A human pauses the agent: {@code request_next_task} answers it "no task" ({@code agent_paused}) until it is
     * resumed, and it is not counted as available. It keeps the task it holds and may finish it or report on it.
     * Pausing a paused agent changes nothing.
     */
    public Agent pause(String agentId) {
        Agent agent = require(agentId);
        Agent paused = storage.setAgentPaused(agent.id(), true, clock.now());
        relay.poke();
        return paused;
    }

    /** A human resumes a paused agent: its next {@code request_next_task} may be given a task again. */
    public Agent resume(String agentId) {
        Agent agent = require(agentId);
        Agent resumed = storage.setAgentPaused(agent.id(), false, clock.now());
        relay.poke();
        return resumed;
    }

    /** An agent with the task it holds, for {@code get_agent_status}. */
    public record AgentStatusView(Agent agent, Optional<Task> currentTask) {
    }

    public AgentStatusView status(String agentId) {
        Agent agent = heardFrom(agentId);
        Optional<Task> task = storage.heldBy(agent.id());
        return new AgentStatusView(storage.findAgent(agent.id()).orElse(agent), task);
    }

    /**
     * The project's agents, from the view cache when it holds them. Registrations and every change of what an agent
     * holds are events, so they show at once; {@code lastSeenAt} is a heartbeat, not an event, and may lag by up to
     * {@link ProjectViewCache#VIEW_TTL}.
     */
    public List<Agent> list(String projectId) {
        ProjectId project = projects.resolve(projectId).id();
        return views.read(project, "agents", AgentList.class, () -> new AgentList(storage.listAgents(project))).agents();
    }

    /** The cached form of an agent list. */
    public record AgentList(List<Agent> agents) {
        public AgentList {
            agents = List.copyOf(agents);
        }
    }
}
