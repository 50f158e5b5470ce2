package dev.marcus.core.analytics;

import static dev.marcus.core.analytics.Reports.map;
import static dev.marcus.core.analytics.Reports.time;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.port.Clock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code authenticate}: who the client on this MCP session is, and which tools its client type may use. Sessions
 * are kept in this process (a stdio server is one process per client session) and are not persisted.
 *
 * <p>Policy: {@code admin} may use every tool; {@code developer} every tool but {@code remove_project};
 * {@code agent} the agent loop and the reads an agent needs; {@code observer} only reads (tools named
 * {@code get_*}, {@code list_*}, {@code check_*}, {@code predict_*}, {@code query_*}, {@code diagnose_*},
 * {@code capture_*}, and {@code ping}).
 */
@Singleton
public final class AccessService {
    public static final List<String> CLIENT_TYPES = List.of("observer", "developer", "agent", "admin");
    private static final List<String> READ_PREFIXES = List.of("get_", "list_", "check_", "predict_", "query_",
            "diagnose_", "capture_");
    private static final Set<String> AGENT_TOOLS = Set.of("ping", "authenticate", "register_agent", "request_next_task",
            "report_task_progress", "report_blocker", "get_task_context", "log_decision", "log_artifact",
            "get_project_status", "get_agent_status", "get_current_project", "list_projects", "unassign_task",
            "check_task_dependencies", "diagnose_project", "predict_task_outcome", "get_task_assignment_score");

    /** One authenticated client. */
    public record Session(String clientId, String clientType, String role, Instant authenticatedAt) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private volatile Session current;
    private final Clock clock;

    @Inject
    public AccessService(Clock clock) {
        this.clock = clock;
    }

    public Map<String, Object> authenticate(String clientId, String clientType, String role, Collection<String> tools) {
        if (clientId == null || clientId.isBlank()) {
            throw new ValidationException("client_id", "is required and must not be blank");
        }
        String type = clientType == null ? "" : clientType.strip().toLowerCase(Locale.ROOT);
        if (!CLIENT_TYPES.contains(type)) {
            throw new ValidationException("client_type", "'" + clientType + "' is not one of " + String.join(", ", CLIENT_TYPES));
        }
        if (role == null || role.isBlank()) {
            throw new ValidationException("role", "is required and must not be blank");
        }
        Session s = new Session(clientId.strip(), type, role.strip(), clock.now());
        sessions.put(s.clientId(), s);
        current = s;
        List<String> allowed = tools.stream().filter(t -> allows(type, t)).toList();
        Map<String, Object> out = map();
        out.put("client_id", s.clientId());
        out.put("client_type", s.clientType());
        out.put("role", s.role());
        out.put("authenticated_at", time(s.authenticatedAt()));
        out.put("available_tools", allowed);
        out.put("tool_count", allowed.size());
        return out;
    }

    /** Whether a client type may use a tool (see the class policy). */
    public static boolean allows(String clientType, String tool) {
        return switch (clientType) {
            case "admin" -> true;
            case "developer" -> !tool.equals("remove_project");
            case "agent" -> AGENT_TOOLS.contains(tool);
            case "observer" -> tool.equals("ping") || tool.equals("authenticate")
                    || READ_PREFIXES.stream().anyMatch(tool::startsWith);
            default -> false;
        };
    }

    /** The client that authenticated last in this process, if any. */
    public Optional<Session> current() {
        return Optional.ofNullable(current);
    }

    public Optional<Session> session(String clientId) {
        return Optional.ofNullable(sessions.get(clientId));
    }
}
