package dev.marcus.mcp.tools;

import dev.marcus.core.model.Task;
import dev.marcus.core.service.Limits;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code create_project}: plans a Markdown outline into a validated task graph and makes the project active. */
public final class CreateProjectTool extends AbstractTool {
    private static final ToolSchema OPTIONS = ToolSchema.object()
            .choice("complexity", "prototype, standard or enterprise", false, List.of("prototype", "standard", "enterprise"))
            .integer("team_size", "How many agents will work on it", false)
            .strings("tech_stack", "Technologies, e.g. java, postgres", false)
            .string("deadline", "ISO date", false, 64)
            .string("project_root", "Absolute path of the working directory artifacts are written under", false, 4_096)
            .string("planner", "offline, outline, or the configured LLM planner (default: the configured one)", false, 64);

    private final ProjectService projects;

    @Inject
    public CreateProjectTool(ProjectService projects, Limits limits) {
        super("create_project",
                "Creates a project from a description (prose, numbered steps or a Markdown outline) as a validated task "
                    + "graph, and makes it the active project. References such as 'after the schema' or 'step 2' are "
                    + "resolved by meaning; one that names nothing or two tasks is returned in 'warnings' and left out. "
                    + "An explicit dependency cycle is refused and named. The same call again within 10 minutes returns "
                    + "the first result.",
                schemaFor(limits), ToolProfile.STANDARD);
        this.projects = projects;
    }

    private static ToolSchema schemaFor(Limits limits) {
        return ToolSchema.object()
                    .string("description", "The project in prose, or a Markdown outline: '#' headings are features, top-level bullets are tasks "
                            + "('after X' names a dependency, [high] a priority, (3h) an estimate), nested bullets are "
                            + "acceptance criteria", true, limits.textChars() * 10)
                    .string("project_name", "A unique project name", true, limits.nameChars())
                    .object("options", "Optional settings", false, OPTIONS);
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        Arguments options = args.object("options");
        ProjectService.CreatedProject created = projects.create(args.requireString("project_name"),
                args.requireString("description"), new ProjectService.CreateOptions(options.string("project_root", null),
                        options.string("planner", null)));
        Map<String, Object> out = Views.ok();
        out.put("project_id", created.project().id().value());
        out.put("project_name", created.project().name());
        out.put("tasks_created", created.tasks().size());
        out.put("task_ids", created.tasks().stream().map(t -> t.id().value()).toList());
        out.put("dependencies_mapped", created.dependencies());
        out.put("phases", created.phases());
        out.put("recommended_agents", created.recommendedAgents());
        out.put("project_root", created.project().projectRoot());
        out.put("replayed", created.replayed());
        out.put("warnings", created.warnings());
        out.put("tasks", Views.list(created.tasks(), CreateProjectTool::summary));
        return out;
    }

    static Map<String, Object> summary(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id().value());
        m.put("name", t.name());
        m.put("dependencies", Views.ids(t.dependencies()));
        m.put("labels", t.labels());
        m.put("priority", t.priority().wire());
        m.put("estimated_hours", t.estimatedHours());
        m.put("acceptance_criteria", t.acceptanceCriteria());
        return m;
    }
}
