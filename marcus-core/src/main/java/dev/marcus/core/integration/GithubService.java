package dev.marcus.core.integration;

import dev.marcus.core.error.AccessDeniedException;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.NewEvent;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.IntegrationStore;
import dev.marcus.core.port.ProgressReport;
import dev.marcus.core.port.SecretBox;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.event.EventRelay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inbound GitHub webhook of a project: requests are accepted only with a valid {@code X-Hub-Signature-256}
 * under the project's secret; a pull request whose branch name or title carries a task id ({@code task-…}) is linked
 * to that task, and merging it moves the task to {@code done}: completed as its holder when an agent holds it, or
 * claimed and completed by the agent {@value #AGENT} when it is ready and nobody holds it. A task that is waiting on
 * dependencies or blocked keeps its status (the link shows the merge).
 */
public final class GithubService {
    /** The agent that finishes merged tasks nobody holds. */
    public static final String AGENT = "github";
    private static final Pattern TASK_ID = Pattern.compile("task-[0-9a-z]{12}");

    /** What the adapter read from a {@code pull_request} delivery. */
    public record PullRequest(String action, int number, String title, String url, String branch, boolean merged) {
        /** {@code merged}, {@code closed} or {@code open}. */
        public String state() {
            return merged ? "merged" : "closed".equals(action) ? "closed" : "open";
        }
    }

    /** What a delivery did, for GitHub's delivery log. */
    public record Outcome(List<String> linked, List<String> done, List<String> notes) {
    }

    private final IntegrationStore store;
    private final StorageBackend storage;
    private final SecretBox secrets;
    private final Clock clock;
    private final EventRelay relay;

    public GithubService(IntegrationStore store, StorageBackend storage, SecretBox secrets, Clock clock, EventRelay relay) {
        this.store = store;
        this.storage = storage;
        this.secrets = secrets;
        this.clock = clock;
        this.relay = relay;
    }

    /** Makes a new secret for the project's GitHub webhook and returns it (shown this once). */
    public String newSecret(ProjectId project) {
        String secret = Signatures.newSecret("ghsec");
        store.putGithubSecret(project, secrets.seal(secret), Signatures.hint(secret), clock.now());
        return secret;
    }

    /**
     * Refuses the delivery unless {@code signature} is the HMAC of {@code body} under the project's secret.
     *
     * @throws AccessDeniedException UNAUTHENTICATED for a missing or wrong signature, or a project without a secret
     */
    public void verify(ProjectId project, byte[] body, String signature) {
        Optional<String> sealed = store.githubSecret(project);
        if (sealed.isEmpty()) {
            throw new AccessDeniedException(AccessDeniedException.Kind.UNAUTHENTICATED,
                    "no GitHub webhook secret is set for this project; an admin makes one on the Integrations page");
        }
        if (signature == null || !Signatures.verify(secrets.open(sealed.get()), body, signature)) {
            throw new AccessDeniedException(AccessDeniedException.Kind.UNAUTHENTICATED,
                    "X-Hub-Signature-256 is missing or does not match the project's webhook secret");
        }
    }

    /** The task ids named in a branch name and a title, in order. */
    static Set<TaskId> taskIds(String... texts) {
        Set<TaskId> ids = new LinkedHashSet<>();
        for (String t : texts) {
            if (t == null) {
                continue;
            }
            Matcher m = TASK_ID.matcher(t.toLowerCase(java.util.Locale.ROOT));
            while (m.find()) {
                ids.add(new TaskId(m.group()));
            }
        }
        return ids;
    }

    /** Links the pull request to the tasks it names (in this project), and finishes them when it was merged. */
    public Outcome pullRequest(ProjectId project, PullRequest pr) {
        List<String> linked = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Instant now = clock.now();
        for (TaskId id : taskIds(pr.branch(), pr.title())) {
            Optional<Task> found = storage.findTask(id).filter(t -> t.projectId().equals(project));
            if (found.isEmpty()) {
                notes.add(id.value() + ": no such task in this project");
                continue;
            }
            Task task = found.get();
            store.putLink(new TaskLink(task.id(), "github_pr", pr.url(), pr.title(), pr.state(), pr.number(), now, now));
            Map<String, String> data = new LinkedHashMap<>();
            data.put("kind", "github_pr");
            data.put("url", pr.url());
            data.put("number", Integer.toString(pr.number()));
            data.put("state", pr.state());
            storage.appendEvent(new NewEvent(EventType.TASK_LINKED, project, task.id(), null, data), now);
            linked.add(task.id().value());
            if (pr.merged()) {
                finish(task, pr, now).ifPresentOrElse(notes::add, () -> done.add(task.id().value()));
            }
        }
        relay.poke();
        return new Outcome(linked, done, notes);
    }

    /** Moves a merged task to done; empty when it did, else why not. */
    private Optional<String> finish(Task task, PullRequest pr, Instant now) {
        String message = "pull request #" + pr.number() + " merged: " + pr.url();
        if (task.status() == TaskStatus.DONE) {
            return Optional.empty();
        }
        if (task.status() == TaskStatus.IN_PROGRESS && task.assignee() != null) {
            storage.completeTask(new ProgressReport(task.id(), task.assignee(), task.leaseEpoch(), 100, message, 0, 0), now);
            return Optional.empty();
        }
        if (task.status() != TaskStatus.TODO) {
            return Optional.of(task.id().value() + ": is " + task.status().wire() + "; it stays so (the link shows the merge)");
        }
        AgentId github = new AgentId(AGENT + "-" + task.projectId().value());
        storage.registerAgent(new AgentRegistration(github, task.projectId(), "GitHub", "integration", List.of()), now);
        Optional<Task> claimed = storage.claimFirstReady(github, List.of(task.id()), now.plusSeconds(60), now);
        if (claimed.isEmpty()) {
            return Optional.of(task.id().value() + ": is waiting on dependencies; it stays todo (the link shows the merge)");
        }
        storage.completeTask(new ProgressReport(task.id(), github, claimed.get().leaseEpoch(), 100, message, 0, 0), now);
        return Optional.empty();
    }

    public List<TaskLink> links(TaskId task) {
        return store.links(task);
    }
}
