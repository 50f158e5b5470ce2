package dev.marcus.core.integration;

import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.job.ClaimedJob;
import dev.marcus.core.job.Job;
import dev.marcus.core.job.NewJob;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.Ids;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.IntegrationStore;
import dev.marcus.core.port.JobQueue;
import dev.marcus.core.port.SecretBox;
import dev.marcus.core.port.StorageBackend;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Outbound webhooks: a project's hooks, and the fan-out of its events into one delivery job per hook and event.
 * Delivery ids are {@code wh-<hook>-<event>}, so a fan-out that runs twice (a dispatcher taken over after a crash)
 * enqueues nothing twice. The delivery itself (HTTP, payloads, signatures) is an adapter's {@link #DELIVER} handler.
 */
public final class WebhookService {
    /** The job kind of one delivery: ref the hook id, payload the event id. */
    public static final String DELIVER = "webhook.deliver";
    /** The recurring job that turns new events into deliveries; its state is the last event id looked at. */
    public static final String DISPATCH = "webhook-dispatch";
    private static final Set<String> FORMATS = Set.of("generic", "slack");
    private static final int PAGE = 1000;
    private static final int PAGES_PER_RUN = 20;

    /** A webhook just made, with its secret: the only time the secret is shown. */
    public record Created(Webhook webhook, String secret) {
    }

    private final IntegrationStore store;
    private final JobQueue queue;
    private final StorageBackend storage;
    private final SecretBox secrets;
    private final Clock clock;
    private final int maxAttempts;

    public WebhookService(IntegrationStore store, JobQueue queue, StorageBackend storage, SecretBox secrets, Clock clock,
                          int maxAttempts) {
        this.store = store;
        this.queue = queue;
        this.storage = storage;
        this.secrets = secrets;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /** Adds a webhook to a project; the answer carries its signing secret, which is never shown again. */
    public Created create(ProjectId project, String url, String format, List<String> events, String createdBy) {
        String u = checkUrl(url);
        String f = format == null || format.isBlank() ? "generic" : format.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new ValidationException("format", "'" + format + "' is not one of generic, slack");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String e : events == null ? List.<String>of() : events) {
            types.add(EventType.parse("events", e).wire());
        }
        String secret = Signatures.newSecret("whsec");
        Webhook hook = store.addWebhook(new Webhook(Ids.random("hook"), project, u, f, List.copyOf(types),
                secrets.seal(secret), Signatures.hint(secret), true, createdBy, clock.now()));
        return new Created(hook, secret);
    }

    static String checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new ValidationException("url", "is required (the http(s) address to POST events to)");
        }
        try {
            URI u = new URI(url.strip());
            if (!Set.of("http", "https").contains(String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT))
                    || u.getHost() == null) {
                throw new ValidationException("url", "'" + url + "' is not an http(s) URL with a host");
            }
            return u.toString();
        } catch (java.net.URISyntaxException e) {
            throw new ValidationException("url", "'" + url + "' is not a URL: " + e.getReason());
        }
    }

    public List<Webhook> list(ProjectId project) {
        return store.webhooks(project);
    }

    public Webhook require(String id) {
        return store.findWebhook(id).orElseThrow(() -> new NotFoundException("webhook_id", "no webhook '" + id + "'"));
    }

    public void remove(String id) {
        if (!store.removeWebhook(id)) {
            throw new NotFoundException("webhook_id", "no webhook '" + id + "'");
        }
    }

    /** A hook's deliveries, newest first: pending, retrying, done and dead (the dead letters). */
    public List<Job> deliveries(String hookId, int limit) {
        return queue.list(DELIVER, hookId, limit);
    }

    /**
     * The dispatcher's run: enqueues a delivery per hook for every event after the cursor ({@code job.state()}) and
     * returns the new cursor. Events from before a hook was made are not sent to it.
     */
    public String dispatch(ClaimedJob job) {
        long cursor = job.state() == null ? 0 : Long.parseLong(job.state());
        List<Webhook> hooks = store.activeWebhooks();
        if (hooks.isEmpty()) {
            return Long.toString(Math.max(cursor, storage.lastEventId()));
        }
        Instant now = clock.now();
        for (int page = 0; page < PAGES_PER_RUN; page++) {
            List<Event> events = storage.eventsAfter(cursor, null, PAGE);
            for (Event e : events) {
                fanOut(e, hooks, now);
                cursor = e.id();
            }
            if (events.size() < PAGE) {
                break;
            }
        }
        return Long.toString(cursor);
    }

    private int fanOut(Event e, List<Webhook> hooks, Instant now) {
        int added = 0;
        if (e.projectId() == null) {
            return 0;
        }
        for (Webhook h : hooks) {
            if (h.project().equals(e.projectId()) && h.wants(e.type().wire()) && !e.at().isBefore(h.createdAt())) {
                if (queue.enqueue(new NewJob("wh-" + h.id() + "-" + e.id(), DELIVER, h.id(), Long.toString(e.id()), now,
                        maxAttempts), now)) {
                    added++;
                }
            }
        }
        return added;
    }

    /** Sends a test event to a hook now (as a delivery job); the job id. */
    public String ping(String hookId) {
        Webhook h = require(hookId);
        Instant now = clock.now();
        String id = "wh-" + h.id() + "-ping-" + now.toEpochMilli();
        queue.enqueue(new NewJob(id, DELIVER, h.id(), "ping", now, 1), now);
        return id;
    }
}
