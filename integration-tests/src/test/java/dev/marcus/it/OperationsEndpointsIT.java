package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.marcus.core.integration.Signatures;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' endpoints of a real {@code marcus serve} with background jobs on: a webhook made over REST shows
 * its secret once and delivers a signed event to a local HTTP server through the job queue; the GitHub webhook
 * refuses a bad signature and links a pull request with a good one; jobs are listed and retried by hand.
 */
class OperationsEndpointsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void webhooksGithubAndJobs_workThroughARealServer() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                bodies.add(in.readAllBytes());
            }
            signatures.add(ex.getRequestHeaders().getFirst("X-Marcus-Signature-256"));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try (ServeProcess serve = ServeProcess.start(dir.resolve("home"), Map.of("MARCUS_JOBS", "on"))) {
            JsonNode project = JSON.readTree(serve.post("/api/projects", "{\"name\":\"Ops\",\"description\":\"- Schema\\n- API (after Schema)\"}",
                    Map.of()).body());
            String projectId = project.path("project").path("id").asString();
            String task = JSON.readTree(serve.get("/api/projects/" + projectId + "/tasks").body())
                    .path("tasks").get(0).path("id").asString();

            HttpResponse<String> made = serve.post("/api/projects/" + projectId + "/webhooks",
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"events\":[\"task_updated\"]}",
                    Map.of());
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            JsonNode hook = JSON.readTree(made.body());
            String secret = hook.path("secret").asString();
            assertThat(secret).startsWith("whsec-");
            String listed = serve.get("/api/projects/" + projectId + "/webhooks").body();
            assertThat(listed).doesNotContain(secret).contains(hook.path("webhook").path("secret_hint").asString());

            HttpResponse<String> edit = serve.send("PATCH", "/api/tasks/" + task, "{\"name\":\"Schema v2\"}");
            assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (bodies.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(bodies).as("a delivery arrived; server log: %s", java.nio.file.Files.readString(serve.log)).hasSize(1);
            assertThat(Signatures.verify(secret, bodies.get(0), signatures.get(0))).isTrue();
            assertThat(new String(bodies.get(0), StandardCharsets.UTF_8)).contains("\"event\":\"task_updated\"", "Schema v2");

            // GitHub: a bad signature is refused, a good one links the pull request to the task
            String ghSecret = JSON.readTree(serve.post("/api/projects/" + projectId + "/github", "{}", Map.of()).body())
                    .path("secret").asString();
            String pr = "{\"action\":\"opened\",\"pull_request\":{\"number\":7,\"title\":\"Schema\",\"html_url\":"
                    + "\"https://github.com/acme/ops/pull/7\",\"merged\":false,\"head\":{\"ref\":\"feature/" + task + "\"}}}";
            HttpResponse<String> refused = serve.post("/hooks/github/" + projectId, pr, Map.of("X-GitHub-Event", "pull_request",
                    "X-Hub-Signature-256", Signatures.sign("not the secret", pr.getBytes(StandardCharsets.UTF_8))));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(serve.get("/api/tasks/" + task + "/links").body()).doesNotContain("pull/7");
            HttpResponse<String> accepted = serve.post("/hooks/github/" + projectId, pr, Map.of("X-GitHub-Event", "pull_request",
                    "X-Hub-Signature-256", Signatures.sign(ghSecret, pr.getBytes(StandardCharsets.UTF_8))));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(JSON.readTree(serve.get("/api/tasks/" + task + "/links").body()).path("links").get(0).path("url")
                    .asString()).isEqualTo("https://github.com/acme/ops/pull/7");

            // jobs: the recurring ones are listed with their schedule, and one can be run again by hand
            JsonNode jobs = JSON.readTree(serve.get("/api/jobs").body()).path("jobs");
            List<String> names = new java.util.ArrayList<>();
            jobs.forEach(j -> names.add(j.path("id").asString()));
            assertThat(names).contains("lease-sweep", "event-retention", "backup", "analytics-rollup", "webhook-dispatch");
            HttpResponse<String> retry = serve.post("/api/jobs/analytics-rollup/retry", "{}", Map.of());
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            JsonNode runs = null;
            while (System.nanoTime() < deadline) {
                runs = JSON.readTree(serve.get("/api/jobs/analytics-rollup/runs").body()).path("runs");
                if (runs.size() > 0 && "ok".equals(runs.get(0).path("outcome").asString())) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(runs.get(0).path("outcome").asString()).isEqualTo("ok");
            assertThat(serve.post("/api/jobs/no-such-job/retry", "{}", Map.of()).statusCode()).isEqualTo(404);
        } finally {
            receiver.stop(0);
        }
    }
}
