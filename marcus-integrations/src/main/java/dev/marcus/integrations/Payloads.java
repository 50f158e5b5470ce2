package dev.marcus.integrations;

import dev.marcus.core.integration.Webhook;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Task;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies Marcus POSTs: its own JSON ({@code generic}), or a Slack incoming-webhook message ({@code slack}).
 */
final class Payloads {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Payloads() {
    }

    static byte[] body(Webhook hook, String deliveryId, Event e, Optional<Project> project, Optional<Task> task) {
        Object body = "slack".equals(hook.format()) ? Map.of("text", sentence(e, project, task))
                : generic(deliveryId, e, project, task);
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> generic(String deliveryId, Event e, Optional<Project> project, Optional<Task> task) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delivery_id", deliveryId);
        m.put("event", e.type().wire());
        m.put("event_id", e.id());
        m.put("at", e.at().toString());
        m.put("project_id", e.projectId() == null ? null : e.projectId().value());
        m.put("project_name", project.map(Project::name).orElse(null));
        m.put("task_id", e.taskId() == null ? null : e.taskId().value());
        m.put("task_name", task.map(Task::name).orElse(null));
        m.put("agent_id", e.agentId() == null ? null : e.agentId().value());
        m.put("data", e.data());
        return m;
    }

    /** One line for people: "*Shop*: task_completed — “Design the schema” by agent-7". */
    static String sentence(Event e, Optional<Project> project, Optional<Task> task) {
        StringBuilder s = new StringBuilder();
        s.append('*').append(project.map(Project::name).orElse(e.projectId() == null ? "Marcus" : e.projectId().value()))
                .append("*: ").append(e.type().wire().replace('_', ' '));
        task.ifPresent(t -> s.append(" — “").append(t.name()).append('”'));
        if (e.agentId() != null) {
            s.append(" by ").append(e.agentId().value());
        }
        String message = e.data().get("message");
        if (message != null && !message.isBlank()) {
            s.append(": ").append(message.length() > 200 ? message.substring(0, 200) + "…" : message);
        }
        return s.toString();
    }
}
