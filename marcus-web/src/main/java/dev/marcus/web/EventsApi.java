package dev.marcus.web;

import dev.marcus.core.model.Role;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Views;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The event feed of a project, filtered by agent, task, type and text, paged by {@code after_id}. */
final class EventsApi implements ApiRoutes {
    private static final int MAX_LIMIT = 500;
    private static final int SCAN_BATCH = 1000;
    private static final int MAX_SCANNED = 50_000;

    private final ProjectService projects;
    private final StorageBackend storage;
    private final Access access;

    EventsApi(ProjectService projects, StorageBackend storage, Access access) {
        this.projects = projects;
        this.storage = storage;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/projects/{projectId}/events", this::feed);
    }

    private void feed(Context ctx) {
        var project = projects.resolve(ctx.pathParam("projectId"));
        access.require(ctx, Role.VIEWER, project.id());
        long after = longParam(ctx, "after_id", 0);
        int limit = (int) Math.min(MAX_LIMIT, Math.max(1, longParam(ctx, "limit", 100)));
        String agent = blankToNull(ctx.queryParam("agent_id"));
        String task = blankToNull(ctx.queryParam("task_id"));
        String typeRaw = blankToNull(ctx.queryParam("type"));
        EventType type = typeRaw == null ? null : EventType.parse("type", typeRaw);
        String text = blankToNull(ctx.queryParam("q"));
        String needle = text == null ? null : text.toLowerCase(Locale.ROOT);

        List<Map<String, Object>> out = new ArrayList<>();
        long cursor = after;
        int scanned = 0;
        boolean more = false;
        outer:
        while (scanned < MAX_SCANNED) {
            List<Event> batch = storage.eventsAfter(cursor, project.id(), SCAN_BATCH);
            for (Event e : batch) {
                cursor = e.id();
                scanned++;
                if (matches(e, agent, task, type, needle)) {
                    out.add(view(e));
                    if (out.size() == limit) {
                        more = true;
                        break outer;
                    }
                }
            }
            if (batch.size() < SCAN_BATCH) {
                break;
            }
            more = scanned >= MAX_SCANNED;
        }
        Map<String, Object> body = Views.ok();
        body.put("events", out);
        body.put("next_after_id", cursor);
        body.put("has_more", more);
        ctx.json(body);
    }

    private static boolean matches(Event e, String agent, String task, EventType type, String needle) {
        if (agent != null && (e.agentId() == null || !e.agentId().value().equals(agent))) {
            return false;
        }
        if (task != null && (e.taskId() == null || !e.taskId().value().equals(task))) {
            return false;
        }
        if (type != null && e.type() != type) {
            return false;
        }
        if (needle != null) {
            StringBuilder hay = new StringBuilder(e.type().wire());
            e.data().values().forEach(v -> hay.append(' ').append(v));
            return hay.toString().toLowerCase(Locale.ROOT).contains(needle);
        }
        return true;
    }

    static Map<String, Object> view(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("type", e.type().wire());
        m.put("project_id", e.projectId() == null ? null : e.projectId().value());
        m.put("task_id", e.taskId() == null ? null : e.taskId().value());
        m.put("agent_id", e.agentId() == null ? null : e.agentId().value());
        m.put("data", e.data());
        m.put("at", Views.time(e.at()));
        return m;
    }

    private static long longParam(Context ctx, String name, long dflt) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            long v = Long.parseLong(raw.strip());
            if (v < 0) {
                throw new ValidationException(name, "must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "must be a whole number, got '" + raw + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
