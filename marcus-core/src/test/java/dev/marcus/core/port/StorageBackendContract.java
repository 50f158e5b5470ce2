package dev.marcus.core.port;

import dev.marcus.core.service.GraphRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.AgentStatus;
import dev.marcus.core.model.Artifact;
import dev.marcus.core.model.ArtifactType;
import dev.marcus.core.model.Blocker;
import dev.marcus.core.model.BlockerSeverity;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.Experiment;
import dev.marcus.core.model.NewEvent;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.RecoveryInfo;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskEdit;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The written contract of {@link StorageBackend}, as tests. Each adapter subclasses this and supplies a fresh, empty
 * store per test ({@link #newBackend()}) and, when it can, a second instance on the same data
 * ({@link #sameStoreAgain()}) for the cross-instance tests.
 *
 * <p>Mutating methods and the events they append: createProject → project_created + task_created per task;
 * setActiveProject → project_selected; addTasks → task_created; claimFirstReady → task_assigned; recordProgress →
 * task_progress; completeTask → task_completed (also for finished parents) + project_completed; blockTask →
 * task_blocked; unassignTask → task_unassigned; recoverExpiredLeases → lease_recovered; registerAgent →
 * agent_registered; addDecision → decision_logged; addArtifact → artifact_logged; updateTask → task_updated;
 * addDependency → dependency_added; removeDependency → dependency_removed; setAgentPaused → agent_paused /
 * agent_resumed. {@code renewLease} and
 * {@code touchAgent} are heartbeats and append nothing.
 */
public abstract class StorageBackendContract {
    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");
    protected static final Instant LEASE = T0.plus(Duration.ofMinutes(10));
    protected static final ProjectId P = new ProjectId("proj-1");
    protected static final GraphCheck NO_CHECK = (existing, added) -> { };

    protected StorageBackend store;

    /** A fresh, empty store; called once per test. */
    protected abstract StorageBackend newBackend();

    /**
     * Another backend instance on the data of the last {@link #newBackend()} (for SQLite: another backend on the same
     * file), or {@code null} when the adapter cannot share a store; the cross-instance tests are skipped then.
     */
    protected StorageBackend sameStoreAgain() {
        return null;
    }

    @BeforeEach
    void openStore() {
        store = newBackend();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ==== helpers ===============================================================================================

    protected static TaskId tid(String id) {
        return new TaskId(id);
    }

    protected static AgentId aid(String id) {
        return new AgentId(id);
    }

    protected static NewTask task(String id, String... deps) {
        return new NewTask(tid(id), "Task " + id, "Do " + id, Priority.MEDIUM, List.of("backend", "api"),
                Arrays.stream(deps).map(TaskId::new).toList(), List.of(), 2.5, List.of(id + " works"), null);
    }

    protected static NewTask subtask(String id, String parent) {
        return new NewTask(tid(id), "Subtask " + id, "", Priority.HIGH, List.of(), List.of(), List.of(), null, List.of(),
                tid(parent));
    }

    protected static NewTask blocking(String id, String... blocks) {
        return new NewTask(tid(id), "Task " + id, "", Priority.LOW, List.of(), List.of(),
                Arrays.stream(blocks).map(TaskId::new).toList(), null, List.of(), null);
    }

    protected Project project(NewTask... tasks) {
        return store.createProject(new NewProject(P, "Demo", "A demo project", "/tmp/demo"), List.of(tasks), T0);
    }

    protected Agent register(String agent) {
        return register(store, agent);
    }

    protected static Agent register(StorageBackend s, String agent) {
        return s.registerAgent(new AgentRegistration(aid(agent), P, "Agent " + agent, "developer", List.of("java", "sql")), T0);
    }

    protected Task claim(String agent, String... candidates) {
        return store.claimFirstReady(aid(agent), Arrays.stream(candidates).map(TaskId::new).toList(), LEASE, T0)
                .orElseThrow(() -> new AssertionError("no task claimed for " + agent));
    }

    protected static ProgressReport report(String taskId, String agent, Long epoch, int progress, String message) {
        return new ProgressReport(tid(taskId), aid(agent), epoch, progress, message, 0, 0);
    }

    protected Task stored(String id) {
        return store.findTask(tid(id)).orElseThrow(() -> new AssertionError("task " + id + " not found"));
    }

    protected List<String> readyIds() {
        return store.readyTasks(P, 100).stream().map(t -> t.id().value()).toList();
    }

    protected List<EventType> eventTypesAfter(long id) {
        return store.eventsAfter(id, null, 1000).stream().map(Event::type).toList();
    }

    protected static void assertConflict(ThrowingCallable call, String reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    protected static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NotFoundException.class);
    }

    // ==== projects ==============================================================================================

    @Test
    void createProject_storesProjectAndTasksWithIntraBatchDependencies() {
        Project p = project(task("a"), task("b", "a"), task("c", "a", "b"));

        assertThat(p.id()).isEqualTo(P);
        assertThat(p.name()).isEqualTo("Demo");
        assertThat(p.description()).isEqualTo("A demo project");
        assertThat(p.projectRoot()).isEqualTo("/tmp/demo");
        assertThat(p.createdAt()).isEqualTo(T0);
        assertThat(p.completedAt()).isNull();
        assertThat(store.findProject(P)).contains(p);
        List<Task> tasks = store.listTasks(P);
        assertThat(tasks).extracting(t -> t.id().value()).containsExactly("a", "b", "c");
        assertThat(tasks.get(2).dependencies()).containsExactly(tid("a"), tid("b"));
        assertThat(tasks).extracting(Task::sequence).isSorted().doesNotHaveDuplicates();
        Task a = tasks.get(0);
        assertThat(a.status()).isEqualTo(TaskStatus.TODO);
        assertThat(a.priority()).isEqualTo(Priority.MEDIUM);
        assertThat(a.labels()).containsExactly("backend", "api");
        assertThat(a.estimatedHours()).isEqualTo(2.5);
        assertThat(a.acceptanceCriteria()).containsExactly("a works");
        assertThat(a.description()).isEqualTo("Do a");
        assertThat(a.assignee()).isNull();
        assertThat(a.leaseEpoch()).isZero();
        assertThat(a.createdAt()).isEqualTo(T0);
        assertThat(a.recoveryInfo()).isNull();
    }

    @Test
    void createProject_appendsProjectCreatedAndOneTaskCreatedPerTask() {
        long before = store.lastEventId();
        project(task("a"), task("b", "a"));

        List<Event> events = store.eventsAfter(before, P, 100);
        assertThat(events).extracting(Event::type)
                .containsExactly(EventType.PROJECT_CREATED, EventType.TASK_CREATED, EventType.TASK_CREATED);
        assertThat(events).extracting(Event::id).isSorted().doesNotHaveDuplicates();
        assertThat(events.get(1).taskId()).isEqualTo(tid("a"));
        assertThat(events.get(0).at()).isEqualTo(T0);
    }

    @Test
    void createProject_refusesAnIdThatExists_andChangesNothing() {
        project(task("a"));
        long before = store.lastEventId();

        assertThatThrownBy(() -> store.createProject(new NewProject(P, "Again", "", null), List.of(task("x")), T0))
                .isInstanceOf(ConflictException.class);
        assertThat(store.findTask(tid("x"))).isEmpty();
        assertThat(store.lastEventId()).isEqualTo(before);
    }

    @Test
    void createProject_refusesANameALiveProjectHas_ignoringCase_andChangesNothing() {
        project(task("a"));
        long before = store.lastEventId();

        assertThatThrownBy(() -> store.createProject(new NewProject(new ProjectId("proj-2"), "DEMO", "", null),
                List.of(task("x")), T0))
                .isInstanceOf(ConflictException.class);
        assertThat(store.findProject(new ProjectId("proj-2"))).isEmpty();
        assertThat(store.findTask(tid("x"))).isEmpty();
        assertThat(store.lastEventId()).isEqualTo(before);
    }

    @Test
    void createProject_withAnUnknownDependency_writesNothing() {
        assertThatThrownBy(() -> project(task("a", "ghost"))).isInstanceOf(ValidationException.class);
        assertThat(store.findProject(P)).isEmpty();
        assertThat(store.lastEventId()).isZero();
    }

    @Test
    void listProjects_returnsOldestFirst() {
        store.createProject(new NewProject(new ProjectId("p-new"), "New", "", null), List.of(), T0.plusSeconds(5));
        store.createProject(new NewProject(new ProjectId("p-old"), "Old", "", null), List.of(), T0);

        assertThat(store.listProjects()).extracting(p -> p.id().value()).containsExactly("p-old", "p-new");
    }

    @Test
    void activeProject_isEmptyUntilSet_thenRemembered_withProjectSelectedEvent() {
        project();
        ProjectId other = new ProjectId("proj-2");
        store.createProject(new NewProject(other, "Other", "", null), List.of(), T0);
        assertThat(store.activeProject()).isEmpty();
        long before = store.lastEventId();

        store.setActiveProject(P, T0);
        store.setActiveProject(other, T0.plusSeconds(1));

        assertThat(store.activeProject()).contains(other);
        assertThat(store.eventsAfter(before, null, 10)).extracting(Event::type, Event::projectId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EventType.PROJECT_SELECTED, P),
                        org.assertj.core.groups.Tuple.tuple(EventType.PROJECT_SELECTED, other));
    }

    @Test
    void setActiveProject_ofUnknownProject_throwsNotFound() {
        assertNotFound(() -> store.setActiveProject(new ProjectId("nope"), T0));
        assertThat(store.activeProject()).isEmpty();
    }

    // ==== readiness =============================================================================================

    @Test
    void readyTasks_areTodoUnassignedWithoutUnfinishedDependenciesOrSubtasks_inCreationOrder() {
        project(task("a"), task("b", "a"), task("c"), task("parent"), subtask("s1", "parent"), task("d"));
        register("agent-1");
        claim("agent-1", "d");

        assertThat(readyIds()).containsExactly("a", "c", "s1");
        assertThat(store.readyTasks(P, 2)).extracting(t -> t.id().value()).containsExactly("a", "c");
        assertThat(stored("parent").subtaskCount()).isEqualTo(1);
        assertThat(stored("parent").isParent()).isTrue();
    }

    @Test
    void countTasks_countsByStatus() {
        project(task("a"), task("b"), task("c"), task("d"));
        register("x");
        register("y");
        register("z");
        claim("x", "a");
        claim("y", "b");
        claim("z", "c");
        store.completeTask(report("a", "x", null, 100, "done"), T0);
        store.blockTask(report("b", "y", null, -1, "stuck"), blocker("b", "y"), T0);

        TaskCounts counts = store.countTasks(P);
        assertThat(counts).isEqualTo(new TaskCounts(1, 1, 1, 1));
        assertThat(store.countTasks(new ProjectId("empty"))).isEqualTo(new TaskCounts(0, 0, 0, 0));
    }

    // ==== claims ================================================================================================

    @Test
    void claimFirstReady_takesTheFirstStillReadyCandidateInTheGivenOrder() {
        project(task("a"), task("b"), task("c", "a"));
        register("agent-1");
        register("agent-2");
        claim("agent-2", "a");

        Task got = claim("agent-1", "c", "a", "b");

        assertThat(got.id()).isEqualTo(tid("b"));
    }

    @Test
    void claim_setsInProgressAssigneeAndLease_growsTheEpoch_andResetsProgress() {
        project(task("a"));
        register("agent-1");
        register("agent-2");
        Task first = claim("agent-1", "a");
        store.recordProgress(report("a", "agent-1", null, 60, "half way"), LEASE, T0.plusSeconds(30));
        store.unassignTask(tid("a"), null, "unassigned", T0.plusSeconds(60));
        long before = store.lastEventId();

        Task second = store.claimFirstReady(aid("agent-2"), List.of(tid("a")), LEASE.plusSeconds(90), T0.plusSeconds(90)).orElseThrow();

        assertThat(first.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(first.assignee()).isEqualTo(aid("agent-1"));
        assertThat(first.leaseEpoch()).isEqualTo(1);
        assertThat(first.leaseExpiresAt()).isEqualTo(LEASE);
        assertThat(first.assignedAt()).isEqualTo(T0);
        assertThat(second.leaseEpoch()).isEqualTo(2);
        assertThat(second.assignee()).isEqualTo(aid("agent-2"));
        assertThat(second.progress()).isZero();
        assertThat(second.leaseExpiresAt()).isEqualTo(LEASE.plusSeconds(90));
        assertThat(second.assignedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(second.recoveryInfo()).isNotNull();
        assertThat(store.eventsAfter(before, P, 10)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.TASK_ASSIGNED);
            assertThat(e.taskId()).isEqualTo(tid("a"));
            assertThat(e.agentId()).isEqualTo(aid("agent-2"));
        });
    }

    @Test
    void claim_isEmptyWhenNoCandidateIsReady_andChangesNothing() {
        project(task("a"), task("b", "a"));
        register("agent-1");
        register("agent-2");
        claim("agent-2", "a");
        long before = store.lastEventId();

        assertThat(store.claimFirstReady(aid("agent-1"), List.of(tid("a"), tid("b")), LEASE, T0)).isEmpty();
        assertThat(store.claimFirstReady(aid("agent-1"), List.of(), LEASE, T0)).isEmpty();
        assertThat(store.lastEventId()).isEqualTo(before);
        assertThat(stored("b").status()).isEqualTo(TaskStatus.TODO);
    }

    @Test
    void claim_refusesAnAgentThatAlreadyHoldsATask_withAgentBusy() {
        project(task("a"), task("b"));
        register("agent-1");
        claim("agent-1", "a");

        assertConflict(() -> store.claimFirstReady(aid("agent-1"), List.of(tid("b")), LEASE, T0), "agent_busy");
        assertThat(stored("b").assignee()).isNull();
        assertThat(readyIds()).containsExactly("b");
    }

    @Test
    void claim_byAnUnregisteredAgent_throwsNotFound() {
        project(task("a"));

        assertNotFound(() -> store.claimFirstReady(aid("ghost"), List.of(tid("a")), LEASE, T0));
        assertThat(stored("a").assignee()).isNull();
    }

    @Test
    @Timeout(120)
    void claim_givesEachTaskToExactlyOneAgent_underConcurrency() throws Exception {
        int agents = 12;
        NewTask[] tasks = new NewTask[6];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = task("t" + i);
        }
        project(tasks);
        for (int i = 0; i < agents; i++) {
            register("agent-" + i);
        }
        List<TaskId> candidates = Arrays.stream(tasks).map(NewTask::id).toList();
        ConcurrentLinkedQueue<Task> claims = new ConcurrentLinkedQueue<>();
        race(agents, i -> store.claimFirstReady(aid("agent-" + i), candidates, LEASE, T0).ifPresent(claims::add));

        assertThat(claims).hasSize(tasks.length);
        assertThat(claims).extracting(Task::id).doesNotHaveDuplicates();
        assertThat(claims).extracting(Task::assignee).doesNotHaveDuplicates();
        assertThat(readyIds()).isEmpty();
        for (Task t : claims) {
            assertThat(store.heldBy(t.assignee())).map(Task::id).contains(t.id());
        }
    }

    @Test
    @Timeout(180)
    void claimAndComplete_fromManyThreads_handsOutEveryTaskExactlyOnce_andNeverTwoToOneAgent() throws Exception {
        int agents = 8;
        int taskCount = 40;
        NewTask[] tasks = new NewTask[taskCount];
        for (int i = 0; i < taskCount; i++) {
            tasks[i] = i < 5 ? task("t" + i) : task("t" + i, "t" + (i % 5));
        }
        project(tasks);
        for (int i = 0; i < agents; i++) {
            register("agent-" + i);
        }
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        race(agents, i -> workUntilDone(store, "agent-" + i, claimed));

        assertThat(claimed).hasSize(taskCount).doesNotHaveDuplicates();
        assertThat(store.countTasks(P).done()).isEqualTo(taskCount);
        assertThat(store.eventsAfter(0, P, 10_000)).filteredOn(e -> e.type() == EventType.TASK_ASSIGNED).hasSize(taskCount);
        assertThat(store.findProject(P).orElseThrow().isComplete()).isTrue();
        assertThat(store.listAgents(P).stream().mapToInt(Agent::completedTasks).sum()).isEqualTo(taskCount);
    }

    @Test
    @Timeout(180)
    void claims_fromTwoBackendInstancesOnOneStore_neverHandOutATaskTwice() throws Exception {
        int taskCount = 30;
        NewTask[] tasks = new NewTask[taskCount];
        for (int i = 0; i < taskCount; i++) {
            tasks[i] = task("t" + i);
        }
        project(tasks);
        StorageBackend other = sameStoreAgain();
        assumeThat(other).as("adapter supplies a second instance on the same store").isNotNull();
        try {
            for (int i = 0; i < 6; i++) {
                register("agent-" + i);
            }
            ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
            race(6, i -> workUntilDone(i % 2 == 0 ? store : other, "agent-" + i, claimed));

            assertThat(claimed).hasSize(taskCount).doesNotHaveDuplicates();
            assertThat(other.countTasks(P).done()).isEqualTo(taskCount);
        } finally {
            other.close();
        }
    }

    /** Claims and completes tasks as {@code agent} until every task is done; records every claim. */
    protected static void workUntilDone(StorageBackend s, String agent, ConcurrentLinkedQueue<String> claimed)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            List<TaskId> ready = s.readyTasks(P, 50).stream().map(Task::id).toList();
            if (ready.isEmpty()) {
                TaskCounts counts = s.countTasks(P);
                if (counts.done() == counts.total()) {
                    return;
                }
                Thread.sleep(2);
                continue;
            }
            var got = s.claimFirstReady(aid(agent), ready, LEASE, T0);
            if (got.isEmpty()) {
                continue;
            }
            claimed.add(got.get().id().value());
            assertThat(s.heldBy(aid(agent))).map(Task::id).contains(got.get().id());
            s.completeTask(new ProgressReport(got.get().id(), aid(agent), got.get().leaseEpoch(), 100, "", 1, 0.01), T0);
        }
        throw new AssertionError(agent + " gave up: tasks were still unfinished after 90 s");
    }

    @FunctionalInterface
    protected interface Racer {
        void run(int index) throws Exception;
    }

    /** Runs {@code racer} on {@code threads} threads released at the same moment; rethrows the first failure. */
    protected static void race(int threads, Racer racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    racer.run(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(150, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ==== held task =============================================================================================

    @Test
    void heldBy_andAgentCurrentTask_reflectTheHeldTask() {
        project(task("a"));
        register("agent-1");
        assertThat(store.heldBy(aid("agent-1"))).isEmpty();
        assertThat(store.findAgent(aid("agent-1")).orElseThrow().status()).isEqualTo(AgentStatus.AVAILABLE);

        claim("agent-1", "a");

        assertThat(store.heldBy(aid("agent-1"))).map(Task::id).contains(tid("a"));
        Agent agent = store.findAgent(aid("agent-1")).orElseThrow();
        assertThat(agent.currentTask()).isEqualTo(tid("a"));
        assertThat(agent.status()).isEqualTo(AgentStatus.WORKING);
        assertThat(store.listAgents(P)).singleElement().extracting(Agent::currentTask).isEqualTo(tid("a"));

        store.completeTask(report("a", "agent-1", null, 100, ""), T0);

        assertThat(store.heldBy(aid("agent-1"))).isEmpty();
        assertThat(store.findAgent(aid("agent-1")).orElseThrow().currentTask()).isNull();
    }

    // ==== progress ==============================================================================================

    @Test
    void recordProgress_updatesProgressAndMessage_renewsTheLease_andAppendsTaskProgress() {
        project(task("a"));
        register("agent-1");
        Task claimed = claim("agent-1", "a");
        long before = store.lastEventId();
        Instant later = T0.plusSeconds(120);

        Task t = store.recordProgress(new ProgressReport(tid("a"), aid("agent-1"), claimed.leaseEpoch(), 50, "half",
                100, 0.5), later.plusSeconds(600), later);

        assertThat(t.progress()).isEqualTo(50);
        assertThat(t.lastMessage()).isEqualTo("half");
        assertThat(t.lastReportAt()).isEqualTo(later);
        assertThat(t.leaseExpiresAt()).isEqualTo(later.plusSeconds(600));
        assertThat(t.tokensUsed()).isEqualTo(100);
        assertThat(t.costUsd()).isEqualTo(0.5);
        assertThat(t.leaseEpoch()).isEqualTo(claimed.leaseEpoch());
        assertThat(stored("a")).isEqualTo(t);
        assertThat(store.eventsAfter(before, P, 10)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.TASK_PROGRESS);
            assertThat(e.data()).containsEntry("progress", "50");
            assertThat(e.agentId()).isEqualTo(aid("agent-1"));
        });
    }

    @Test
    void recordProgress_fromAnAgentThatNeverHeldTheTask_isNotTaskHolder() {
        project(task("a"));
        register("agent-1");
        register("agent-2");
        claim("agent-1", "a");
        long before = store.lastEventId();

        assertConflict(() -> store.recordProgress(report("a", "agent-2", null, 10, "mine?"), LEASE, T0), "not_task_holder");
        assertThat(stored("a").progress()).isZero();
        assertThat(store.lastEventId()).isEqualTo(before);
    }

    @Test
    void recordProgress_withAnOldEpoch_isStaleCompletion() {
        project(task("a"));
        register("agent-1");
        Task t = claim("agent-1", "a");

        assertConflict(() -> store.recordProgress(report("a", "agent-1", t.leaseEpoch() - 1, 10, ""), LEASE, T0),
                "stale_completion");
        assertConflict(() -> store.completeTask(report("a", "agent-1", t.leaseEpoch() + 5, 100, ""), T0), "stale_completion");
        assertThat(stored("a").status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void reportsFromThePreviousHolderAfterRecovery_areStaleCompletion() {
        project(task("a"));
        register("agent-1");
        register("agent-2");
        claim("agent-1", "a");
        store.recoverExpiredLeases(LEASE.plusSeconds(1));
        store.claimFirstReady(aid("agent-2"), List.of(tid("a")), LEASE.plusSeconds(900), LEASE.plusSeconds(2)).orElseThrow();

        assertConflict(() -> store.recordProgress(report("a", "agent-1", null, 90, "still here"), LEASE, T0), "stale_completion");
        assertConflict(() -> store.completeTask(report("a", "agent-1", null, 100, "done"), T0), "stale_completion");
        assertThat(stored("a").assignee()).isEqualTo(aid("agent-2"));
        assertThat(stored("a").status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void reportsOnAFinishedTask_areTaskAlreadyComplete() {
        project(task("a"), task("b"));
        register("agent-1");
        claim("agent-1", "a");
        store.completeTask(report("a", "agent-1", null, 100, ""), T0);

        assertConflict(() -> store.recordProgress(report("a", "agent-1", null, 10, ""), LEASE, T0), "task_already_complete");
        assertConflict(() -> store.completeTask(report("a", "agent-1", null, 100, ""), T0), "task_already_complete");
        assertConflict(() -> store.blockTask(report("a", "agent-1", null, -1, ""), blocker("a", "agent-1"), T0),
                "task_already_complete");
        assertThat(store.findAgent(aid("agent-1")).orElseThrow().completedTasks()).isEqualTo(1);
    }

    @Test
    void reportsOnAnUnknownTask_throwNotFound() {
        project(task("a"));
        register("agent-1");

        assertNotFound(() -> store.recordProgress(report("ghost", "agent-1", null, 10, ""), LEASE, T0));
        assertNotFound(() -> store.completeTask(report("ghost", "agent-1", null, 100, ""), T0));
        assertNotFound(() -> store.unassignTask(tid("ghost"), null, "x", T0));
        assertThat(store.findTask(tid("ghost"))).isEmpty();
    }

    // ==== completion ============================================================================================

    @Test
    void completeTask_finishesTheTask_clearsTheAssignee_andUnblocksDependents() {
        project(task("a"), task("b", "a"), task("c", "a"), task("d", "a", "e"), task("e"));
        register("agent-1");
        claim("agent-1", "a");
        long before = store.lastEventId();
        Instant done = T0.plusSeconds(300);

        Completion c = store.completeTask(new ProgressReport(tid("a"), aid("agent-1"), 1L, 100, "shipped", 10, 0.25), done);

        assertThat(c.task().status()).isEqualTo(TaskStatus.DONE);
        assertThat(c.task().assignee()).isNull();
        assertThat(c.task().leaseExpiresAt()).isNull();
        assertThat(c.task().completedAt()).isEqualTo(done);
        assertThat(c.task().progress()).isEqualTo(100);
        assertThat(c.task().tokensUsed()).isEqualTo(10);
        assertThat(c.unblocked()).containsExactly(tid("b"), tid("c"));
        assertThat(c.completedParents()).isEmpty();
        assertThat(c.projectComplete()).isFalse();
        assertThat(readyIds()).containsExactly("b", "c", "e");
        assertThat(eventTypesAfter(before)).containsExactly(EventType.TASK_COMPLETED);
        assertThat(store.findAgent(aid("agent-1")).orElseThrow().completedTasks()).isEqualTo(1);
    }

    @Test
    void completeTask_finishesTheParentWithItsLastSubtask_andCascadesToTheParentsDependents() {
        project(task("parent"), subtask("s1", "parent"), subtask("s2", "parent"), task("after", "parent"), task("other"));
        register("agent-1");
        claim("agent-1", "s1");
        Completion first = store.completeTask(report("s1", "agent-1", null, 100, ""), T0);
        assertThat(first.completedParents()).isEmpty();
        assertThat(stored("parent").status()).isEqualTo(TaskStatus.TODO);
        claim("agent-1", "s2");
        long before = store.lastEventId();

        Completion last = store.completeTask(report("s2", "agent-1", null, 100, ""), T0.plusSeconds(5));

        assertThat(last.completedParents()).containsExactly(tid("parent"));
        assertThat(last.unblocked()).containsExactly(tid("after"));
        assertThat(stored("parent").status()).isEqualTo(TaskStatus.DONE);
        assertThat(stored("parent").completedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(readyIds()).containsExactly("after", "other");
        assertThat(eventTypesAfter(before)).containsExactly(EventType.TASK_COMPLETED, EventType.TASK_COMPLETED);
        assertThat(last.projectComplete()).isFalse();
    }

    @Test
    void completeTask_ofTheLastTask_marksTheProjectComplete() {
        project(task("a"), task("b", "a"));
        register("agent-1");
        claim("agent-1", "a");
        assertThat(store.completeTask(report("a", "agent-1", null, 100, ""), T0).projectComplete()).isFalse();
        claim("agent-1", "b");
        long before = store.lastEventId();
        Instant end = T0.plusSeconds(42);

        Completion c = store.completeTask(report("b", "agent-1", null, 100, ""), end);

        assertThat(c.projectComplete()).isTrue();
        Project p = store.findProject(P).orElseThrow();
        assertThat(p.completedAt()).isEqualTo(end);
        assertThat(p.isComplete()).isTrue();
        assertThat(eventTypesAfter(before)).containsExactly(EventType.TASK_COMPLETED, EventType.PROJECT_COMPLETED);
        assertThat(store.findAgent(aid("agent-1")).orElseThrow().completedTasks()).isEqualTo(2);
    }

    @Test
    void completeTask_recordsTheSpendInItsEvent_andKeepsTheLastMessageWhenItHasNone() {
        project(task("a"), task("b"));
        register("agent-1");
        Task a = claim("agent-1", "a");
        store.recordProgress(report("a", "agent-1", null, 50, "half"), LEASE, T0);
        long before = store.lastEventId();

        Completion quiet = store.completeTask(new ProgressReport(tid("a"), aid("agent-1"), a.leaseEpoch(), 100, "", 0, 0), T0);
        claim("agent-1", "b");
        store.completeTask(new ProgressReport(tid("b"), aid("agent-1"), null, 100, "shipped", 7, 0.5), T0);

        assertThat(quiet.task().lastMessage()).isEqualTo("half");
        assertThat(stored("a")).isEqualTo(quiet.task());
        assertThat(stored("b").lastMessage()).isEqualTo("shipped");
        assertThat(store.eventsAfter(before, P, 10)).filteredOn(e -> e.type() == EventType.TASK_COMPLETED)
                .extracting(Event::data)
                .satisfiesExactly(
                        data -> assertThat(data).doesNotContainKeys("tokens_used", "cost_usd"),
                        data -> assertThat(data).containsEntry("tokens_used", "7").containsEntry("cost_usd", "0.5"));
    }

    // ==== blockers and unassigning ==============================================================================

    protected static Blocker blocker(String taskId, String agent) {
        return new Blocker("blk-" + taskId + "-" + agent, tid(taskId), aid(agent), "database is down", BlockerSeverity.HIGH, T0, null);
    }

    @Test
    void blockTask_marksTheTaskBlocked_freesTheAgent_andRecordsTheBlocker() {
        project(task("a"), task("b"));
        register("agent-1");
        claim("agent-1", "a");
        long before = store.lastEventId();

        Task t = store.blockTask(report("a", "agent-1", 1L, -1, "database is down"), blocker("a", "agent-1"), T0);

        assertThat(t.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(t.assignee()).isNull();
        assertThat(store.heldBy(aid("agent-1"))).isEmpty();
        assertThat(store.blockersFor(tid("a"))).singleElement().satisfies(b -> {
            assertThat(b.id()).isEqualTo("blk-a-agent-1");
            assertThat(b.description()).isEqualTo("database is down");
            assertThat(b.severity()).isEqualTo(BlockerSeverity.HIGH);
            assertThat(b.agentId()).isEqualTo(aid("agent-1"));
            assertThat(b.createdAt()).isEqualTo(T0);
            assertThat(b.resolvedAt()).isNull();
        });
        assertThat(eventTypesAfter(before)).containsExactly(EventType.TASK_BLOCKED);
        assertThat(readyIds()).containsExactly("b");
        assertThat(claim("agent-1", "b").id()).isEqualTo(tid("b"));
    }

    @Test
    void blockTask_fromANonHolder_isNotTaskHolder() {
        project(task("a"));
        register("agent-1");
        register("agent-2");
        claim("agent-1", "a");

        assertConflict(() -> store.blockTask(report("a", "agent-2", null, -1, "x"), blocker("a", "agent-2"), T0), "not_task_holder");
        assertThat(store.blockersFor(tid("a"))).isEmpty();
    }

    @Test
    void unassignTask_returnsTheTaskToTodo_withAHandoffNote() {
        project(task("a"));
        register("agent-1");
        claim("agent-1", "a");
        store.recordProgress(report("a", "agent-1", null, 40, "schema drafted"), LEASE, T0.plusSeconds(60));
        long before = store.lastEventId();

        Task t = store.unassignTask(tid("a"), aid("agent-1"), "unassigned", T0.plusSeconds(90));

        assertThat(t.status()).isEqualTo(TaskStatus.TODO);
        assertThat(t.assignee()).isNull();
        assertThat(t.leaseExpiresAt()).isNull();
        assertThat(t.recoveryInfo()).isEqualTo(new RecoveryInfo(aid("agent-1"), 40, "schema drafted", 90,
                T0.plusSeconds(90), "unassigned"));
        assertThat(readyIds()).containsExactly("a");
        assertThat(store.heldBy(aid("agent-1"))).isEmpty();
        assertThat(eventTypesAfter(before)).containsExactly(EventType.TASK_UNASSIGNED);
    }

    @Test
    void unassignTask_withAnotherExpectedHolder_isNotTaskHolder() {
        project(task("a"));
        register("agent-1");
        register("agent-2");
        claim("agent-1", "a");

        assertConflict(() -> store.unassignTask(tid("a"), aid("agent-2"), "unassigned", T0), "not_task_holder");
        assertThat(stored("a").assignee()).isEqualTo(aid("agent-1"));
    }

    @Test
    void unassignTask_releasesABlockedTaskToTodo() {
        project(task("a"));
        register("agent-1");
        claim("agent-1", "a");
        store.blockTask(report("a", "agent-1", null, -1, "stuck"), blocker("a", "agent-1"), T0);
        assertThat(readyIds()).isEmpty();

        Task t = store.unassignTask(tid("a"), null, "blocker resolved", T0.plusSeconds(10));

        assertThat(t.status()).isEqualTo(TaskStatus.TODO);
        assertThat(readyIds()).containsExactly("a");
    }

    @Test
    void unassignTask_ofAFinishedTask_isTaskAlreadyComplete() {
        project(task("a"));
        register("agent-1");
        claim("agent-1", "a");
        store.completeTask(report("a", "agent-1", null, 100, ""), T0);

        assertConflict(() -> store.unassignTask(tid("a"), null, "x", T0), "task_already_complete");
        assertThat(stored("a").status()).isEqualTo(TaskStatus.DONE);
    }

    // ==== leases ================================================================================================

    @Test
    void renewLease_extendsOnlyTheHoldersLease_andAppendsNothing() {
        project(task("a"), task("b"));
        register("agent-1");
        register("agent-2");
        claim("agent-1", "a");
        long before = store.lastEventId();

        assertThat(store.renewLease(tid("a"), aid("agent-1"), LEASE.plusSeconds(300), T0.plusSeconds(1))).isTrue();
        assertThat(store.renewLease(tid("a"), aid("agent-2"), LEASE.plusSeconds(900), T0.plusSeconds(1))).isFalse();
        assertThat(store.renewLease(tid("b"), aid("agent-1"), LEASE.plusSeconds(900), T0.plusSeconds(1))).isFalse();

        assertThat(stored("a").leaseExpiresAt()).isEqualTo(LEASE.plusSeconds(300));
        assertThat(stored("b").leaseExpiresAt()).isNull();
        assertThat(store.lastEventId()).isEqualTo(before);
    }

    @Test
    void recoverExpiredLeases_returnsSilentTasksToTodo_withARecoveryNote() {
        project(task("a"), task("b"));
        register("agent-1");
        register("agent-2");
        claim("agent-1", "a");
        store.recordProgress(report("a", "agent-1", null, 30, "tests written"), LEASE, T0.plusSeconds(60));
        store.claimFirstReady(aid("agent-2"), List.of(tid("b")), LEASE.plusSeconds(3600), T0).orElseThrow();
        long before = store.lastEventId();
        Instant sweep = LEASE.plusMillis(1);

        List<Task> recovered = store.recoverExpiredLeases(sweep);

        assertThat(recovered).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(tid("a"));
            assertThat(t.status()).isEqualTo(TaskStatus.TODO);
            assertThat(t.assignee()).isNull();
            assertThat(t.recoveryInfo()).isEqualTo(new RecoveryInfo(aid("agent-1"), 30, "tests written",
                    Duration.between(T0, sweep).toSeconds(), sweep, "lease_expired"));
        });
        assertThat(stored("b").assignee()).isEqualTo(aid("agent-2"));
        assertThat(store.heldBy(aid("agent-1"))).isEmpty();
        assertThat(readyIds()).containsExactly("a");
        assertThat(store.eventsAfter(before, P, 10)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.LEASE_RECOVERED);
            assertThat(e.taskId()).isEqualTo(tid("a"));
            assertThat(e.data()).containsEntry("previous_agent", "agent-1");
        });
        assertThat(store.recoverExpiredLeases(sweep)).isEmpty();
    }

    @Test
    void recoverExpiredLeases_leavesLeasesThatHaveNotEnded() {
        project(task("a"));
        register("agent-1");
        claim("agent-1", "a");

        assertThat(store.recoverExpiredLeases(LEASE)).isEmpty();
        assertThat(store.recoverExpiredLeases(T0)).isEmpty();
        assertThat(stored("a").assignee()).isEqualTo(aid("agent-1"));
    }

    @Test
    @Timeout(120)
    void recoverExpiredLeases_recoversEachTaskExactlyOnce_evenWhenCalledConcurrently() throws Exception {
        int n = 6;
        NewTask[] tasks = new NewTask[n];
        for (int i = 0; i < n; i++) {
            tasks[i] = task("t" + i);
        }
        project(tasks);
        for (int i = 0; i < n; i++) {
            register("agent-" + i);
            claim("agent-" + i, "t" + i);
        }
        StorageBackend other = sameStoreAgain();
        ConcurrentLinkedQueue<TaskId> recovered = new ConcurrentLinkedQueue<>();
        try {
            race(8, i -> {
                StorageBackend s = other != null && i % 2 == 1 ? other : store;
                s.recoverExpiredLeases(LEASE.plusSeconds(1)).forEach(t -> recovered.add(t.id()));
            });
        } finally {
            if (other != null) {
                other.close();
            }
        }

        assertThat(recovered).hasSize(n).doesNotHaveDuplicates();
        assertThat(store.eventsAfter(0, P, 1000)).filteredOn(e -> e.type() == EventType.LEASE_RECOVERED).hasSize(n);
        assertThat(readyIds()).hasSize(n);
    }

    // ==== adding tasks ==========================================================================================

    @Test
    void addTasks_runsTheGraphCheckAgainstCurrentState_andReturnsTheNewTasks() {
        project(task("a"));
        List<List<String>> seen = new ArrayList<>();
        long before = store.lastEventId();

        List<Task> added = store.addTasks(P, List.of(task("b", "a"), task("c", "b")),
                (existing, fresh) -> seen.add(existing.stream().map(t -> t.id().value()).toList()), T0.plusSeconds(1));

        assertThat(seen).containsExactly(List.of("a"));
        assertThat(added).extracting(t -> t.id().value()).containsExactly("b", "c");
        assertThat(added.get(1).dependencies()).containsExactly(tid("b"));
        assertThat(added.get(0).createdAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(readyIds()).containsExactly("a");
        assertThat(eventTypesAfter(before)).containsExactly(EventType.TASK_CREATED, EventType.TASK_CREATED);
    }

    @Test
    void addTasks_writesNothingWhenTheGraphCheckThrows() {
        project(task("a"));
        long before = store.lastEventId();

        assertThatThrownBy(() -> store.addTasks(P, List.of(task("b"), blocking("c", "a")), (existing, fresh) -> {
            throw new ValidationException("dependencies", "would create a cycle");
        }, T0)).isInstanceOf(ValidationException.class).hasMessageContaining("cycle");

        assertThat(store.listTasks(P)).extracting(t -> t.id().value()).containsExactly("a");
        assertThat(stored("a").dependencies()).isEmpty();
        assertThat(readyIds()).containsExactly("a");
        assertThat(store.lastEventId()).isEqualTo(before);
    }

    @Test
    void addTasks_toAnUnknownProject_throwsNotFound() {
        assertNotFound(() -> store.addTasks(new ProjectId("nope"), List.of(task("a")), NO_CHECK, T0));
        assertThat(store.findTask(tid("a"))).isEmpty();
    }

    @Test
    void addTasks_withBlocks_makesTheExistingTaskWaitForTheNewOne() {
        project(task("a"), task("b"));

        store.addTasks(P, List.of(blocking("first", "b")), NO_CHECK, T0);

        assertThat(stored("b").dependencies()).containsExactly(tid("first"));
        assertThat(readyIds()).containsExactly("a", "first");
        register("agent-1");
        claim("agent-1", "first");
        Completion c = store.completeTask(report("first", "agent-1", null, 100, ""), T0);
        assertThat(c.unblocked()).containsExactly(tid("b"));
    }

    @Test
    void addTasks_withBlocksOnAStartedTask_isTaskStarted_andWritesNothing() {
        project(task("a"), task("b"));
        register("agent-1");
        claim("agent-1", "a");
        long before = store.lastEventId();

        assertConflict(() -> store.addTasks(P, List.of(task("x"), blocking("late", "a")), NO_CHECK, T0), "task_started");
        assertThat(store.findTask(tid("x"))).isEmpty();
        assertThat(stored("a").dependencies()).isEmpty();
        assertThat(store.lastEventId()).isEqualTo(before);
    }

    @Test
    void addTasks_subtask_makesItsParentNeverReady() {
        project(task("a"), task("b"));

        List<Task> added = store.addTasks(P, List.of(subtask("a1", "a")), NO_CHECK, T0);

        assertThat(added.get(0).parentId()).isEqualTo(tid("a"));
        assertThat(stored("a").subtaskCount()).isEqualTo(1);
        assertThat(readyIds()).containsExactly("b", "a1");
        register("agent-1");
        assertThat(store.claimFirstReady(aid("agent-1"), List.of(tid("a")), LEASE, T0)).isEmpty();
    }

    @Test
    void addTasks_subtaskOfAStartedOrFinishedParent_isTaskStarted() {
        project(task("a"), task("b"));
        register("agent-1");
        claim("agent-1", "a");

        assertConflict(() -> store.addTasks(P, List.of(subtask("a1", "a")), NO_CHECK, T0), "task_started");
        store.completeTask(report("a", "agent-1", null, 100, ""), T0);
        assertConflict(() -> store.addTasks(P, List.of(subtask("a2", "a")), NO_CHECK, T0), "task_started");
        assertThat(stored("a").subtaskCount()).isZero();
        assertThat(store.findTask(tid("a1"))).isEmpty();
    }

    @Test
    void addTasks_dependingOnAFinishedTask_isReadyAtOnce() {
        project(task("a"));
        register("agent-1");
        claim("agent-1", "a");
        store.completeTask(report("a", "agent-1", null, 100, ""), T0);
        assertThat(store.findProject(P).orElseThrow().isComplete()).isTrue();

        store.addTasks(P, List.of(task("b", "a")), NO_CHECK, T0.plusSeconds(1));

        assertThat(readyIds()).containsExactly("b");
        assertThat(store.findProject(P).orElseThrow().isComplete()).isFalse();
    }

    // ==== agents ================================================================================================

    @Test
    void registerAgent_createsTheAgent_andAppendsAgentRegistered() {
        project();
        long before = store.lastEventId();

        Agent a = register("agent-1");

        assertThat(a.id()).isEqualTo(aid("agent-1"));
        assertThat(a.projectId()).isEqualTo(P);
        assertThat(a.name()).isEqualTo("Agent agent-1");
        assertThat(a.role()).isEqualTo("developer");
        assertThat(a.skills()).containsExactly("java", "sql");
        assertThat(a.currentTask()).isNull();
        assertThat(a.completedTasks()).isZero();
        assertThat(a.registeredAt()).isEqualTo(T0);
        assertThat(a.lastSeenAt()).isEqualTo(T0);
        assertThat(store.findAgent(aid("agent-1"))).contains(a);
        assertThat(eventTypesAfter(before)).containsExactly(EventType.AGENT_REGISTERED);
    }

    @Test
    void registerAgent_again_updatesNameRoleSkillsAndProject_keepingRegistrationTime() {
        project();
        ProjectId other = new ProjectId("proj-2");
        store.createProject(new NewProject(other, "Other", "", null), List.of(), T0);
        register("agent-1");

        Agent moved = store.registerAgent(new AgentRegistration(aid("agent-1"), other, "Renamed", "tester", List.of("qa")),
                T0.plusSeconds(10));

        assertThat(moved.name()).isEqualTo("Renamed");
        assertThat(moved.role()).isEqualTo("tester");
        assertThat(moved.skills()).containsExactly("qa");
        assertThat(moved.projectId()).isEqualTo(other);
        assertThat(moved.registeredAt()).isEqualTo(T0);
        assertThat(moved.lastSeenAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(store.listAgents(P)).isEmpty();
        assertThat(store.listAgents(other)).containsExactly(moved);
    }

    @Test
    void registerAgent_inAnUnknownProject_throwsNotFound() {
        assertNotFound(() -> register("agent-1"));
        assertThat(store.findAgent(aid("agent-1"))).isEmpty();
    }

    @Test
    void listAgents_returnsTheProjectsAgentsInRegistrationOrder() {
        project();
        register("zed");
        register("amy");
        register("bob");

        assertThat(store.listAgents(P)).extracting(a -> a.id().value()).containsExactly("zed", "amy", "bob");
        assertThat(store.findAgent(aid("nobody"))).isEmpty();
    }

    @Test
    void touchAgent_notesWhenTheAgentWasHeardFrom() {
        project();
        register("agent-1");

        store.touchAgent(aid("agent-1"), T0.plusSeconds(99));

        assertThat(store.findAgent(aid("agent-1")).orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(99));
        assertNotFound(() -> store.touchAgent(aid("ghost"), T0));
    }

    // ==== decisions, artifacts, blockers ========================================================================

    @Test
    void decisions_roundTrip_andAreFilteredByTaskOldestFirst() {
        project(task("a"), task("b"), task("c"));
        Decision later = new Decision("dec-2", P, tid("a"), aid("agent-1"), "Use WAL because readers", "Use WAL",
                "readers", "none", T0.plusSeconds(2));
        Decision earlier = new Decision("dec-1", P, tid("b"), aid("agent-2"), "Pick jOOQ", "Pick jOOQ", "", "", T0.plusSeconds(1));
        Decision elsewhere = new Decision("dec-3", P, tid("c"), aid("agent-1"), "Other", "", "", "", T0);
        long before = store.lastEventId();

        assertThat(store.addDecision(later)).isEqualTo(later);
        store.addDecision(earlier);
        store.addDecision(elsewhere);

        assertThat(store.decisionsFor(List.of(tid("a"), tid("b")))).containsExactly(earlier, later);
        assertThat(store.decisionsFor(List.of())).isEmpty();
        assertThat(eventTypesAfter(before)).containsOnly(EventType.DECISION_LOGGED).hasSize(3);
        assertNotFound(() -> store.addDecision(new Decision("dec-x", P, tid("ghost"), aid("a"), "t", "", "", "", T0)));
    }

    @Test
    void decisionsAndArtifacts_areCountedPerProject() {
        project(task("a"), task("b"));
        ProjectId other = new ProjectId("proj-2");
        store.createProject(new NewProject(other, "Other", "", null), List.of(task("z")), T0);
        assertThat(store.countDecisions(P)).isZero();
        store.addDecision(new Decision("dec-1", P, tid("a"), aid("agent-1"), "One", "", "", "", T0));
        store.addDecision(new Decision("dec-2", P, tid("b"), aid("agent-1"), "Two", "", "", "", T0));
        store.addDecision(new Decision("dec-3", other, tid("z"), aid("agent-1"), "Elsewhere", "", "", "", T0));
        store.addArtifact(new Artifact("art-1", P, tid("a"), "x.md", ArtifactType.OTHER, "docs/x.md", "", 1, T0));
        assertThat(store.countDecisions(P)).isEqualTo(2);
        assertThat(store.countDecisions(other)).isEqualTo(1);
        assertThat(store.countArtifacts(P)).isEqualTo(1);
        assertThat(store.countArtifacts(other)).isZero();
    }

    @Test
    void artifacts_roundTrip_andAreFilteredByTaskOldestFirst() {
        project(task("a"), task("b"));
        Artifact second = new Artifact("art-2", P, tid("a"), "api.yaml", ArtifactType.API, "docs/api/api.yaml",
                "The API", 1234, T0.plusSeconds(5));
        Artifact first = new Artifact("art-1", P, tid("a"), "design.md", ArtifactType.DESIGN, "docs/design/design.md",
                "", 10, T0);
        Artifact other = new Artifact("art-3", P, tid("b"), "x.md", ArtifactType.OTHER, "docs/artifacts/x.md", "", 1, T0);
        long before = store.lastEventId();

        assertThat(store.addArtifact(second)).isEqualTo(second);
        store.addArtifact(first);
        store.addArtifact(other);

        assertThat(store.artifactsFor(List.of(tid("a")))).containsExactly(first, second);
        assertThat(store.artifactsFor(List.of(tid("b"), tid("ghost")))).containsExactly(other);
        assertThat(eventTypesAfter(before)).containsOnly(EventType.ARTIFACT_LOGGED).hasSize(3);
    }

    @Test
    void blockersFor_listsEveryBlockerOfTheTaskOldestFirst() {
        project(task("a"), task("b"));
        register("agent-1");
        claim("agent-1", "a");
        store.blockTask(report("a", "agent-1", null, -1, ""), new Blocker("blk-1", tid("a"), aid("agent-1"), "first",
                BlockerSeverity.LOW, T0, null), T0);
        store.unassignTask(tid("a"), null, "resolved", T0.plusSeconds(1));
        claim("agent-1", "a");
        store.blockTask(report("a", "agent-1", null, -1, ""), new Blocker("blk-2", tid("a"), aid("agent-1"), "second",
                BlockerSeverity.MEDIUM, T0.plusSeconds(2), null), T0.plusSeconds(2));

        assertThat(store.blockersFor(tid("a"))).extracting(Blocker::description).containsExactly("first", "second");
        assertThat(store.blockersFor(tid("b"))).isEmpty();
    }

    // ==== events ================================================================================================

    @Test
    void lastEventId_isZeroOnAnEmptyStore_andEventsAfterIsEmpty() {
        assertThat(store.lastEventId()).isZero();
        assertThat(store.eventsAfter(0, null, 10)).isEmpty();
    }

    @Test
    void appendEvent_storesTheEventWithAGrowingId() {
        project();
        long before = store.lastEventId();

        Event first = store.appendEvent(new NewEvent(EventType.TASK_PROGRESS, P, null, null, Map.of("note", "from a human")), T0);
        Event second = store.appendEvent(new NewEvent(EventType.PROJECT_SELECTED, null, null, aid("x"), Map.of()), T0.plusSeconds(1));

        assertThat(first.id()).isGreaterThan(before);
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(store.lastEventId()).isEqualTo(second.id());
        assertThat(store.eventsAfter(before, null, 10)).containsExactly(first, second);
        assertThat(first.data()).containsEntry("note", "from a human");
        assertThat(second.at()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void eventsAfter_filtersByProject_andHonoursTheLimit() {
        project(task("a"), task("b"), task("c"));
        ProjectId other = new ProjectId("proj-2");
        store.createProject(new NewProject(other, "Other", "", null), List.of(task("z")), T0);

        List<Event> mine = store.eventsAfter(0, P, 100);
        assertThat(mine).hasSize(4).allSatisfy(e -> assertThat(e.projectId()).isEqualTo(P));
        assertThat(store.eventsAfter(0, other, 100)).hasSize(2);
        assertThat(store.eventsAfter(0, null, 100)).hasSize(6);
        assertThat(store.eventsAfter(0, P, 2)).containsExactlyElementsOf(mine.subList(0, 2));
        assertThat(store.eventsAfter(mine.get(1).id(), P, 100)).containsExactlyElementsOf(mine.subList(2, 4));
    }

    @Test
    void eventsWithIds_returnsThoseThatExist_inIdOrder() {
        project(task("a"), task("b"), task("c"));
        List<Event> all = store.eventsAfter(0, null, 100);
        assertThat(all).hasSize(4);
        long missing = all.get(3).id() + 1000;
        assertThat(store.eventsWithIds(List.of(all.get(2).id(), missing, all.get(0).id())))
                .containsExactly(all.get(0), all.get(2));
        assertThat(store.eventsWithIds(List.of())).isEmpty();
    }

    @Test
    void everyMutation_appendsItsEvents_withMonotonicallyGrowingIds() {
        project(task("a"), task("b"), task("c"));
        store.setActiveProject(P, T0);
        register("agent-1");
        register("agent-2");
        claim("agent-1", "a");
        store.recordProgress(report("a", "agent-1", null, 50, "half"), LEASE, T0);
        store.completeTask(report("a", "agent-1", null, 100, ""), T0);
        claim("agent-1", "b");
        store.blockTask(report("b", "agent-1", null, -1, "stuck"), blocker("b", "agent-1"), T0);
        store.unassignTask(tid("b"), null, "resolved", T0);
        claim("agent-2", "c");
        store.recoverExpiredLeases(LEASE.plusSeconds(1));
        store.addTasks(P, List.of(task("d")), NO_CHECK, T0);

        List<Event> events = store.eventsAfter(0, null, 100);
        assertThat(events).extracting(Event::type).containsExactly(
                EventType.PROJECT_CREATED, EventType.TASK_CREATED, EventType.TASK_CREATED, EventType.TASK_CREATED,
                EventType.PROJECT_SELECTED, EventType.AGENT_REGISTERED, EventType.AGENT_REGISTERED,
                EventType.TASK_ASSIGNED, EventType.TASK_PROGRESS, EventType.TASK_COMPLETED,
                EventType.TASK_ASSIGNED, EventType.TASK_BLOCKED, EventType.TASK_UNASSIGNED,
                EventType.TASK_ASSIGNED, EventType.LEASE_RECOVERED, EventType.TASK_CREATED);
        assertThat(events).extracting(Event::id).isSorted().doesNotHaveDuplicates();
        assertThat(store.lastEventId()).isEqualTo(events.get(events.size() - 1).id());
    }

    // ==== project edits, archiving and experiments (V2) ==========================================================

    @Test
    void updateProject_changesOnlyTheGivenFields_andAppendsProjectUpdated() {
        project(task("a"));
        long before = store.lastEventId();
        Project p = store.updateProject(P, "Renamed", null, "/tmp/other", T0.plusSeconds(5));

        assertThat(p.name()).isEqualTo("Renamed");
        assertThat(p.description()).isEqualTo("A demo project");
        assertThat(p.projectRoot()).isEqualTo("/tmp/other");
        assertThat(p.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.findProject(P).orElseThrow().name()).isEqualTo("Renamed");
        assertThat(eventTypesAfter(before)).containsExactly(EventType.PROJECT_UPDATED);
        assertNotFound(() -> store.updateProject(new ProjectId("proj-none"), "x", null, null, T0));
    }

    @Test
    void archiveProject_keepsTasksAndEvents_forgetsTheActiveProject_andIsIdempotent() {
        project(task("a"), task("b", "a"));
        store.setActiveProject(P, T0);
        long eventsBefore = store.lastEventId();

        Project archived = store.archiveProject(P, T0.plusSeconds(9));

        assertThat(archived.isArchived()).isTrue();
        assertThat(archived.archivedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(store.activeProject()).isEmpty();
        assertThat(store.listTasks(P)).hasSize(2);
        assertThat(store.eventsAfter(0, P, 1000)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(eventTypesAfter(eventsBefore)).containsExactly(EventType.PROJECT_ARCHIVED);
        assertThat(store.findProject(P).orElseThrow().isArchived()).isTrue();
        assertThat(store.listProjects()).extracting(Project::id).containsExactly(P);

        store.archiveProject(P, T0.plusSeconds(20));
        assertThat(store.findProject(P).orElseThrow().archivedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(eventTypesAfter(eventsBefore)).containsExactly(EventType.PROJECT_ARCHIVED);
        assertNotFound(() -> store.archiveProject(new ProjectId("proj-none"), T0));
    }

    @Test
    void experiments_roundTrip_startThenEnd_withParamsTagsAndSummary() {
        project(task("a"));
        Experiment run = new Experiment("exp-1", "baseline", "run-1", P, Map.of("agents", "3"),
                Map.of("team", "core"), 45, Map.of(), T0, null);
        long before = store.lastEventId();

        Experiment started = store.startExperiment(run, T0);

        assertThat(started).isEqualTo(run);
        assertThat(started.isRunning()).isTrue();
        assertThat(store.findExperiment("exp-1")).contains(run);
        Experiment ended = store.endExperiment("exp-1", Map.of("tasks_completed", "1"), T0.plusSeconds(60));
        assertThat(ended.endedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(ended.summary()).containsEntry("tasks_completed", "1");
        assertThat(ended.params()).containsEntry("agents", "3");
        assertThat(ended.tags()).containsEntry("team", "core");
        assertThat(ended.trackingIntervalSeconds()).isEqualTo(45);
        assertThat(store.findExperiment("exp-1")).contains(ended);
        assertThat(eventTypesAfter(before)).containsExactly(EventType.EXPERIMENT_STARTED, EventType.EXPERIMENT_ENDED);
        assertThat(store.findExperiment("exp-none")).isEmpty();
    }

    @Test
    void experiments_onlyOneRunsAtATime_andEndedRunsCannotEndAgain() {
        Experiment first = new Experiment("exp-1", "first", null, null, Map.of(), Map.of(), 30, Map.of(), T0, null);
        Experiment second = new Experiment("exp-2", "second", null, null, Map.of(), Map.of(), 30, Map.of(),
                T0.plusSeconds(1), null);
        store.startExperiment(first, T0);

        assertConflict(() -> store.startExperiment(second, T0), "experiment_running");
        store.endExperiment("exp-1", Map.of(), T0.plusSeconds(2));
        assertConflict(() -> store.endExperiment("exp-1", Map.of(), T0.plusSeconds(3)), "experiment_ended");
        assertNotFound(() -> store.endExperiment("exp-none", Map.of(), T0));
        store.startExperiment(second, T0.plusSeconds(4));
        assertThat(store.listExperiments()).extracting(Experiment::id).containsExactly("exp-1", "exp-2");
        assertThat(store.listExperiments()).extracting(Experiment::isRunning).containsExactly(false, true);
    }

    @Test
    void progressEvents_carryTheTokensAndCostTheyReported() {
        project(task("a"));
        register("agent-1");
        claim("agent-1", "a");
        long before = store.lastEventId();
        store.recordProgress(new ProgressReport(tid("a"), aid("agent-1"), null, 50, "half", 1200, 0.25), LEASE, T0);
        store.completeTask(new ProgressReport(tid("a"), aid("agent-1"), null, 100, "done", 800, 0.5), T0);

        List<Event> events = store.eventsAfter(before, P, 100);
        assertThat(events.get(0).data()).containsEntry("tokens_used", "1200").containsEntry("cost_usd", "0.25");
        Event completed = events.stream().filter(e -> e.type() == EventType.TASK_COMPLETED).findFirst().orElseThrow();
        assertThat(completed.data()).containsEntry("tokens_used", "800").containsEntry("cost_usd", "0.5");
        assertThat(stored("a").tokensUsed()).isEqualTo(2000);
    }

    // ==== a second instance on the same store ===================================================================

    @Test
    void aSecondInstance_seesTheFirstInstancesWrites_andItsClaims() {
        project(task("a"), task("b", "a"));
        register("agent-1");
        StorageBackend other = sameStoreAgain();
        assumeThat(other).as("adapter supplies a second instance on the same store").isNotNull();
        try {
            claim("agent-1", "a");

            assertThat(other.findTask(tid("a")).orElseThrow().assignee()).isEqualTo(aid("agent-1"));
            assertConflict(() -> other.claimFirstReady(aid("agent-1"), List.of(tid("b")), LEASE, T0), "agent_busy");
            other.completeTask(report("a", "agent-1", null, 100, ""), T0);
            assertThat(readyIds()).containsExactly("b");
            assertThat(other.lastEventId()).isEqualTo(store.lastEventId());
        } finally {
            other.close();
        }
    }

    // ==== human edits: tasks, dependencies, pausing agents (V6) =================================================

    /** A cycle check like the core's GraphRules, without depending on the service package. */
    protected static final GraphCheck NO_CYCLE = (existing, added) -> {
        Map<TaskId, List<TaskId>> edges = new java.util.HashMap<>();
        existing.forEach(t -> edges.put(t.id(), t.dependencies()));
        for (TaskId start : edges.keySet()) {
            java.util.Deque<TaskId> todo = new java.util.ArrayDeque<>(edges.get(start));
            java.util.Set<TaskId> seen = new java.util.HashSet<>();
            while (!todo.isEmpty()) {
                TaskId t = todo.pop();
                if (t.equals(start)) {
                    throw new ValidationException("depends_on", "would create a dependency cycle");
                }
                if (seen.add(t)) {
                    todo.addAll(edges.getOrDefault(t, List.of()));
                }
            }
        }
    };

    @Test
    void readyTasks_readAgain_showEveryChangeSinceTheLastRead() {
        project(task("a"), task("b"));
        assertThat(store.readyTasks(P, 10)).extracting(Task::name).containsExactly("Task a", "Task b");

        // at the instant the task was created: only the row itself tells the change apart
        store.updateTask(tid("a"), new TaskEdit("Renamed", null, Priority.URGENT, null, null, null), T0);

        assertThat(store.readyTasks(P, 10)).extracting(Task::name).containsExactly("Renamed", "Task b");
        assertThat(store.readyTasks(P, 10).get(0)).isEqualTo(stored("a"));
    }

    @Test
    void updateTask_changesOnlyTheGivenFields_andAppendsTaskUpdatedWithBeforeAndAfter() {
        project(task("a"), task("b"));
        long before = store.lastEventId();

        Task t = store.updateTask(tid("a"), new TaskEdit("Renamed", null, Priority.URGENT, List.of("ops"), 4.0, null),
                T0.plusSeconds(5));

        assertThat(t.name()).isEqualTo("Renamed");
        assertThat(t.priority()).isEqualTo(Priority.URGENT);
        assertThat(t.labels()).containsExactly("ops");
        assertThat(t.estimatedHours()).isEqualTo(4.0);
        assertThat(t.description()).isEqualTo("Do a");
        assertThat(t.acceptanceCriteria()).containsExactly("a works");
        assertThat(t.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(stored("a")).isEqualTo(t);
        assertThat(stored("b").name()).isEqualTo("Task b");
        List<Event> events = store.eventsAfter(before, null, 10);
        assertThat(events).extracting(Event::type).containsExactly(EventType.TASK_UPDATED);
        assertThat(events.get(0).taskId()).isEqualTo(tid("a"));
        assertThat(events.get(0).data()).containsEntry("changed", "name,priority,labels,estimated_hours")
                .containsEntry("name_before", "Task a").containsEntry("name_after", "Renamed")
                .containsEntry("priority_before", "medium").containsEntry("priority_after", "urgent")
                .containsEntry("labels_before", "backend, api").containsEntry("labels_after", "ops")
                .containsEntry("estimated_hours_before", "2.5").containsEntry("estimated_hours_after", "4.0")
                .doesNotContainKey("description_before");
    }

    @Test
    void updateTask_thatChangesNothing_appendsNothing_andUnknownTaskIsNotFound() {
        project(task("a"));
        long before = store.lastEventId();

        Task t = store.updateTask(tid("a"), new TaskEdit("Task a", null, Priority.MEDIUM, null, null, null), T0);

        assertThat(t).isEqualTo(stored("a"));
        assertThat(store.lastEventId()).isEqualTo(before);
        assertThatThrownBy(() -> store.updateTask(tid("nope"), new TaskEdit("x", null, null, null, null, null), T0))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void updateTask_worksInAnyStatus_andKeepsTheLease() {
        project(task("a"));
        register("agent-1");
        Task claimed = claim("agent-1", "a");

        Task t = store.updateTask(tid("a"), new TaskEdit(null, "New description", null, null, null, List.of("x", "y")), T0);

        assertThat(t.description()).isEqualTo("New description");
        assertThat(t.acceptanceCriteria()).containsExactly("x", "y");
        assertThat(t.assignee()).isEqualTo(aid("agent-1"));
        assertThat(t.leaseEpoch()).isEqualTo(claimed.leaseEpoch());
        assertThat(t.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void addDependency_onAnUnfinishedTask_makesATodoTaskNotReady_andRemovingItMakesItReadyAgain() {
        project(task("a"), task("b"));
        assertThat(readyIds()).containsExactly("a", "b");
        long before = store.lastEventId();

        Task b = store.addDependency(tid("b"), tid("a"), NO_CYCLE, T0.plusSeconds(1));

        assertThat(b.dependencies()).containsExactly(tid("a"));
        assertThat(readyIds()).containsExactly("a");
        assertThat(eventTypesAfter(before)).containsExactly(EventType.DEPENDENCY_ADDED);
        assertThat(store.eventsAfter(before, null, 1).get(0).data()).containsEntry("depends_on", "a");

        long mid = store.lastEventId();
        Task again = store.removeDependency(tid("b"), tid("a"), T0.plusSeconds(2));

        assertThat(again.dependencies()).isEmpty();
        assertThat(readyIds()).containsExactly("a", "b");
        assertThat(eventTypesAfter(mid)).containsExactly(EventType.DEPENDENCY_REMOVED);
    }

    @Test
    void addDependency_keepsReadinessRightThroughCompletion() {
        project(task("a"), task("b"), task("c"));
        register("agent-1");
        store.addDependency(tid("c"), tid("a"), NO_CYCLE, T0);
        store.addDependency(tid("c"), tid("b"), NO_CYCLE, T0);
        assertThat(readyIds()).containsExactly("a", "b");

        claim("agent-1", "a");
        store.completeTask(report("a", "agent-1", null, 100, ""), T0);
        assertThat(readyIds()).containsExactly("b");
        // removing the unfinished one leaves c waiting for nothing
        store.removeDependency(tid("c"), tid("b"), T0);
        assertThat(readyIds()).containsExactly("b", "c");
        // removing a finished dependency changes nothing about readiness
        store.removeDependency(tid("c"), tid("a"), T0);
        assertThat(readyIds()).containsExactly("b", "c");
    }

    @Test
    void addDependency_onAFinishedTask_leavesTheTaskReady() {
        project(task("a"), task("b"));
        register("agent-1");
        claim("agent-1", "a");
        store.completeTask(report("a", "agent-1", null, 100, ""), T0);

        store.addDependency(tid("b"), tid("a"), NO_CYCLE, T0);

        assertThat(readyIds()).containsExactly("b");
        assertThat(claim("agent-1", "b").id()).isEqualTo(tid("b"));
    }

    @Test
    void addDependency_thatExists_changesNothing() {
        project(task("a"), task("b", "a"));
        long before = store.lastEventId();

        Task b = store.addDependency(tid("b"), tid("a"), NO_CYCLE, T0);

        assertThat(b.dependencies()).containsExactly(tid("a"));
        assertThat(store.lastEventId()).isEqualTo(before);
        store.removeDependency(tid("b"), tid("a"), T0);
        assertThat(readyIds()).containsExactly("a", "b");
    }

    @Test
    void addDependency_refusesCyclesSelfAndOtherProjects_andWritesNothing() {
        project(task("a"), task("b", "a"), task("c", "b"));
        store.createProject(new NewProject(new ProjectId("proj-2"), "Other", "", null), List.of(task("x")), T0);
        long before = store.lastEventId();

        assertThatThrownBy(() -> store.addDependency(tid("a"), tid("c"), NO_CYCLE, T0))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("depends_on"));
        assertThatThrownBy(() -> store.addDependency(tid("a"), tid("a"), NO_CHECK, T0))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> store.addDependency(tid("a"), tid("x"), NO_CHECK, T0))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("depends_on"));
        assertThatThrownBy(() -> store.addDependency(tid("a"), tid("nope"), NO_CHECK, T0))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.addDependency(tid("nope"), tid("a"), NO_CHECK, T0))
                .isInstanceOf(NotFoundException.class);

        assertThat(stored("a").dependencies()).isEmpty();
        assertThat(readyIds()).containsExactly("a");
        assertThat(store.lastEventId()).isEqualTo(before);
    }

    @Test
    void addDependency_toATaskInProgressOrDone_isAConflict_butABlockedTaskMayWait() {
        project(task("a"), task("b"), task("c"));
        register("agent-1");
        register("agent-2");
        claim("agent-1", "a");
        assertConflict(() -> store.addDependency(tid("a"), tid("b"), NO_CYCLE, T0), "task_started");

        store.completeTask(report("a", "agent-1", null, 100, ""), T0);
        assertConflict(() -> store.addDependency(tid("a"), tid("b"), NO_CYCLE, T0), "task_already_complete");

        claim("agent-2", "c");
        store.blockTask(report("c", "agent-2", null, -1, "stuck"), blocker("c", "agent-2"), T0);
        store.addDependency(tid("c"), tid("b"), NO_CYCLE, T0);
        store.unassignTask(tid("c"), null, "blocker_resolved", T0);
        // back to todo, but it now waits for b
        assertThat(readyIds()).containsExactly("b");
    }

    @Test
    void removeDependency_thatDoesNotExist_isNotFound_andOnADoneTaskIsAConflict() {
        project(task("a"), task("b", "a"));
        register("agent-1");

        assertThatThrownBy(() -> store.removeDependency(tid("a"), tid("b"), T0))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((NotFoundException) e).field()).isEqualTo("depends_on"));
        claim("agent-1", "a");
        store.completeTask(report("a", "agent-1", null, 100, ""), T0);
        claim("agent-1", "b");
        store.completeTask(report("b", "agent-1", null, 100, ""), T0);
        assertConflict(() -> store.removeDependency(tid("b"), tid("a"), T0), "task_already_complete");
        assertThat(stored("b").dependencies()).containsExactly(tid("a"));
    }

    @Test
    void setAgentPaused_refusesClaims_keepsTheHeldTask_andResumingAllowsThemAgain() {
        project(task("a"), task("b"));
        register("agent-1");
        claim("agent-1", "a");
        long before = store.lastEventId();

        Agent paused = store.setAgentPaused(aid("agent-1"), true, T0.plusSeconds(3));

        assertThat(paused.pausedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(paused.isPaused()).isTrue();
        assertThat(paused.currentTask()).isEqualTo(tid("a"));
        assertThat(store.findAgent(aid("agent-1")).orElseThrow()).isEqualTo(paused);
        assertThat(store.listAgents(P)).containsExactly(paused);
        assertThat(eventTypesAfter(before)).containsExactly(EventType.AGENT_PAUSED);
        // it may still finish what it holds
        store.completeTask(report("a", "agent-1", null, 100, ""), T0);
        assertThat(store.findAgent(aid("agent-1")).orElseThrow().status()).isEqualTo(AgentStatus.PAUSED);
        assertConflict(() -> store.claimFirstReady(aid("agent-1"), List.of(tid("b")), LEASE, T0), "agent_paused");
        assertThat(readyIds()).containsExactly("b");

        long mid = store.lastEventId();
        Agent resumed = store.setAgentPaused(aid("agent-1"), false, T0.plusSeconds(9));

        assertThat(resumed.pausedAt()).isNull();
        assertThat(resumed.status()).isEqualTo(AgentStatus.AVAILABLE);
        assertThat(eventTypesAfter(mid)).containsExactly(EventType.AGENT_RESUMED);
        assertThat(claim("agent-1", "b").id()).isEqualTo(tid("b"));
    }

    @Test
    void setAgentPaused_twice_changesNothing_andAnUnknownAgentIsNotFound() {
        project(task("a"));
        register("agent-1");
        store.setAgentPaused(aid("agent-1"), true, T0);
        long before = store.lastEventId();

        assertThat(store.setAgentPaused(aid("agent-1"), true, T0.plusSeconds(5)).pausedAt()).isEqualTo(T0);
        assertThat(store.lastEventId()).isEqualTo(before);
        store.setAgentPaused(aid("agent-1"), false, T0);
        store.setAgentPaused(aid("agent-1"), false, T0);
        assertThat(eventTypesAfter(before)).containsExactly(EventType.AGENT_RESUMED);
        assertThatThrownBy(() -> store.setAgentPaused(aid("ghost"), true, T0)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void registerAgent_again_keepsAPause() {
        project(task("a"));
        register("agent-1");
        store.setAgentPaused(aid("agent-1"), true, T0);

        assertThat(register("agent-1").pausedAt()).isEqualTo(T0);
    }

    @Test
    void unassignTask_ofABlockedTask_stampsItsBlockersResolved() {
        project(task("a"));
        register("agent-1");
        claim("agent-1", "a");
        store.blockTask(report("a", "agent-1", null, -1, "stuck"), blocker("a", "agent-1"), T0);
        assertThat(store.blockersFor(tid("a"))).singleElement().satisfies(b -> assertThat(b.resolvedAt()).isNull());

        store.unassignTask(tid("a"), null, "blocker_resolved", T0.plusSeconds(30));

        assertThat(store.blockersFor(tid("a"))).singleElement()
                .satisfies(b -> assertThat(b.resolvedAt()).isEqualTo(T0.plusSeconds(30)));
        // a later blocker stands on its own, and is resolved at its own time
        claim("agent-1", "a");
        store.blockTask(report("a", "agent-1", null, -1, "again"), new Blocker("blk-2", tid("a"), aid("agent-1"),
                "again", BlockerSeverity.LOW, T0.plusSeconds(40), null), T0.plusSeconds(40));
        store.unassignTask(tid("a"), null, "blocker_resolved", T0.plusSeconds(50));
        assertThat(store.blockersFor(tid("a"))).extracting(Blocker::resolvedAt)
                .containsExactly(T0.plusSeconds(30), T0.plusSeconds(50));
    }

    @Test
    void close_isIdempotent() {
        StorageBackend extra = newBackendForCloseTest();
        extra.close();
        extra.close();
        assertThat(extra.describe()).isNotBlank();
    }

    /** A backend used only to check that closing twice is harmless; defaults to {@link #newBackend()}. */
    protected StorageBackend newBackendForCloseTest() {
        return newBackend();
    }
}
