package dev.marcus.it;

import static dev.marcus.it.MarcusServer.args;
import static dev.marcus.it.MarcusServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.EventType;
import dev.marcus.core.model.ProjectId;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three {@code marcus mcp} processes on one SQLite file, eight agents racing for five tasks. */
class MultiProcessRaceIT {
    @TempDir
    Path home;

    @Test
    void eightAgentsRacingForFiveTasks_acrossThreeProcesses_neverShareATask() throws Exception {
        List<MarcusServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                servers.add(MarcusServer.start(home, Map.of()));
            }
            String projectId = (String) servers.get(0).call("create_project", args("project_name", "Race",
                    "description", "- One\n- Two\n- Three\n- Four\n- Five")).get("project_id");
            for (int a = 0; a < 8; a++) {
                assertThat(servers.get(a % 3).call("register_agent", args("agent_id", "racer-" + a, "name", "Racer " + a,
                        "role", "dev", "project_id", projectId))).containsEntry("success", true);
            }

            Map<String, String> holderOfTask = new ConcurrentHashMap<>();
            Map<String, String> taskOfAgent = new ConcurrentHashMap<>();
            List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> racers = new ArrayList<>();
            for (int a = 0; a < 8; a++) {
                String agent = "racer-" + a;
                MarcusServer server = servers.get(a % 3);
                racers.add(pool.submit(() -> {
                    start.await();
                    // each agent asks twice: the second answer must be its current task, never a second one
                    for (int round = 0; round < 2; round++) {
                        Map<String, Object> r = server.call("request_next_task", args("agent_id", agent));
                        Object task = r.containsKey("task") ? r.get("task") : r.get("current_task");
                        if (task == null) {
                            continue;
                        }
                        String taskId = (String) map(task).get("id");
                        String previousHolder = holderOfTask.putIfAbsent(taskId, agent);
                        if (previousHolder != null && !previousHolder.equals(agent)) {
                            duplicates.add(taskId + " given to " + previousHolder + " and " + agent);
                        }
                        String previousTask = taskOfAgent.putIfAbsent(agent, taskId);
                        if (previousTask != null && !previousTask.equals(taskId)) {
                            duplicates.add(agent + " holds " + previousTask + " and " + taskId);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : racers) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            assertThat(duplicates).isEmpty();
            assertThat(holderOfTask).hasSize(5);
            assertThat(taskOfAgent).hasSize(5);
            try (SqliteStorageBackend db = SqliteStorageBackend.open(home.resolve("marcus.db"))) {
                long assigned = db.eventsAfter(0, new ProjectId(projectId), 10_000).stream()
                        .filter(e -> e.type() == EventType.TASK_ASSIGNED).count();
                assertThat(assigned).isEqualTo(5);
            }
        } finally {
            servers.forEach(MarcusServer::close);
        }
    }
}
