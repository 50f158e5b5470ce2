package dev.marcus.mcp;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code docs/reference/mcp-tools.md} from the tool classes themselves, so the reference cannot drift from
 * what the server publishes. {@code ToolReferenceTest} fails when the committed file differs.
 */
public final class ToolReference {
    private ToolReference() {
    }

    public static String markdown(Collection<? extends MarcusTool> tools) {
        StringBuilder b = new StringBuilder();
        b.append("# MCP tool reference\n\n")
                .append("<!-- Generated from the tool classes by dev.marcus.mcp.ToolReference; do not edit by hand.\n")
                .append("     Regenerate: ./mvnw -pl marcus-mcp -am test -Dtest=ToolReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dmarcus.docs.write=true -->\n\n")
                .append("Every tool returns one JSON object with `success`; a failure is a tool result with `isError: true` and an\n")
                .append("`error` naming the field or the rule (and a `reason` code for refused state changes). `*` marks a required\n")
                .append("parameter. `MARCUS_TOOLS` chooses the profile: `core` ⊂ `standard` (default) ⊂ `all`. With accounts on\n")
                .append("(MCP over HTTP; see docs/security/accounts.md) each tool also needs a role, and an API token reaches only its\n")
                .append("own project: an omitted `project_id` means the token's project.\n\n");
        b.append("| profile | tools |\n|---|---|\n");
        for (ToolProfile p : ToolProfile.values()) {
            List<String> names = tools.stream().filter(t -> p.includes(t.profile())).map(MarcusTool::name).toList();
            b.append("| `").append(p.wire()).append("` (").append(names.size()).append(") | ")
                    .append(String.join(", ", names.stream().map(n -> "`" + n + "`").toList())).append(" |\n");
        }
        for (MarcusTool t : tools) {
            b.append("\n## `").append(t.name()).append("`\n\n")
                    .append(t.description().strip()).append("\n\n")
                    .append("Smallest profile: `").append(t.profile().wire()).append("`. ")
                    .append(access(t.name())).append("\n\n");
            Map<String, ToolSchema.Property> props = t.schema().properties();
            if (props.isEmpty()) {
                b.append("No parameters.\n");
                continue;
            }
            b.append("| parameter | type | description |\n|---|---|---|\n");
            appendProperties(b, props, "");
        }
        return b.toString();
    }

    /** What the caller needs when accounts are on (MCP over HTTP with API tokens), from {@link ToolAccess}. */
    private static String access(String tool) {
        ToolAccess.Rule rule = ToolAccess.of(tool);
        String reach = switch (rule.reach()) {
            case NONE -> "any token";
            case PROJECT -> "a token of the project it acts on";
            case INSTALLATION -> "a caller not scoped to one project (not a project's API token)";
        };
        return "With accounts on: role `" + rule.role().wire() + "`, " + reach + ".";
    }

    private static void appendProperties(StringBuilder b, Map<String, ToolSchema.Property> props, String prefix) {
        for (ToolSchema.Property p : props.values()) {
            String type = p.type().json + (p.allowed().isEmpty() ? "" : ": " + String.join(" \\| ", p.allowed()));
            b.append("| `").append(prefix).append(p.name()).append(p.required() ? "`*" : "`").append(" | ")
                    .append(type).append(" | ").append(p.description().replace("|", "\\|").replace("\n", " ")).append(" |\n");
            if (p.nested() != null) {
                appendProperties(b, p.nested().properties(), prefix + p.name() + ".");
            }
        }
    }
}
