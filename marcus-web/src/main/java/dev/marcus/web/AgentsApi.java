package dev.marcus.web;

import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Role;
import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Views;
import io.javalin.http.Context;
import java.util.Map;

/** Agents of a project and their status; a human pauses and resumes them. */
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
        r.post("/api/agents/{agentId}/pause", ctx -> setPaused(ctx, true));
        r.post("/api/agents/{agentId}/resume", ctx -> setPaused(ctx, false));
    }

    /** A paused agent keeps the task it holds and gets no new one until it is resumed. */
    private void setPaused(Context ctx, boolean pause) {
        Agent before = agents.require(ctx.pathParam("agentId"));
        access.require(ctx, Role.DEVELOPER, before.projectId());
        Agent after = pause ? agents.pause(before.id().value()) : agents.resume(before.id().value());
        access.audit(ctx, pause ? "agent.pause" : "agent.resume", after.id().value(), state(before), state(after));
        Map<String, Object> body = Views.ok();
        body.put("agent", Views.agent(after));
        ctx.json(body);
    }

    private static String state(Agent a) {
        return a.isPaused() ? "paused" : "running";
    }

    private void list(Context ctx) {
        var project = projects.resolve(ctx.pathParam("projectId"));
        access.require(ctx, Role.VIEWER, project.id());
        Map<String, Object> body = Views.ok();
        body.put("agents", Views.list(agents.list(project.id().value()), Views::agent));
        ctx.json(body);
    }
}
