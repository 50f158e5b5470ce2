package dev.marcus.core.cache;

import dev.marcus.core.event.InProcessEventBus;
import dev.marcus.core.event.EventRelay;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.EventBus;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Read models of one project (its status, its agent list…) cached through the {@link CacheBackend} port and
 * invalidated by events.
 *
 * <p>Every project has a <em>generation</em>: a random token stored under {@code p:<project>:gen}. A view is cached
 * under {@code p:<project>:<generation>:<view>}, so invalidating a project is one write (a new token) and a value that
 * a slow reader computed before a change can only land under the old token, which nobody reads any more. A value
 * stored under a token was therefore always computed after that token was written, and a token is replaced after
 * every committed change: a reader never sees a view older than a change that was invalidated before its read began.
 *
 * <p>Invalidation is driven by events: this class listens on the {@link EventBus}, and the {@link EventRelay} publishes
 * a service's own events synchronously (the bus contract requires local delivery before {@code publish} returns)
 * before the service method returns: the caller's next read is read-your-writes. Other processes learn of the change
 * from the bus (Redis pub/sub) or, at worst, from their relay's tail of the event table.
 */
@Singleton
public final class ProjectViewCache implements AutoCloseable {
    /** Views re-computed at the latest after this long, even if an invalidation was lost. */
    public static final Duration VIEW_TTL = Duration.ofSeconds(30);
    private static final Duration GENERATION_TTL = Duration.ofHours(6);
    /** Events that change nothing a cached view shows (task counts, agents and what they hold). */
    private static final Set<EventType> NO_VIEW_CHANGE = EnumSet.of(EventType.DECISION_LOGGED, EventType.ARTIFACT_LOGGED);

    private final CacheBackend cache;
    private final EventBus.Subscription subscription;

    @Inject
    public ProjectViewCache(CacheBackend cache, EventBus bus) {
        this.cache = cache;
        this.subscription = bus.subscribe(this::onEvent);
    }

    /** A cache that never holds anything, for services built without one. */
    public static ProjectViewCache disabled() {
        return new ProjectViewCache(CacheBackend.none(), new InProcessEventBus());
    }

    /** The cached view {@code view} of the project, or {@code compute}'s value (then cached). */
    public <T> T read(ProjectId project, String view, Class<T> type, Supplier<T> compute) {
        return cache.getOrCompute(viewKey(project, generation(project), view), type, VIEW_TTL, compute);
    }

    /** Forgets every cached view of the project (here and, through a shared cache, in every process). */
    public void invalidate(ProjectId project) {
        cache.put(generationKey(project), new Generation(newToken()), GENERATION_TTL);
    }

    void onEvent(Event e) {
        if (e.projectId() != null && !NO_VIEW_CHANGE.contains(e.type())) {
            invalidate(e.projectId());
        }
    }

    /** The backend's name and counters, for status pages. */
    public CacheBackend backend() {
        return cache;
    }

    private String generation(ProjectId project) {
        Optional<Generation> g = cache.get(generationKey(project), Generation.class);
        if (g.isPresent()) {
            return g.get().token();
        }
        // none yet (first read, or evicted): start one; a value computed now can only be stored under it
        String token = newToken();
        cache.put(generationKey(project), new Generation(token), GENERATION_TTL);
        return token;
    }

    static String generationKey(ProjectId project) {
        return "p:" + project.value() + ":gen";
    }

    static String viewKey(ProjectId project, String generation, String view) {
        return "p:" + project.value() + ":" + generation + ":" + view;
    }

    private static String newToken() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    @Override
    public void close() {
        subscription.close();
    }

    /** The current generation of a project's views. */
    public record Generation(String token) {
    }
}
