package dev.marcus.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.error.ConflictException;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several instances of one store (separate connections or pools, as separate processes have), each used by several
 * threads, racing for the same tasks. Subclasses supply the instances and the sizes of the race.
 */
public abstract class StorageConcurrencyContract {
    private static final ProjectId P = new ProjectId("race");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    /** A new instance on the store shared by every instance of this test. */
    protected abstract StorageBackend openInstance() throws Exception;

    protected abstract int instances();

    protected abstract int threadsPerInstance();

    protected abstract int tasks();

    @Test
    @Timeout(240)
    void manyInstancesAndThreads_neverHandOutATaskTwice_norGiveAnAgentTwoTasks() throws Exception {
        final int instances = instances();
        final int threadsPerInstance = threadsPerInstance();
        final int taskCount = tasks();
        List<StorageBackend> backends = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            backends.add(openInstance());
        }
        int agents = instances * threadsPerInstance;
        try {
            StorageBackend first = backends.get(0);
            List<NewTask> tasks = new ArrayList<>();
            for (int i = 0; i < taskCount; i++) {
                // a third of the tasks wait for an earlier one, so readiness changes while the race runs
                List<TaskId> deps = i >= 10 && i % 3 == 0 ? List.of(new TaskId("t" + (i - 10))) : List.of();
                tasks.add(new NewTask(new TaskId("t" + i), "Task " + i, "", Priority.MEDIUM, List.of(), deps, List.of(),
                        null, List.of(), null));
            }
            first.createProject(new NewProject(P, "Race", "", null), tasks, T0);
            for (int a = 0; a < agents; a++) {
                backends.get(a % instances).registerAgent(new AgentRegistration(new AgentId("agent-" + a), P,
                        "Agent " + a, "", List.of()), T0);
            }
            ConcurrentLinkedQueue<String> claims = new ConcurrentLinkedQueue<>();
            Map<String, String> holding = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> doubleHolders = new ConcurrentLinkedQueue<>();

            ExecutorService pool = Executors.newFixedThreadPool(agents);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int a = 0; a < agents; a++) {
                StorageBackend backend = backends.get(a % instances);
                AgentId agent = new AgentId("agent-" + a);
                futures.add(pool.submit(() -> {
                    start.await();
                    int busyRefusals = 0;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
                    while (System.nanoTime() < deadline) {
                        List<TaskId> ready = backend.readyTasks(P, 20).stream().map(Task::id).toList();
                        if (ready.isEmpty()) {
                            var counts = backend.countTasks(P);
                            if (counts.done() == counts.total()) {
                                return busyRefusals;
                            }
                            Thread.sleep(1);
                            continue;
                        }
                        Optional<Task> got = backend.claimFirstReady(agent, ready, T0.plusSeconds(3600), T0);
                        if (got.isEmpty()) {
                            continue;
                        }
                        Task t = got.get();
                        claims.add(t.id().value());
                        if (holding.putIfAbsent(agent.value(), t.id().value()) != null) {
                            doubleHolders.add(agent.value());
                        }
                        // asking again while holding must be refused by the store
                        try {
                            backend.claimFirstReady(agent, ready, T0.plusSeconds(3600), T0);
                            doubleHolders.add(agent.value());
                        } catch (ConflictException e) {
                            if ("agent_busy".equals(e.reason())) {
                                busyRefusals++;
                            }
                        }
                        holding.remove(agent.value());
                        backend.completeTask(new ProgressReport(t.id(), agent, t.leaseEpoch(), 100, "", 0, 0), T0);
                    }
                    throw new AssertionError(agent + " timed out with tasks unfinished");
                }));
            }
            start.countDown();
            int refusals = 0;
            for (Future<Integer> f : futures) {
                refusals += f.get(220, TimeUnit.SECONDS);
            }
            pool.shutdownNow();

            assertThat(claims).hasSize(taskCount).doesNotHaveDuplicates();
            assertThat(doubleHolders).isEmpty();
            assertThat(refusals).isEqualTo(taskCount);
            assertThat(first.countTasks(P).done()).isEqualTo(taskCount);
            assertThat(first.findProject(P).orElseThrow().isComplete()).isTrue();
            assertThat(first.listAgents(P).stream().mapToInt(a -> a.completedTasks()).sum()).isEqualTo(taskCount);
        } finally {
            backends.forEach(StorageBackend::close);
        }
    }

    /**
     * The last tasks of a project finished at the same moment by agents on different instances: whatever the
     * interleaving, the project ends complete, with exactly one {@code project_completed}.
     */
    @Test
    @Timeout(120)
    void lastCompletionsAtTheSameMoment_completeTheProjectExactlyOnce() throws Exception {
        final int instances = Math.max(2, instances());
        List<StorageBackend> backends = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            backends.add(openInstance());
        }
        int agents = instances * 2;
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        try {
            StorageBackend first = backends.get(0);
            for (int round = 0; round < 8; round++) {
                ProjectId project = new ProjectId("last-" + round);
                List<NewTask> tasks = new ArrayList<>();
                for (int i = 0; i < agents; i++) {
                    tasks.add(new NewTask(new TaskId(project + "-t" + i), "Task " + i, "", Priority.MEDIUM, List.of(),
                            List.of(), List.of(), null, List.of(), null));
                }
                first.createProject(new NewProject(project, "Last " + round, "", null), tasks, T0);
                List<Task> held = new ArrayList<>();
                for (int a = 0; a < agents; a++) {
                    AgentId agent = new AgentId(project + "-a" + a);
                    first.registerAgent(new AgentRegistration(agent, project, "A" + a, "", List.of()), T0);
                    held.add(first.claimFirstReady(agent, List.of(new TaskId(project + "-t" + a)), T0.plusSeconds(600), T0)
                            .orElseThrow());
                }
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(agents);
                List<Future<Boolean>> done = new ArrayList<>();
                for (int a = 0; a < agents; a++) {
                    StorageBackend backend = backends.get(a % instances);
                    Task t = held.get(a);
                    done.add(pool.submit(() -> {
                        together.await();
                        return backend.completeTask(new ProgressReport(t.id(), t.assignee(), t.leaseEpoch(), 100, "", 0, 0),
                                T0).projectComplete();
                    }));
                }
                int sawComplete = 0;
                for (Future<Boolean> f : done) {
                    sawComplete += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(first.findProject(project).orElseThrow().isComplete()).as("round %d", round).isTrue();
                assertThat(sawComplete).as("completions that saw the project complete, round %d", round).isPositive();
                long completedEvents = first.eventsAfter(0, project, 10_000).stream()
                        .filter(e -> e.type() == dev.marcus.core.model.EventType.PROJECT_COMPLETED)
                        .count();
                assertThat(completedEvents).as("project_completed events, round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            backends.forEach(StorageBackend::close);
        }
    }
}
