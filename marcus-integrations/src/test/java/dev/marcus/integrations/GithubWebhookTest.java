package dev.marcus.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.AccessDeniedException;
import dev.marcus.core.integration.GithubService;
import dev.marcus.core.integration.Signatures;
import dev.marcus.core.integration.TaskLink;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.NewProject;
import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.SecretBox;
import dev.marcus.core.event.EventRelay;
import dev.marcus.core.event.InProcessEventBus;
import dev.marcus.security.AesGcmSecretBox;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubWebhookTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ProjectId PROJECT = new ProjectId("proj-gh");
    private static final TaskId HELD = new TaskId("task-held00000000");
    private static final TaskId READY = new TaskId("task-ready0000000");
    private static final TaskId WAITING = new TaskId("task-wait00000000");

    @TempDir
    Path dir;
    private SqliteStorageBackend store;
    private GithubService github;

    @BeforeEach
    void setUp() {
        store = SqliteStorageBackend.open(dir.resolve("marcus.db"));
        store.createProject(new NewProject(PROJECT, "Shop", "", null), List.of(
                task(HELD, "Schema", List.of()), task(READY, "Docs", List.of()), task(WAITING, "API", List.of(HELD))), T0);
        store.registerAgent(new AgentRegistration(new AgentId("agent-1"), PROJECT, "one", "dev", List.of()), T0);
        store.claimFirstReady(new AgentId("agent-1"), List.of(HELD), T0.plusSeconds(600), T0);
        SecretBox box = AesGcmSecretBox.fromEnvOrHome(null, dir);
        Clock clock = () -> T0.plusSeconds(5);
        github = new GithubService(store.integrations(), store, box, clock, new EventRelay(store, new InProcessEventBus()));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static NewTask task(TaskId id, String name, List<TaskId> deps) {
        return new NewTask(id, name, "", Priority.MEDIUM, List.of(), deps, List.of(), null, List.of(), null);
    }

    private static byte[] pr(String action, boolean merged, String branch, String title) {
        return ("{\"action\":\"" + action + "\",\"pull_request\":{\"number\":42,\"title\":\"" + title
                + "\",\"html_url\":\"https://github.com/acme/shop/pull/42\",\"merged\":" + merged
                + ",\"head\":{\"ref\":\"" + branch + "\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeliveryWithABadOrMissingSignature_isRefused_andChangesNothing() {
        String secret = github.newSecret(PROJECT);
        byte[] body = pr("closed", true, "feature/" + HELD.value(), "Schema");
        assertThatThrownBy(() -> github.verify(PROJECT, body, Signatures.sign("wrong", body)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("X-Hub-Signature-256");
        assertThatThrownBy(() -> github.verify(PROJECT, body, null)).isInstanceOf(AccessDeniedException.class);
        byte[] altered = pr("closed", true, "feature/" + READY.value(), "Schema");
        assertThatThrownBy(() -> github.verify(PROJECT, altered, Signatures.sign(secret, body)))
                .isInstanceOf(AccessDeniedException.class);
        github.verify(PROJECT, body, Signatures.sign(secret, body)); // the right one passes
        assertThat(store.findTask(HELD).orElseThrow().status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void projectWithoutASecret_refusesEveryDelivery() {
        byte[] body = pr("opened", false, "x", "y");
        assertThatThrownBy(() -> github.verify(PROJECT, body, Signatures.sign("anything", body)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("no GitHub webhook secret");
    }

    @Test
    void openedPullRequest_isLinkedByBranchOrTitle_andMergingMovesTheTasksToDone() {
        var opened = GithubPayload.pullRequest("pull_request",
                pr("opened", false, "feature/" + HELD.value() + "-schema", "Docs for " + READY.value())).orElseThrow();
        GithubService.Outcome first = github.pullRequest(PROJECT, opened);
        assertThat(first.linked()).containsExactly(HELD.value(), READY.value());
        assertThat(first.done()).isEmpty();
        assertThat(github.links(HELD)).extracting(TaskLink::url, TaskLink::state, TaskLink::number)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("https://github.com/acme/shop/pull/42", "open", 42));

        var merged = GithubPayload.pullRequest("pull_request",
                pr("closed", true, "feature/" + HELD.value() + "-" + READY.value(), "x " + WAITING.value())).orElseThrow();
        GithubService.Outcome second = github.pullRequest(PROJECT, merged);
        // HELD as its holder; READY and then WAITING (ready once HELD was done) by the github agent
        assertThat(second.done()).containsExactly(HELD.value(), READY.value(), WAITING.value());
        assertThat(store.findTask(HELD).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
        assertThat(store.findTask(HELD).orElseThrow().lastMessage()).contains("pull request #42 merged");
        assertThat(store.findTask(READY).orElseThrow().status()).isEqualTo(TaskStatus.DONE);
        assertThat(github.links(HELD)).singleElement().extracting(TaskLink::state).isEqualTo("merged");
        assertThat(GithubPayload.pullRequest("ping", new byte[0])).isEmpty();
    }
}
