package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's package, on a free port with a config of its own, not the system service) scrapes a
 * running {@code marcus serve}; an agent claims and finishes tasks over MCP HTTP; the claim series is then read back
 * through Prometheus's HTTP API.
 */
class PrometheusIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    static String prometheusBinary() {
        for (String p : List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        String why = "no prometheus binary (apt-get install -y prometheus)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + "; CI=true: this test may not be skipped");
        }
        throw new TestAbortedException(why);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void prometheusScrapesMarcus_andAnswersTheClaimSeries() throws Exception {
        String prometheus = prometheusBinary();
        try (ServeProcess serve = ServeProcess.start(dir.resolve("home"), Map.of("MARCUS_JOBS", "on"))) {
            int promPort = ServeProcess.freePort();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: marcus
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(serve.metricsPort));
            Process prom = new ProcessBuilder(prometheus, "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort,
                    "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                McpSyncClient agent = serve.mcp();
                Map<?, ?> created = call(agent, "create_project", Map.of("project_name", "Metrics", "description",
                        "# Work\n- First task\n- Second task (after First task)"));
                call(agent, "register_agent", Map.of("agent_id", "agent-1", "name", "One", "role", "dev",
                        "skills", List.of("java"), "project_id", created.get("project_id")));
                for (int i = 0; i < 2; i++) {
                    Map<?, ?> next = call(agent, "request_next_task", Map.of("agent_id", "agent-1"));
                    String task = String.valueOf(((Map<?, ?>) next.get("task")).get("id"));
                    call(agent, "report_task_progress", Map.of("agent_id", "agent-1", "task_id", task,
                            "status", "completed", "progress", 100, "message", "done"));
                }
                agent.close();

                // the board's figures are read at most every 2 s: wait for a reading taken after the work
                String direct = serve.get("/metrics").body();
                for (int i = 0; i < 40 && !direct.contains("status=\"done\"} 2.0"); i++) {
                    Thread.sleep(250);
                    direct = serve.get("/metrics").body();
                }
                assertThat(direct).containsPattern("(?m)^marcus_claims_seconds_count 2(\\.0)?$");
                assertThat(direct).contains("status=\"done\"} 2.0");
                assertThat(direct).contains("uri=\"/mcp\"").doesNotContain("uri=\"/api/projects/proj-");

                JsonNode claims = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (System.nanoTime() < deadline) {
                    assertThat(prom.isAlive()).as(() -> log(dir.resolve("prometheus.log"))).isTrue();
                    JsonNode r = query(promPort, "marcus_claims_seconds_count");
                    if (r != null && r.path("data").path("result").size() > 0
                            && r.path("data").path("result").get(0).path("value").get(1).asString().equals("2")) {
                        claims = r;
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(claims).as("Prometheus has the claim series; its log: %s", log(dir.resolve("prometheus.log")))
                        .isNotNull();
                assertThat(claims.path("data").path("result").get(0).path("metric").path("job").asString()).isEqualTo("marcus");
                JsonNode p99 = query(promPort, "histogram_quantile(0.99, sum by (le) (marcus_claims_seconds_bucket))");
                assertThat(p99.path("status").asString()).isEqualTo("success");
                assertThat(p99.path("data").path("result").get(0).path("value").get(1).asDouble()).isPositive();
                JsonNode up = query(promPort, "up{job=\"marcus\"}");
                assertThat(up.path("data").path("result").get(0).path("value").get(1).asString()).isEqualTo("1");
            } finally {
                prom.destroy();
                prom.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static Map<?, ?> call(McpSyncClient c, String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = c.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
        String text = ((McpSchema.TextContent) r.content().get(0)).text();
        assertThat(r.isError()).as(tool + ": " + text).isNotEqualTo(Boolean.TRUE);
        return JSON.readValue(text, Map.class);
    }

    private static JsonNode query(int port, String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    private static String log(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "(none)";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
