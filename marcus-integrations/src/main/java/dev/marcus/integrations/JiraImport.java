package dev.marcus.integrations;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Priority;
import dev.marcus.core.planning.PlannedTask;
import dev.marcus.core.planning.ProjectPlan;
import dev.marcus.core.planning.ProjectPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JIRA JSON export (the {@code {"issues": [...]}} of a JIRA search, as the REST API and export tools write it,
 * or a bare array of issues) into a project plan. Each issue not yet done becomes a task named {@code KEY summary};
 * "blocks" / "is blocked by" / "depends on" links become dependencies (links to done or absent issues are dropped,
 * since that work is finished or elsewhere); priorities map Highest/High/Medium/Low/Lowest onto
 * urgent/high/medium/low; the epic or parent becomes the feature; the original estimate becomes hours.
 */
public final class JiraImport implements ProjectPlanner {
    private final ProjectPlan plan;
    private final int skippedDone;

    private JiraImport(ProjectPlan plan, int skippedDone) {
        this.plan = plan;
        this.skippedDone = skippedDone;
    }

    /** @throws ValidationException ({@code file}) when the text is not a JIRA export */
    public static JiraImport parse(String json) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(json);
        } catch (JacksonException e) {
            throw new ValidationException("file", "is not JSON: " + e.getOriginalMessage());
        }
        JsonNode issues = root.isArray() ? root : root.path("issues");
        if (!issues.isArray() || issues.isEmpty()) {
            throw new ValidationException("file", "has no issues: expected {\"issues\": [...]} (a JIRA search export) or an array of issues");
        }
        Map<String, JsonNode> open = new LinkedHashMap<>();
        Set<String> done = new LinkedHashSet<>();
        for (JsonNode issue : issues) {
            String key = issue.path("key").asString("");
            if (key.isBlank()) {
                throw new ValidationException("file", "an issue has no key");
            }
            if (isDone(issue.path("fields"))) {
                done.add(key);
            } else {
                open.put(key, issue);
            }
        }
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        open.keySet().forEach(k -> deps.put(k, new LinkedHashSet<>()));
        for (Map.Entry<String, JsonNode> e : open.entrySet()) {
            for (JsonNode link : e.getValue().path("fields").path("issuelinks")) {
                JsonNode type = link.path("type");
                String words = (type.path("name").asString("") + " " + type.path("inward").asString("") + " "
                        + type.path("outward").asString("")).toLowerCase(Locale.ROOT);
                if (!words.contains("block") && !words.contains("depend")) {
                    continue; // relates, duplicates, clones: no order
                }
                String inward = link.path("inwardIssue").path("key").asString(null);
                String outward = link.path("outwardIssue").path("key").asString(null);
                if (inward != null && open.containsKey(inward)) {
                    deps.get(e.getKey()).add(inward); // this issue "is blocked by" / "depends on" inward
                }
                if (outward != null && open.containsKey(outward)) {
                    deps.get(outward).add(e.getKey()); // this issue "blocks" outward
                }
            }
        }
        Set<String> features = new LinkedHashSet<>();
        List<PlannedTask> tasks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : open.entrySet()) {
            JsonNode f = e.getValue().path("fields");
            String summary = f.path("summary").asString("").strip();
            String feature = feature(f);
            if (feature != null) {
                features.add(feature);
            }
            List<String> labels = new ArrayList<>();
            f.path("labels").forEach(l -> labels.add(l.asString()));
            labels.add("jira:" + e.getKey());
            JsonNode estimate = f.path("timeoriginalestimate");
            Double hours = estimate.isNumber() ? estimate.asDouble() / 3600.0 : null;
            tasks.add(new PlannedTask(e.getKey(), e.getKey() + " " + (summary.isEmpty() ? "(no summary)" : summary),
                    text(f.path("description")), feature, priority(f.path("priority").path("name").asString("")), labels,
                    List.copyOf(deps.get(e.getKey())), hours, List.of()));
        }
        if (tasks.isEmpty()) {
            throw new ValidationException("file", "every one of its " + done.size() + " issues is done: nothing to import");
        }
        return new JiraImport(new ProjectPlan(List.copyOf(features), tasks), done.size());
    }

    private static boolean isDone(JsonNode fields) {
        JsonNode status = fields.path("status");
        String category = status.path("statusCategory").path("key").asString("");
        String name = status.path("name").asString("").toLowerCase(Locale.ROOT);
        return "done".equalsIgnoreCase(category) || Set.of("done", "closed", "resolved").contains(name);
    }

    private static String feature(JsonNode f) {
        JsonNode parent = f.path("parent");
        if (!parent.isMissingNode() && !parent.isNull()) {
            String s = parent.path("fields").path("summary").asString("");
            return s.isBlank() ? parent.path("key").asString(null) : s;
        }
        String epic = f.path("epic").path("name").asString("");
        return epic.isBlank() ? null : epic;
    }

    static Priority priority(String jira) {
        return switch (jira.strip().toLowerCase(Locale.ROOT)) {
            case "highest", "blocker", "critical" -> Priority.URGENT;
            case "high", "major" -> Priority.HIGH;
            case "low", "lowest", "minor", "trivial" -> Priority.LOW;
            default -> Priority.MEDIUM;
        };
    }

    /** Plain text, or the text of an Atlassian Document Format tree (JIRA Cloud). */
    static String text(JsonNode description) {
        if (description.isString()) {
            return description.asString();
        }
        StringBuilder out = new StringBuilder();
        collect(description, out);
        return out.toString().strip();
    }

    private static void collect(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            if ("text".equals(node.path("type").asString("")) && node.has("text")) {
                out.append(node.path("text").asString());
            }
            collect(node.path("content"), out);
            if ("paragraph".equals(node.path("type").asString(""))) {
                out.append('\n');
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }

    /** How many done issues were left out. */
    public int skippedDone() {
        return skippedDone;
    }

    /** The plan read from the file, whatever text is passed. */
    @Override
    public ProjectPlan plan(String description) {
        return plan;
    }

    @Override
    public String name() {
        return "jira";
    }
}
