package dev.marcus.mcp.tools;

import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.ArtifactService;
import dev.marcus.core.service.Limits;
import dev.marcus.mcp.Arguments;
import dev.marcus.mcp.AbstractTool;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.mcp.ToolSchema;
import dev.marcus.mcp.Views;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code log_artifact}: writes a file under {@code project_root} (never outside it) and records it on the task. */
public final class LogArtifactTool extends AbstractTool {
    private final ArtifactService artifacts;
    private final AgentService agents;

    @Inject
    public LogArtifactTool(ArtifactService artifacts, AgentService agents, Limits limits) {
        super("log_artifact",
                "Writes a file you produced under project_root (specification→docs/specifications, api→docs/api, "
                    + "design→docs/design, architecture→docs/architecture, documentation→docs, reference→docs/references, "
                    + "temporary→tmp/artifacts, other→docs/artifacts) and records it; dependent tasks see it in their context.",
                schemaFor(limits), ToolProfile.CORE);
        this.artifacts = artifacts;
        this.agents = agents;
    }

    private static ToolSchema schemaFor(Limits limits) {
        return ToolSchema.object()
                    .string("task_id", Fields.TASK_ID, true, Fields.ID)
                    .string("filename", "A plain file name, e.g. api-spec.md", true, limits.nameChars())
                    .string("content", "The file's content", true, (int) Math.min(Integer.MAX_VALUE, limits.artifactBytes()))
                    .choice("artifact_type", "Decides the default directory", true, List.of("specification", "api",
                            "design", "architecture", "documentation", "reference", "temporary", "other"))
                    .string("project_root", "Absolute path of the project's working directory", true, 4_096)
                    .string("description", "What the file is for", false)
                    .string("location", "A directory relative to project_root, instead of the type's default", false, 4_096)
                    .string("agent_id", "Your agent id; when given, the call renews your lease (extension)", false, Fields.ID);
    }

    @Override
    public Map<String, Object> call(Arguments args) {
        if (args.has("agent_id")) {
            agents.heardFrom(args.requireString("agent_id"));
        }
        ArtifactService.Logged logged = artifacts.log(new ArtifactService.Request(args.requireString("task_id"),
                args.requireString("filename"), args.string("content", null), args.requireString("artifact_type"),
                args.requireString("project_root"), args.string("description", ""), args.string("location", null)));
        Map<String, Object> out = Views.ok();
        out.put("artifact_id", logged.artifact().id());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("location", logged.artifact().location());
        data.put("full_path", logged.fullPath().toString());
        data.put("artifact_type", logged.artifact().type().wire());
        data.put("size_bytes", logged.artifact().sizeBytes());
        out.put("data", data);
        return out;
    }
}
