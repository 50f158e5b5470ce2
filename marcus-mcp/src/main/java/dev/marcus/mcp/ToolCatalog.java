package dev.marcus.mcp;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ArtifactService;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ContextService;
import dev.marcus.core.service.DecisionService;
import dev.marcus.core.service.Limits;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.tools.AddFeatureTool;
import dev.marcus.mcp.tools.AddTaskTool;
import dev.marcus.mcp.tools.CreateProjectTool;
import dev.marcus.mcp.tools.CreateTasksTool;
import dev.marcus.mcp.tools.GetAgentStatusTool;
import dev.marcus.mcp.tools.GetCurrentProjectTool;
import dev.marcus.mcp.tools.GetProjectStatusTool;
import dev.marcus.mcp.tools.GetTaskContextTool;
import dev.marcus.mcp.tools.ListProjectsTool;
import dev.marcus.mcp.tools.ListRegisteredAgentsTool;
import dev.marcus.mcp.tools.LogArtifactTool;
import dev.marcus.mcp.tools.LogDecisionTool;
import dev.marcus.mcp.tools.PingTool;
import dev.marcus.mcp.tools.RegisterAgentTool;
import dev.marcus.mcp.tools.ReportBlockerTool;
import dev.marcus.mcp.tools.ReportTaskProgressTool;
import dev.marcus.mcp.tools.RequestNextTaskTool;
import dev.marcus.mcp.tools.SelectProjectTool;
import dev.marcus.mcp.tools.SwitchProjectTool;
import dev.marcus.mcp.tools.UnassignTaskTool;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Every Marcus tool, built from the core services: one list for the stdio server, the HTTP transport and the
 * generated tool reference. Dagger can construct it ({@code @Inject}); code without Dagger uses {@link #of(MarcusCore)}.
 */
public final class ToolCatalog {
    private final List<MarcusTool> tools;

    @Inject
    public ToolCatalog(ProjectService projects, AgentService agents, AssignmentService assignments,
                       ProgressService progress, ContextService context, DecisionService decisions,
                       ArtifactService artifacts, Limits limits) {
        this.tools = List.of(
                new PingTool(projects),
                new RegisterAgentTool(agents),
                new RequestNextTaskTool(assignments),
                new ReportTaskProgressTool(progress),
                new ReportBlockerTool(progress),
                new GetTaskContextTool(context, agents),
                new LogDecisionTool(decisions),
                new LogArtifactTool(artifacts, agents, limits),
                new GetProjectStatusTool(projects),
                new GetAgentStatusTool(agents),
                new ListRegisteredAgentsTool(agents, projects),
                new UnassignTaskTool(progress),
                new CreateProjectTool(projects, limits),
                new CreateTasksTool(projects, limits),
                new AddFeatureTool(projects, limits),
                new AddTaskTool(projects),
                new ListProjectsTool(projects),
                new SelectProjectTool(projects),
                new SwitchProjectTool(projects),
                new GetCurrentProjectTool(projects));
    }

    /** The catalog over a hand-wired core. */
    public static ToolCatalog of(MarcusCore core) {
        return new ToolCatalog(core.projects(), core.agents(), core.assignments(), core.progress(), core.context(),
                core.decisions(), core.artifacts(), core.limits());
    }

    /** Every tool, agent loop first. */
    public List<MarcusTool> all() {
        return tools;
    }

    /** The tools a profile lists. */
    public List<MarcusTool> forProfile(ToolProfile profile) {
        return tools.stream().filter(t -> profile.includes(t.profile())).toList();
    }
}
