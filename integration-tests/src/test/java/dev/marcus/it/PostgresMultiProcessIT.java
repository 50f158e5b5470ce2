package dev.marcus.it;

import static dev.marcus.it.MarcusServer.args;
import static dev.marcus.it.MarcusServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.storage.postgres.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team profile under load: three real {@code marcus mcp} processes on one PostgreSQL schema, sixteen agents on each,
 * work a 2,000-task project with dependencies to the end. Every task is done exactly once, no task is assigned before
 * each of its dependencies was completed (judged from the event log), and no agent ever holds two tasks.
 */
class PostgresMultiProcessIT {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    static final int PROCESSES = 3;
    static final int AGENTS_PER_PROCESS = 16;
    static final int TASKS = 2_000;
    static final ProjectId PROJECT = new ProjectId("pg-load");

    @TempDir
    Path home;

    /** The environment that makes {@code marcus mcp} pick the team profile on this class's schema. */
    static Map<String, String> teamEnv(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("DATABASE_URL", PG.urlString());
        env.put("MARCUS_DATABASE_SCHEMA", PG.schema());
        return env;
    }

    /**
     * Task {@code i} waits for task {@code i - 50}, and every fourth also for {@code i - 97}: about 40 levels deep and
     * about 50 wide, so readiness keeps changing under the agents while there is work for all 48 of them most of the time.
     */
    static List<NewTask> graph(int n) {
        List<NewTask> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<TaskId> deps = new ArrayList<>();
            if (i >= 50) {
                deps.add(id(i - 50));
            }
            if (i >= 97 && i % 4 == 0) {
                deps.add(id(i - 97));
            }
            tasks.add(new NewTask(id(i), "Task " + i, "", Priority.MEDIUM, List.of(), deps, List.of(), null, List.of(), null));
        }
        return tasks;
    }

    static TaskId id(int i) {
        return new TaskId("t" + i);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void threeProcessesTimesSixteenAgents_finishTwoThousandTasks_onceEach_inDependencyOrder() throws Exception {
        long t0 = System.nanoTime();
        // seeding and starting the JVMs each take seconds: do them side by side (the servers only read the project
        // once the agents register, after both are done)
        java.util.concurrent.CompletableFuture<Long> seed = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (PostgresStorageBackend db = PG.open()) {
                db.createProject(new NewProject(PROJECT, "Load", "", null), graph(TASKS), Instant.now());
            }
            return System.nanoTime();
        });
        List<MarcusServer> servers = startServers(home, PROCESSES, teamEnv(Map.of()));
        long started = System.nanoTime();
        long seeded = seed.get(3, TimeUnit.MINUTES);
        long ready = System.nanoTime();
        int agents = PROCESSES * AGENTS_PER_PROCESS;
        Map<String, String> completedBy = new ConcurrentHashMap<>();
        Map<String, String> holding = new ConcurrentHashMap<>();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger completeSignals = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger waits = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        try {
            for (int a = 0; a < agents; a++) {
                MarcusServer server = servers.get(a % PROCESSES);
                assertThat(server.call("register_agent", args("agent_id", "agent-" + a, "name", "Agent " + a,
                        "role", "developer", "project_id", PROJECT.value()))).containsEntry("success", true);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int a = 0; a < agents; a++) {
                MarcusServer server = servers.get(a % PROCESSES);
                String agent = "agent-" + a;
                futures.add(pool.submit(() -> {
                    go.await();
                    runAgent(server, agent, completedBy, holding, violations, calls, waits);
                    completeSignals.incrementAndGet();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(4, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            servers.forEach(MarcusServer::close);
        }
        long finished = System.nanoTime();

        assertThat(violations).isEmpty();
        assertThat(completedBy).hasSize(TASKS);
        assertThat(completeSignals).hasValue(agents);
        try (PostgresStorageBackend db = PG.open()) {
            List<Task> tasks = db.listTasks(PROJECT);
            List<Event> events = db.eventsAfter(0, PROJECT, 1_000_000);
            assertThat(db.findProject(PROJECT).orElseThrow().isComplete()).isTrue();
            assertThat(tasks).hasSize(TASKS);
            assertDoneOnceAndNoAgentHeldTwo(tasks, events);
            AgentLoopEndToEndIT.assertDependencyOrderHeld(tasks, events);
        }
        System.out.printf("PostgresMultiProcessIT: %d tasks, %d agents on %d processes: seed %d ms, start %d ms "
                        + "(side by side), run %d ms, %d tool calls (%d of them 'nothing ready yet')%n",
                TASKS, agents, PROCESSES, ms(seeded - t0), ms(started - t0), ms(finished - ready), calls.get(), waits.get());
    }

    /** Loops request_next_task → completed until the project-complete signal, checking what it is handed. */
    static void runAgent(MarcusServer server, String agent, Map<String, String> completedBy, Map<String, String> holding,
                         List<String> violations, AtomicInteger calls, AtomicInteger waits) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            // no long poll: calls on one client are serialised, and a waiting call would stall the other agents on it
            Map<String, Object> next = server.call("request_next_task", args("agent_id", agent));
            calls.incrementAndGet();
            if (Boolean.TRUE.equals(next.get("project_complete"))) {
                return;
            }
            if (next.containsKey("current_task")) {
                violations.add(agent + " was told it still holds " + map(next.get("current_task")).get("id"));
                return;
            }
            if (!Boolean.TRUE.equals(next.get("success"))) {
                if (!next.containsKey("retry_after_seconds")) {
                    violations.add(agent + ": unexpected answer " + next);
                    return;
                }
                waits.incrementAndGet();
                // short, not retry_after_seconds: the test wants the run to end soon after the last task is ready
                Thread.sleep(50);
                continue;
            }
            String taskId = (String) map(next.get("task")).get("id");
            String held = holding.putIfAbsent(agent, taskId);
            if (held != null) {
                violations.add(agent + " holds " + held + " and was given " + taskId);
            }
            Map<String, Object> done = server.call("report_task_progress", args("agent_id", agent, "task_id", taskId,
                    "status", "completed", "progress", 100, "message", "done"));
            calls.incrementAndGet();
            if (!Boolean.TRUE.equals(done.get("success"))) {
                violations.add(agent + " could not complete " + taskId + ": " + done);
            }
            holding.remove(agent, taskId);
            String before = completedBy.putIfAbsent(taskId, agent);
            if (before != null) {
                violations.add(taskId + " completed by " + before + " and by " + agent);
            }
        }
        violations.add(agent + " did not see the project complete in time");
    }

    /** From the event log: one completion per task, every task done, and per agent assignments alternate with completions. */
    static void assertDoneOnceAndNoAgentHeldTwo(List<Task> tasks, List<Event> events) {
        Map<TaskId, Integer> completions = new HashMap<>();
        Map<AgentId, TaskId> held = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Event e : events) {
            if (e.type() == EventType.TASK_COMPLETED) {
                completions.merge(e.taskId(), 1, Integer::sum);
                if (!e.taskId().equals(held.remove(e.agentId()))) {
                    problems.add("event " + e.id() + ": " + e.agentId() + " completed " + e.taskId() + " it did not hold");
                }
            } else if (e.type() == EventType.TASK_ASSIGNED) {
                TaskId before = held.put(e.agentId(), e.taskId());
                if (before != null) {
                    problems.add("event " + e.id() + ": " + e.agentId() + " given " + e.taskId() + " while holding " + before);
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(held).isEmpty();
        for (Task t : tasks) {
            assertThat(completions.get(t.id())).as("completions of %s", t.id()).isEqualTo(1);
            assertThat(t.status()).as("status of %s", t.id()).isEqualTo(TaskStatus.DONE);
        }
    }

    /**
     * Starts the processes one after the other ({@link MarcusServer#start} tells its child apart by the set of children
     * before it, so parallel starts could mix them up), each on a {@code MARCUS_HOME} of its own under {@code home}:
     * the database is the only thing they share.
     */
    static List<MarcusServer> startServers(Path home, int n, Map<String, String> env) throws Exception {
        List<MarcusServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                servers.add(MarcusServer.start(java.nio.file.Files.createDirectories(home.resolve("process-" + i)), env));
            }
            return servers;
        } catch (RuntimeException | java.io.IOException e) {
            servers.forEach(MarcusServer::close);
            throw e;
        }
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
