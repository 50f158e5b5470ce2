package dev.marcus.mcp.tools;

import dev.marcus.core.model.Project;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code ping}: health echo; {@code echo:"health"} adds lease and assignment stats of the active project. */
public final class PingTool extends AbstractTool {
    private static final ToolSchema SCHEMA = ToolSchema.object()
            .string("echo", "Text to echo back; \"health\" adds lease and assignment statistics", false, 1_000);

    private final ProjectService projects;

    @Inject
    public PingTool(ProjectService projects) {
        super("ping",
                "Checks that Marcus answers. Returns the echo; echo=\"health\" adds lease and assignment statistics.",
                SCHEMA, ToolProfile.CORE);
        this.projects = projects;
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        String echo = args.string("echo", "");
        Map<String, Object> out = Views.ok();
        out.put("status", "online");
        out.put("echo", echo);
        out.put("server", "marcus");
        out.put("timestamp", Instant.now().toString());
        if ("health".equalsIgnoreCase(echo.strip())) {
            Map<String, Object> health = new LinkedHashMap<>();
            Optional<Project> current = projects.current();
            health.put("active_project_id", current.map(p -> p.id().value()).orElse(null));
            if (current.isPresent()) {
                ProjectService.ProjectStatus s = projects.status(current.get().id().value());
                health.put("leases_held", s.counts().inProgress());
                health.put("tasks_ready_or_waiting", s.counts().todo());
                health.put("tasks_blocked", s.counts().blocked());
                health.put("tasks_completed", s.counts().done());
                health.put("workers", Map.of("total", s.workersTotal(), "active", s.workersActive(),
                        "available", s.workersAvailable()));
            }
            out.put("health", health);
        }
        return out;
    }
}
