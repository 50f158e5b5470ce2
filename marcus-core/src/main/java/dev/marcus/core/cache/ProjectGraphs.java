package dev.marcus.core.cache;

import dev.marcus.core.graph.TaskGraph;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each project's dependency graph, kept in memory so that {@code request_next_task} does not read every task of the
 * project on every call (that made claims O(tasks): about 1 claim/s on a 20,000-task project).
 *
 * <p>The graph only feeds ranking and context routing; readiness and exclusivity are decided by the store at claim
 * time, so a graph a moment old can never hand out a task wrongly — at worst it ranks by slightly old statuses. A
 * project's graph is dropped when a task is added to it, edited or rewired (through the event bus: this process at once, other
 * processes through the event relay) and is never older than {@link #MAX_AGE}.
 */
@Singleton
public final class ProjectGraphs {
    /**
     * Age after which a graph is refreshed in the background, whatever the events say (a backstop for an event this
     * process missed). Callers keep getting the previous graph until the new one is ready, so no request waits for
     * a rebuild that reads every task of a large project.
     */
    public static final Duration MAX_AGE = Duration.ofSeconds(15);
    /** Events that change what a graph holds: its tasks, their edges, or the estimates the critical path adds up. */
    private static final Set<EventType> STRUCTURAL = EnumSet.of(EventType.TASK_CREATED, EventType.PROJECT_CREATED,
            EventType.PROJECT_PLANNED, EventType.TASK_UPDATED, EventType.DEPENDENCY_ADDED, EventType.DEPENDENCY_REMOVED);

    private record Entry(TaskGraph graph, Instant builtAt) {
    }

    private final StorageBackend storage;
    private final Clock clock;
    private final Map<ProjectId, Entry> graphs = new ConcurrentHashMap<>();
    private final Set<ProjectId> refreshing = ConcurrentHashMap.newKeySet();
    private final Map<ProjectId, Object> building = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService refresher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "marcus-graph-refresh");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public ProjectGraphs(StorageBackend storage, EventBus bus, Clock clock) {
        this.storage = storage;
        this.clock = clock;
        bus.subscribe(this::onEvent);
    }

    private void onEvent(Event e) {
        if (e.projectId() != null && STRUCTURAL.contains(e.type())) {
            graphs.remove(e.projectId());
        }
    }

    /**
     * The project's graph: built from the store when missing or invalidated (the caller waits), refreshed in the
     * background when older than {@link #MAX_AGE} (the caller gets the current one at once).
     */
    public TaskGraph get(ProjectId project) {
        Instant now = clock.now();
        Entry e = graphs.get(project);
        if (e == null) {
            // one build per project at a time: 32 agents arriving together each read all 20,000 tasks at once and
            // held every pooled connection for seconds
            synchronized (building.computeIfAbsent(project, p -> new Object())) {
                e = graphs.get(project);
                if (e == null) {
                    e = new Entry(new TaskGraph(storage.listTasks(project)), now);
                    graphs.put(project, e);
                }
            }
        } else if (e.builtAt().plus(MAX_AGE).isBefore(now) && refreshing.add(project)) {
            refresher.execute(() -> {
                try {
                    graphs.put(project, new Entry(new TaskGraph(storage.listTasks(project)), clock.now()));
                } catch (RuntimeException ex) {
                    graphs.remove(project); // the next caller rebuilds, and sees the error itself
                } finally {
                    refreshing.remove(project);
                }
            });
        }
        return e.graph();
    }

    /** Forgets a project's graph, e.g. after this process changed its structure. */
    public void invalidate(ProjectId project) {
        graphs.remove(project);
    }
}
