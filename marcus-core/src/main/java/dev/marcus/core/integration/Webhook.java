package dev.marcus.core.integration;

import dev.marcus.core.model.ProjectId;
import java.time.Instant;
import java.util.List;

/**
 * An outbound webhook of a project: events of the listed types are POSTed to {@code url}, signed with HMAC-SHA256.
 * The signing secret is kept sealed ({@link dev.marcus.core.port.SecretBox}); only its last characters
 * ({@code secretHint}) are ever shown again.
 *
 * @param format {@code generic} (Marcus's JSON) or {@code slack} (an incoming-webhook message)
 * @param events event types (wire names) to send; empty for all
 */
public record Webhook(String id, ProjectId project, String url, String format, List<String> events, String secretSealed,
                      String secretHint, boolean active, String createdBy, Instant createdAt) {
    public Webhook {
        events = List.copyOf(events);
    }

    /** Whether an event of this type goes to this hook. */
    public boolean wants(String eventType) {
        return active && (events.isEmpty() || events.contains(eventType));
    }
}
