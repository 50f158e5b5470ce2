package dev.marcus.core.service;

import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.ProjectId;
import java.time.Instant;
import java.util.Map;

/** Events for service tests. */
public final class EventBusFixture {
    private EventBusFixture() {
    }

    public static Event event(EventType type, ProjectId project) {
        return new Event(1_000_000, type, project, null, null, Map.of(), Instant.now());
    }
}
