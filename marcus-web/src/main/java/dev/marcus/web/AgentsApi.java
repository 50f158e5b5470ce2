package dev.marcus.web;

import dev.marcus.core.model.Role;
import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Views;
import io.javalin.http.Context;
import java.util.Map;

/** Agents of a project and their status. */
final class AgentsApi implements ApiRoutes {
    private final ProjectService projects;
    private final AgentService agents;
    private final Access access;

    AgentsApi(ProjectService projects, AgentService agents, Access access) {
        this.projects = projects;
        this.agents = agents;
        this.access = access;
    }

    @Override
    public void register(Routes r) {
        r.get("/api/projects/{projectId}/agents", this::list);
    }

    private void list(Context ctx) {
        var project = projects.resolve(ctx.pathParam("projectId"));
        access.require(ctx, Role.VIEWER, project.id());
        Map<String, Object> body = Views.ok();
        body.put("agents", Views.list(agents.list(project.id().value()), Views::agent));
        ctx.json(body);
    }
}
