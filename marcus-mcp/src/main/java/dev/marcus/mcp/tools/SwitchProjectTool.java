package dev.marcus.mcp.tools;

import dev.marcus.core.service.ProjectService;
import jakarta.inject.Inject;

/** {@code switch_project}: the same as {@code select_project}, under the name older prompts use. */
public final class SwitchProjectTool extends SelectProjectTool {

    @Inject
    public SwitchProjectTool(ProjectService projects) {
        super(projects);
    }

    @Override
    public String name() {
        return "switch_project";
    }

    @Override
    public String description() {
        return "Switches the active project, found by project_id or by name (same as select_project).";
    }
}
