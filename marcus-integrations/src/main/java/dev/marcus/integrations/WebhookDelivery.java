package dev.marcus.integrations;

import dev.marcus.core.integration.Signatures;
import dev.marcus.core.integration.Webhook;
import dev.marcus.core.job.ClaimedJob;
import dev.marcus.core.job.JobHandler;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.port.IntegrationStore;
import dev.marcus.core.port.SecretBox;
import dev.marcus.core.port.StorageBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers one webhook job ({@link dev.marcus.core.integration.WebhookService#DELIVER}): POSTs the event's payload to
 * the hook's URL with {@code X-Marcus-Signature-256: sha256=<HMAC of the body>}, {@code X-Marcus-Event} and
 * {@code X-Marcus-Delivery} (the same id on every retry, so a receiver can drop repeats). Any answer but 2xx, or no
 * answer within the timeout, fails the attempt; the job queue retries it with back-off and keeps it as a dead letter
 * when every attempt failed. A hook deleted meanwhile ends the job quietly.
 */
public final class WebhookDelivery implements JobHandler {
    public static final String SIGNATURE_HEADER = "X-Marcus-Signature-256";
    private final IntegrationStore store;
    private final StorageBackend storage;
    private final SecretBox secrets;
    private final HttpClient http;
    private final Duration timeout;

    public WebhookDelivery(IntegrationStore store, StorageBackend storage, SecretBox secrets, Duration timeout) {
        this.store = store;
        this.storage = storage;
        this.secrets = secrets;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String run(ClaimedJob job) throws IOException, InterruptedException {
        Optional<Webhook> found = store.findWebhook(job.ref());
        if (found.isEmpty() || !found.get().active()) {
            return null;
        }
        Webhook hook = found.get();
        Event event;
        if ("ping".equals(job.payload())) {
            event = new Event(0, EventType.PROJECT_UPDATED, hook.project(), null, null,
                    Map.of("message", "webhook test from Marcus"), Instant.now());
        } else {
            List<Event> events = storage.eventsWithIds(List.of(Long.parseLong(job.payload())));
            if (events.isEmpty()) {
                return null; // archived by retention before it could be sent
            }
            event = events.get(0);
        }
        byte[] body = Payloads.body(hook, job.id(), event,
                event.projectId() == null ? Optional.empty() : storage.findProject(event.projectId()),
                event.taskId() == null ? Optional.empty() : storage.findTask(event.taskId()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Marcus-Webhook/1")
                .header("X-Marcus-Event", event.type().wire())
                .header("X-Marcus-Delivery", job.id())
                .header(SIGNATURE_HEADER, Signatures.sign(secrets.open(hook.secretSealed()), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IOException("no answer from " + where(hook) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from " + where(hook));
        }
        return null;
    }

    /** The hook's address without its query (Slack's secret lives in the path; the host is enough to say where). */
    private static String where(Webhook hook) {
        URI u = URI.create(hook.url());
        return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    }
}
