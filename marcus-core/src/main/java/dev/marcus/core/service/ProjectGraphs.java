package dev.marcus.core.service;

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
 * project's graph is dropped when a task is added to it (through the event bus: this process at once, other
 * processes through the event relay) and is never older than {@link #MAX_AGE}.
 */
@Singleton
public final class ProjectGraphs {
    /** Longest a graph is reused, whatever the events say. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final Set<EventType> STRUCTURAL = EnumSet.of(EventType.TASK_CREATED, EventType.PROJECT_CREATED,
            EventType.PROJECT_PLANNED);

    private record Entry(TaskGraph graph, Instant builtAt) {
    }

    private final StorageBackend storage;
    private final Clock clock;
    private final Map<ProjectId, Entry> graphs = new ConcurrentHashMap<>();

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

    /** The project's graph, rebuilt from the store when missing, invalidated or older than {@link #MAX_AGE}. */
    public TaskGraph get(ProjectId project) {
        Instant now = clock.now();
        Entry e = graphs.get(project);
        if (e == null || e.builtAt().plus(MAX_AGE).isBefore(now)) {
            e = new Entry(new TaskGraph(storage.listTasks(project)), now);
            graphs.put(project, e);
        }
        return e.graph();
    }

    /** Forgets a project's graph, e.g. after this process changed its structure. */
    public void invalidate(ProjectId project) {
        graphs.remove(project);
    }
}
