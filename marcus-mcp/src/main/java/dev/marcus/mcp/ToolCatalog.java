package dev.marcus.mcp;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.analytics.AccessService;
import dev.marcus.core.analytics.BoardHealthService;
import dev.marcus.core.analytics.ExperimentService;
import dev.marcus.core.analytics.HistoryService;
import dev.marcus.core.analytics.MetricsService;
import dev.marcus.core.analytics.PredictionService;
import dev.marcus.core.analytics.UsageService;
import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ArtifactService;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ContextService;
import dev.marcus.core.service.DecisionService;
import dev.marcus.core.service.Limits;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectRegistryService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.tools.*;
import jakarta.inject.Inject;
import java.util.ArrayList;
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
                       ArtifactService artifacts, Limits limits, ProjectRegistryService registry,
                       BoardHealthService health, PredictionService predictions, MetricsService metrics,
                       HistoryService history, ExperimentService experiments, UsageService usage,
                       AccessService access) {
        List<MarcusTool> list = new ArrayList<>(List.of(
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
                new GetCurrentProjectTool(projects),
                new AddProjectTool(registry),
                new UpdateProjectTool(registry),
                new RemoveProjectTool(registry),
                new CheckBoardHealthTool(health),
                new CheckTaskDependenciesTool(health),
                new CheckAssignmentHealthTool(health),
                new DiagnoseProjectTool(health),
                new CaptureStallSnapshotTool(health),
                new GetOptimalAgentCountTool(health),
                new GetDesiredAgentCountTool(health),
                new PredictCompletionTimeTool(predictions),
                new PredictTaskOutcomeTool(predictions),
                new PredictBlockageProbabilityTool(predictions),
                new PredictCascadeEffectsTool(predictions),
                new GetTaskAssignmentScoreTool(predictions),
                new GetSystemMetricsTool(metrics),
                new GetAgentMetricsTool(metrics),
                new GetProjectMetricsTool(metrics),
                new GetTaskMetricsTool(metrics),
                new QueryProjectHistoryTool(history),
                new ListProjectHistoryFilesTool(history),
                new StartExperimentTool(experiments),
                new EndExperimentTool(experiments),
                new GetExperimentStatusTool(experiments),
                new GetUsageReportTool(usage),
                new GetCostSummaryTool(usage)));
        list.add(new AuthenticateTool(access, () -> list.stream().map(MarcusTool::name).toList()));
        this.tools = List.copyOf(list);
    }

    /** The catalog over a hand-wired core. */
    public static ToolCatalog of(MarcusCore core) {
        return new ToolCatalog(core.projects(), core.agents(), core.assignments(), core.progress(), core.context(),
                core.decisions(), core.artifacts(), core.limits(), core.registry(), core.health(), core.predictions(),
                core.metrics(), core.history(), core.experiments(), core.usage(), core.access());
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
