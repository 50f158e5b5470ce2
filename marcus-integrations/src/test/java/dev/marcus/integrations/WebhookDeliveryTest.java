package dev.marcus.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.integration.Signatures;
import dev.marcus.core.integration.WebhookService;
import dev.marcus.core.job.Job;
import dev.marcus.core.job.JobRun;
import dev.marcus.core.job.JobRunner;
import dev.marcus.core.job.JobStatus;
import dev.marcus.core.job.RecurringJob;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.NewEvent;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.SecretBox;
import dev.marcus.core.port.Telemetry;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound webhooks end to end on a real store and a real local HTTP server: events are fanned out by the dispatcher
 * job, signed, retried with back-off (time moved by the test's clock, not slept), and kept as dead letters that can
 * be retried by hand.
 */
class WebhookDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ProjectId PROJECT = new ProjectId("proj-hooks");

    @TempDir
    Path dir;
    private SqliteStorageBackend store;
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = now::get;
    private WebhookService hooks;
    private JobRunner runner;

    /** Seals by base64 only: the test is about delivery; AES-GCM has its own test. */
    private static final SecretBox OPEN_BOX = new SecretBox() {
        @Override
        public String seal(String secret) {
            return "v0:" + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String open(String sealed) {
            return new String(Base64.getDecoder().decode(sealed.substring(3)), StandardCharsets.UTF_8);
        }
    };

    @BeforeEach
    void setUp() {
        store = SqliteStorageBackend.open(dir.resolve("marcus.db"));
        store.createProject(new NewProject(PROJECT, "Shop", "", null), List.of(new NewTask(new TaskId("task-aaaaaaaaaaaa"),
                "Design the schema", "", Priority.HIGH, List.of(), List.of(), List.of(), null, List.of(), null)), T0);
        hooks = new WebhookService(store.integrations(), store.jobs(), store, OPEN_BOX, clock, 3);
        runner = new JobRunner(store.jobs(), clock,
                JobRunner.Settings.defaults("test").withRetry(Duration.ofSeconds(30), Duration.ofMinutes(10)), Telemetry.NONE)
                .every(new RecurringJob(WebhookService.DISPATCH, Duration.ofSeconds(2)), hooks::dispatch)
                .handle(WebhookService.DELIVER, new WebhookDelivery(store.integrations(), store, OPEN_BOX, Duration.ofSeconds(5)));
        store.jobs().schedule(runner.recurringJobs().get(0), T0);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    private void completedEvent() {
        store.appendEvent(new NewEvent(EventType.TASK_COMPLETED, PROJECT, new TaskId("task-aaaaaaaaaaaa"), null,
                Map.of("message", "schema done")), now.get());
    }

    @Test
    void delivery_isSignedWithTheHooksSecret_andRetriedWithBackOffUntilTheReceiverAnswers2xx() throws Exception {
        AtomicInteger answers = new AtomicInteger();
        try (LocalReceiver receiver = new LocalReceiver(() -> answers.incrementAndGet() <= 2 ? 500 : 204)) {
            WebhookService.Created created = hooks.create(PROJECT, receiver.url("/hook"), "generic",
                    List.of("task_completed"), "admin");
            assertThat(created.webhook().secretSealed()).doesNotContain(created.secret());
            assertThat(created.webhook().secretHint()).endsWith(created.secret().substring(created.secret().length() - 4));
            advance(Duration.ofSeconds(1));
            completedEvent();
            store.appendEvent(new NewEvent(EventType.TASK_PROGRESS, PROJECT, null, null, Map.of()), now.get()); // not wanted

            advance(Duration.ofSeconds(2));
            runner.runDue(); // dispatcher, then the first attempt (500)
            assertThat(receiver.calls.get()).isEqualTo(1);
            Job delivery = hooks.deliveries(created.webhook().id(), 10).get(0);
            assertThat(delivery.status()).isEqualTo(JobStatus.RETRYING);
            assertThat(delivery.lastError()).isEqualTo("HTTP 500 from http://127.0.0.1:" + receiver.url("").split(":")[2]);

            advance(Duration.ofSeconds(29));
            runner.runDue();
            assertThat(receiver.calls.get()).as("still backing off").isEqualTo(1);
            advance(Duration.ofSeconds(1));
            runner.runDue(); // second attempt (500), next in 60 s
            advance(Duration.ofSeconds(60));
            runner.runDue(); // third attempt (204)
            assertThat(receiver.calls.get()).isEqualTo(3);
            assertThat(hooks.deliveries(created.webhook().id(), 10).get(0).status()).isEqualTo(JobStatus.DONE);

            for (LocalReceiver.Received r : receiver.received) {
                assertThat(Signatures.verify(created.secret(), r.body(), r.header("X-Marcus-Signature-256"))).isTrue();
                assertThat(r.header("X-Marcus-Event")).isEqualTo("task_completed");
                assertThat(r.header("X-Marcus-Delivery")).isEqualTo(delivery.id());
            }
            String body = new String(receiver.received.get(0).body(), StandardCharsets.UTF_8);
            assertThat(body).contains("\"event\":\"task_completed\"").contains("\"task_name\":\"Design the schema\"")
                    .contains("\"project_name\":\"Shop\"");
            assertThat(Signatures.verify("another secret", receiver.received.get(0).body(),
                    receiver.received.get(0).header("X-Marcus-Signature-256"))).isFalse();
        }
    }

    @Test
    void deliveryFailingEveryAttempt_isADeadLetter_thatARetryByHandDelivers() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        try (LocalReceiver receiver = new LocalReceiver(status::get)) {
            advance(Duration.ofSeconds(1)); // after the project's own events
            String hook = hooks.create(PROJECT, receiver.url("/services/T000/B000/XXXX"), "slack", List.of(), "admin")
                    .webhook().id();
            advance(Duration.ofSeconds(1));
            completedEvent();
            for (int i = 0; i < 6; i++) {
                advance(Duration.ofMinutes(5));
                runner.runDue();
            }
            Job dead = hooks.deliveries(hook, 10).get(0);
            assertThat(dead.status()).isEqualTo(JobStatus.DEAD);
            assertThat(dead.lastError()).startsWith("HTTP 503").doesNotContain("XXXX");
            assertThat(store.jobs().runs(dead.id(), 10)).extracting(JobRun::outcome).containsOnly("failed").hasSize(3);
            assertThat(receiver.calls.get()).isEqualTo(3);

            status.set(200);
            store.jobs().retryNow(dead.id(), now.get());
            runner.runDue();
            assertThat(hooks.deliveries(hook, 10).get(0).status()).isEqualTo(JobStatus.DONE);
            String slack = new String(receiver.received.get(3).body(), StandardCharsets.UTF_8);
            assertThat(slack).isEqualTo("{\"text\":\"*Shop*: task completed — “Design the schema”: schema done\"}");
        }
    }

    @Test
    void eventsFromBeforeAHookWasMade_areNotSentToIt_andADispatcherRunTwiceAddsNoDuplicate() throws Exception {
        try (LocalReceiver receiver = new LocalReceiver(() -> 200)) {
            completedEvent(); // before the hook
            advance(Duration.ofSeconds(1));
            String hook = hooks.create(PROJECT, receiver.url("/x"), "generic", List.of(), null).webhook().id();
            advance(Duration.ofSeconds(1));
            completedEvent();
            advance(Duration.ofSeconds(2));
            var dispatch = store.jobs().claimDue("test", List.of(WebhookService.DISPATCH), 1, now.get()).get(0);
            hooks.dispatch(dispatch);
            hooks.dispatch(dispatch); // as if the dispatcher had been taken over and run again
            assertThat(hooks.deliveries(hook, 10)).hasSize(1);
        }
    }
}
