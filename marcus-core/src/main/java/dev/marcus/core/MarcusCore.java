package dev.marcus.core;

import dev.marcus.core.analytics.AccessService;
import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.core.analytics.ExperimentService;
import dev.marcus.core.analytics.HistoryService;
import dev.marcus.core.analytics.MetricsService;
import dev.marcus.core.analytics.PredictionService;
import dev.marcus.core.analytics.UsageService;
import dev.marcus.core.planning.OfflinePlanner;
import dev.marcus.core.planning.ProjectPlanner;
import dev.marcus.core.port.Advisor;
import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.CommandRunner;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ArtifactService;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.CompletionGate;
import dev.marcus.core.service.ContextService;
import dev.marcus.core.service.DecisionService;
import dev.marcus.core.event.EventRelay;
import dev.marcus.core.event.InProcessEventBus;
import dev.marcus.core.lease.LeasePolicy;
import dev.marcus.core.lease.LeaseSweeper;
import dev.marcus.core.service.Limits;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectRegistryService;
import dev.marcus.core.cache.ProjectGraphs;
import dev.marcus.core.service.ProjectService;
import dev.marcus.core.cache.ProjectViewCache;
import dev.marcus.core.service.RuleBasedAdvisor;
import dev.marcus.core.graph.TaskRanker;
import java.time.Duration;
import java.util.Objects;

/**
 * The core wired by hand, for programs that embed Marcus without Dagger:
 * <pre>{@code
 * try (MarcusCore marcus = MarcusCore.builder(storage).build()) {
 *     marcus.projects().create("Shop", "# Backend\n- Schema\n- API (after Schema)", CreateOptions.NONE);
 * }
 * }</pre>
 * Closing it stops the background sweeper and event relay (when started) and closes the event bus; the storage
 * backend and the cache backend belong to the caller and stay open.
 */
public final class MarcusCore implements AutoCloseable {
    private final StorageBackend storage;
    private final EventBus bus;
    private final ProjectViewCache views;
    private final EventRelay relay;
    private final LeaseSweeper sweeper;
    private final ProjectService projects;
    private final AgentService agents;
    private final AssignmentService assignments;
    private final ProgressService progress;
    private final ContextService context;
    private final DecisionService decisions;
    private final ArtifactService artifacts;
    private final Limits limits;
    private final ProjectRegistryService registry;
    private final BoardHealthService health;
    private final PredictionService predictions;
    private final MetricsService metrics;
    private final HistoryService history;
    private final ExperimentService experiments;
    private final UsageService usage;
    private final AccessService access;

    private MarcusCore(Builder b) {
        this.storage = b.storage;
        this.limits = b.limits;
        this.bus = b.bus;
        this.views = new ProjectViewCache(b.cache, bus);
        this.relay = new EventRelay(storage, bus);
        this.sweeper = new LeaseSweeper(storage, b.clock, b.leases, relay);
        this.projects = new ProjectService(storage, b.planner, b.clock, b.limits, relay, views);
        this.agents = new AgentService(storage, projects, b.leases, b.clock, b.limits, relay, views);
        ProjectGraphs graphs = new ProjectGraphs(storage, bus, b.clock);
        this.context = new ContextService(storage, graphs);
        this.assignments = new AssignmentService(storage, agents, new TaskRanker(), context, sweeper, b.leases, bus,
                b.clock, relay, graphs);
        this.progress = new ProgressService(storage, agents, b.advisor, b.leases, b.clock, b.limits, relay,
                new CompletionGate(storage, b.commandRunner, b.gates));
        this.decisions = new DecisionService(storage, agents, b.clock, b.limits, relay);
        this.artifacts = new ArtifactService(storage, b.clock, b.limits, relay);
        this.registry = new ProjectRegistryService(storage, projects, b.clock, b.limits, relay);
        this.health = new BoardHealthService(storage, projects, b.clock);
        this.predictions = new PredictionService(storage, projects, b.clock);
        this.metrics = new MetricsService(storage, projects, b.clock);
        this.history = new HistoryService(storage, projects);
        this.experiments = new ExperimentService(storage, projects, b.clock);
        this.usage = new UsageService(storage, projects, b.clock);
        this.access = new AccessService(b.clock);
    }

    public static Builder builder(StorageBackend storage) {
        return new Builder(storage);
    }

    /** Starts the lease sweeper and the event relay on daemon threads. */
    public MarcusCore startBackground(Duration relayInterval) {
        relay.start(relayInterval);
        sweeper.start();
        return this;
    }

    public StorageBackend storage() {
        return storage;
    }

    public EventBus events() {
        return bus;
    }

    /** The cache of project views (status, agent lists) and its backend's counters. */
    public ProjectViewCache views() {
        return views;
    }

    public LeaseSweeper sweeper() {
        return sweeper;
    }

    public ProjectService projects() {
        return projects;
    }

    public AgentService agents() {
        return agents;
    }

    public AssignmentService assignments() {
        return assignments;
    }

    public ProgressService progress() {
        return progress;
    }

    public ContextService context() {
        return context;
    }

    public DecisionService decisions() {
        return decisions;
    }

    public ArtifactService artifacts() {
        return artifacts;
    }

    public ProjectRegistryService registry() {
        return registry;
    }

    public BoardHealthService health() {
        return health;
    }

    public PredictionService predictions() {
        return predictions;
    }

    public MetricsService metrics() {
        return metrics;
    }

    public HistoryService history() {
        return history;
    }

    public ExperimentService experiments() {
        return experiments;
    }

    public UsageService usage() {
        return usage;
    }

    public AccessService access() {
        return access;
    }

    /** The limits the services enforce, for adapters that guard their input with the same bounds. */
    public Limits limits() {
        return limits;
    }

    @Override
    public void close() {
        sweeper.close();
        relay.close();
        views.close();
        bus.close();
    }

    /**
     * Optional parts default to the system clock, the default lease policy and limits, the offline planner, an
     * in-process bus, the rule-based advisor, no completion gate and no cache.
     */
    public static final class Builder {
        private final StorageBackend storage;
        private Clock clock = Clock.system();
        private LeasePolicy leases = LeasePolicy.DEFAULT;
        private Limits limits = Limits.DEFAULT;
        private ProjectPlanner planner = new OfflinePlanner();
        private EventBus bus = new InProcessEventBus();
        private Advisor advisor = new RuleBasedAdvisor();
        private CommandRunner commandRunner = CommandRunner.none();
        private CompletionGate.Settings gates = CompletionGate.Settings.DISABLED;
        private CacheBackend cache = CacheBackend.none();

        private Builder(StorageBackend storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder leases(LeasePolicy leases) {
            this.leases = Objects.requireNonNull(leases, "leases");
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder planner(ProjectPlanner planner) {
            this.planner = Objects.requireNonNull(planner, "planner");
            return this;
        }

        public Builder eventBus(EventBus bus) {
            this.bus = Objects.requireNonNull(bus, "bus");
            return this;
        }

        public Builder advisor(Advisor advisor) {
            this.advisor = Objects.requireNonNull(advisor, "advisor");
            return this;
        }

        /** The completion gate's settings and the runner of its verification commands. */
        public Builder gates(CompletionGate.Settings gates, CommandRunner runner) {
            this.gates = Objects.requireNonNull(gates, "gates");
            this.commandRunner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /** Caches project views (status, agent lists) here; invalidated by events, read-your-writes. */
        public Builder cache(CacheBackend cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        public MarcusCore build() {
            return new MarcusCore(this);
        }
    }
}
