package dev.marcus.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.marcus.core.MarcusCore;
import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.BlockerSeverity;
import dev.marcus.core.service.ProjectService;
import dev.marcus.core.service.RuleBasedAdvisor;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both LLM planners against a local HTTP server that plays the provider; nothing reaches the internet. */
class LlmPlannerTest {
    private static final String KEY = "sk-test-secret-123";
    private static final String GOOD = """
            {"features": ["Accounts"], "tasks": [
              {"name": "Design schema", "description": "tables", "feature": "Accounts", "priority": "high",
               "labels": ["type:design", "backend"], "depends_on": [], "estimated_hours": 2, "acceptance_criteria": ["reviewed"]},
              {"name": "Signup API", "feature": "Accounts", "labels": ["type:implement"], "depends_on": ["Design schema"],
               "estimated_hours": 4, "acceptance_criteria": ["returns 201"]}]}""";
    private static final String CYCLE = """
            {"tasks": [{"name": "A", "depends_on": ["B"]}, {"name": "B", "depends_on": ["A"]}]}""";

    private HttpServer server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Map<String, String>> seen = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final InMemoryStorageBackend storage = new InMemoryStorageBackend();

    private record Reply(int status, String body, long delayMillis) {
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            seen.add(Map.of("path", exchange.getRequestURI().getPath(),
                    "x-api-key", String.valueOf(exchange.getRequestHeaders().getFirst("x-api-key")),
                    "anthropic-version", String.valueOf(exchange.getRequestHeaders().getFirst("anthropic-version")),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("authorization")),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Reply r = replies.size() > 1 ? replies.poll() : replies.peek();
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(r.status(), b.length);
            exchange.getResponseBody().write(b);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private LlmSettings settings(String provider) {
        return LlmSettings.defaults(provider, KEY)
                .withBaseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .withTimeout(Duration.ofMillis(800)).withRetries(3, Duration.ofMillis(10));
    }

    private static String anthropic(String text, String stop) {
        return LlmClient.JSON.writeValueAsString(Map.of("content", List.of(Map.of("type", "text", "text", text)),
                "stop_reason", stop));
    }

    private static String openai(String text, String finish) {
        return LlmClient.JSON.writeValueAsString(Map.of("choices", List.of(Map.of("message", Map.of("content", text),
                "finish_reason", finish))));
    }

    private void answer(int status, String body) {
        replies.add(new Reply(status, body, 0));
    }

    /** Runs create_project with the planner and checks that nothing was written when it fails. */
    private ProjectService.CreatedProject create(dev.marcus.core.planning.ProjectPlanner planner) {
        try (MarcusCore core = MarcusCore.builder(storage).planner(planner).build()) {
            return core.projects().create("P", "An accounts service.", ProjectService.CreateOptions.NONE);
        }
    }

    private void assertNothingWritten() {
        assertThat(storage.listProjects()).isEmpty();
        assertThat(storage.lastEventId()).isZero();
    }

    @Test
    void anthropic_goodAnswer_becomesAProject_withTheRightHeaders() {
        answer(200, anthropic("Here is the plan:\n```json\n" + GOOD + "\n```", "end_turn"));
        var created = create(new AnthropicPlanner(settings("anthropic")));
        assertThat(created.tasks()).hasSize(2);
        assertThat(created.tasks().get(1).dependencies()).containsExactly(created.tasks().get(0).id());
        assertThat(created.phases()).containsExactly("Accounts");
        Map<String, String> req = seen.peek();
        assertThat(req).containsEntry("path", "/v1/messages").containsEntry("x-api-key", KEY)
                .containsEntry("anthropic-version", AnthropicClient.VERSION);
        assertThat(req.get("body")).contains("\"model\"").contains("An accounts service.");
    }

    @Test
    void openai_goodAnswer_becomesAProject_withABearerKey() {
        answer(200, openai(GOOD, "stop"));
        var created = create(new OpenAiCompatiblePlanner(settings("openai")));
        assertThat(created.tasks()).extracting(t -> t.name()).containsExactly("Design schema", "Signup API");
        assertThat(seen.peek()).containsEntry("path", "/v1/chat/completions").containsEntry("authorization", "Bearer " + KEY);
    }

    @Test
    void malformedJson_isRefused_andNothingIsWritten() {
        answer(200, openai("{\"tasks\": [ {\"name\": \"A\",, } ]}", "stop"));
        assertThatThrownBy(() -> create(new OpenAiCompatiblePlanner(settings("openai"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("malformed JSON");
        assertNothingWritten();
    }

    @Test
    void truncatedOutput_isRefused_whetherFlaggedOrCutMidJson() {
        answer(200, anthropic(GOOD.substring(0, 80), "max_tokens"));
        assertThatThrownBy(() -> create(new AnthropicPlanner(settings("anthropic"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("cut off");
        replies.clear();
        answer(200, openai(GOOD.substring(0, 120), "stop"));
        assertThatThrownBy(() -> create(new OpenAiCompatiblePlanner(settings("openai"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("truncated");
        assertNothingWritten();
    }

    @Test
    void aCycle_isRefused_andNothingIsWritten() {
        answer(200, anthropic(CYCLE, "end_turn"));
        assertThatThrownBy(() -> create(new AnthropicPlanner(settings("anthropic"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("cycle");
        assertNothingWritten();
    }

    @Test
    void dependencyNames_resolveLikeADescriptionsReferences_andWhatNamesNothingIsAWarning() {
        answer(200, anthropic("{\"tasks\": [{\"name\": \"Define the event schema\"},"
                + " {\"name\": \"Ingestion service\", \"depends_on\": [\"the schema\", \"Ghost\"]}]}", "end_turn"));
        var created = create(new AnthropicPlanner(settings("anthropic")));
        assertThat(created.tasks().get(1).dependencies()).containsExactly(created.tasks().get(0).id());
        assertThat(created.warnings()).singleElement().asString().contains("Ghost").contains("Ingestion service");
    }

    @Test
    void timeout_isAClearError_andNothingIsWritten() {
        replies.add(new Reply(200, openai(GOOD, "stop"), 3_000));
        assertThatThrownBy(() -> create(new OpenAiCompatiblePlanner(settings("openai"))))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("did not answer within");
        assertNothingWritten();
    }

    @Test
    void status429And500_areRetriedWithBackOff_thenSucceed() {
        answer(429, "{\"error\":\"rate limited\"}");
        answer(500, "{\"error\":\"oops\"}");
        answer(200, anthropic(GOOD, "end_turn"));
        var created = create(new AnthropicPlanner(settings("anthropic")));
        assertThat(created.tasks()).hasSize(2);
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void persistent500_givesUpAfterTheLastAttempt_withoutEchoingTheKey_andWritesNothing() {
        answer(500, "{\"error\":\"bad key " + KEY + "\"}");
        assertThatThrownBy(() -> create(new AnthropicPlanner(settings("anthropic"))))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("HTTP 500 3 times")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThat(calls.get()).isEqualTo(3);
        assertThat(settings("anthropic").toString()).doesNotContain(KEY);
        assertNothingWritten();
    }

    @Test
    void advisor_usesTheLlm_andFallsBackToRulesOnFailure() {
        var task = MarcusCore.builder(storage).build().projects()
                .create("Q", "- Fix the build", ProjectService.CreateOptions.NONE).tasks().get(0);
        answer(200, anthropic("{\"suggestions\": [\"Pin the JDK\"]}", "end_turn"));
        LlmAdvisor advisor = new LlmAdvisor(new AnthropicClient(settings("anthropic")), new RuleBasedAdvisor());
        assertThat(advisor.suggest(task, "compile fails", BlockerSeverity.LOW)).containsExactly("Pin the JDK");
        replies.clear();
        answer(500, "down");
        assertThat(advisor.suggest(task, "compile fails", BlockerSeverity.LOW))
                .isEqualTo(new RuleBasedAdvisor().suggest(task, "compile fails", BlockerSeverity.LOW));
    }
}
