package dev.marcus.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventBus} must do. Subclasses supply a fresh bus; a bus that spans processes also supplies a
 * peer (a second bus on the same medium, as another process would open it) and the peer tests run too.
 */
public abstract class EventBusContract {
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    protected EventBus bus;
    private final List<EventBus> opened = new ArrayList<>();

    protected abstract EventBus newBus();

    /** A second bus on the same medium, or {@code null} when events stay in one process. */
    protected EventBus newPeer() {
        return null;
    }

    /** Waits until a freshly opened peer receives (pub/sub subscriptions start asynchronously). */
    protected void awaitReady(EventBus peer) throws InterruptedException {
    }

    @BeforeEach
    void open() {
        bus = track(newBus());
    }

    @AfterEach
    void closeAll() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    protected EventBus track(EventBus b) {
        if (b != null) {
            opened.add(b);
        }
        return b;
    }

    /** A new event with a fresh id and every field set. */
    public static Event event(EventType type) {
        return new Event(IDS.incrementAndGet(), type, new ProjectId("proj-contract"), new TaskId("task-1"),
                new AgentId("agent-1"), Map.of("progress", "50", "message", "half way: ünïcödé"),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void publish_deliversToEveryListenerBeforeItReturns() {
        List<Event> a = new CopyOnWriteArrayList<>();
        List<Event> b = new CopyOnWriteArrayList<>();
        bus.subscribe(a::add);
        bus.subscribe(b::add);
        Event e = event(EventType.TASK_COMPLETED);
        bus.publish(e);
        assertThat(a).containsExactly(e);
        assertThat(b).containsExactly(e);
    }

    @Test
    void closedSubscription_receivesNothingMore() {
        List<Event> got = new CopyOnWriteArrayList<>();
        EventBus.Subscription s = bus.subscribe(got::add);
        bus.publish(event(EventType.TASK_CREATED));
        s.close();
        bus.publish(event(EventType.TASK_CREATED));
        assertThat(got).hasSize(1);
    }

    @Test
    void failingListener_doesNotStopTheOthersNorThePublisher() {
        List<Event> got = new CopyOnWriteArrayList<>();
        bus.subscribe(e -> {
            throw new IllegalStateException("listener bug");
        });
        bus.subscribe(got::add);
        bus.publish(event(EventType.TASK_BLOCKED));
        assertThat(got).hasSize(1);
    }

    @Test
    void concurrentPublishers_loseNoEvent() throws Exception {
        List<Event> got = new CopyOnWriteArrayList<>();
        bus.subscribe(got::add);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        bus.publish(event(EventType.TASK_PROGRESS));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(got).hasSize(400);
        assertThat(got.stream().map(Event::id).distinct()).hasSize(400);
    }

    @Test
    void describe_namesTheBus() {
        assertThat(bus.describe()).isNotBlank();
    }

    @Test
    void peer_receivesAnEventPublishedHere_withEveryField() throws InterruptedException {
        EventBus peer = track(newPeer());
        assumeThat(peer).as("this bus stays in one process").isNotNull();
        awaitReady(peer);
        CountDownLatch arrived = new CountDownLatch(1);
        List<Event> got = new CopyOnWriteArrayList<>();
        peer.subscribe(e -> {
            got.add(e);
            arrived.countDown();
        });
        Event e = event(EventType.TASK_COMPLETED);
        bus.publish(e);
        assertThat(arrived.await(5, TimeUnit.SECONDS)).as("event reached the peer").isTrue();
        assertThat(got).containsExactly(e);
    }

    @Test
    void peer_deliversAnEventOnce_howeverManyPathsBringIt() throws InterruptedException {
        EventBus peer = track(newPeer());
        assumeThat(peer).as("this bus stays in one process").isNotNull();
        awaitReady(peer);
        List<Event> here = new CopyOnWriteArrayList<>();
        List<Event> there = new CopyOnWriteArrayList<>();
        bus.subscribe(here::add);
        peer.subscribe(there::add);
        Event e = event(EventType.TASK_UNASSIGNED);
        bus.publish(e);
        peer.publish(e); // as the peer's relay would, having read the same event from the table
        Event marker = event(EventType.TASK_CREATED);
        bus.publish(marker);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((!there.contains(marker) || !here.contains(marker)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertThat(there).containsExactly(e, marker);
        assertThat(here).containsExactly(e, marker);
    }
}
