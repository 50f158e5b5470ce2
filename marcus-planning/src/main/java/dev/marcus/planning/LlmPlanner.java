package dev.marcus.planning;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Priority;
import dev.marcus.core.planning.PlanValidator;
import dev.marcus.core.planning.PlannedTask;
import dev.marcus.core.planning.ProjectPlan;
import dev.marcus.core.planning.ProjectPlanner;
import dev.marcus.core.planning.References;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Asks an LLM for a plan as JSON against a fixed schema, checks every field, and validates the graph
 * ({@link PlanValidator}) before returning it. A {@code depends_on} entry that is not the exact name of a task is
 * resolved like a reference in a description ({@link References}: "the schema", "step 2"), and one that names nothing
 * or could mean two tasks becomes a warning of the plan, as with the offline planner. It writes nothing: a bad answer
 * (malformed, a cycle, a duplicate) is an exception naming what is wrong.
 */
public class LlmPlanner implements ProjectPlanner {
    static final String SYSTEM = """
            You plan software projects for a team of AI coding agents. Answer with ONE JSON object and nothing else:
            {"features": [string], "tasks": [{"name": string (unique), "description": string, "feature": string,
              "priority": "low"|"medium"|"high"|"urgent", "labels": [string], "depends_on": [task name],
              "estimated_hours": number, "acceptance_criteria": [string]}]}
            Rules: every depends_on entry is the exact name of another task in the list; no cycles; design before
            implementation, implementation before tests, tests before docs, deployment last; label each task with one of
            type:design, type:implement, type:integration, type:test, type:docs, type:deploy, plus backend or frontend
            where it applies; give every task at least one checkable acceptance criterion.""";

    private final LlmClient client;
    private final String name;

    public LlmPlanner(String name, LlmClient client) {
        this.name = name;
        this.client = client;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProjectPlan plan(String description) {
        if (description == null || description.isBlank()) {
            throw new ValidationException("description", "is required");
        }
        String answer = client.complete(SYSTEM, "Plan this project:\n\n" + description);
        return PlanValidator.check(parse(answer), name);
    }

    /** Reads the answer's JSON into a plan; throws {@link ValidationException} on {@code plan} when it does not fit. */
    ProjectPlan parse(String answer) {
        String json = answer.strip().replaceAll("^```(?:json)?\\s*", "").replaceAll("\\s*```$", "");
        int start = json.indexOf('{');
        if (start < 0) {
            throw refused("the answer contains no JSON object");
        }
        JsonNode root;
        try {
            root = LlmClient.JSON.readTree(json.substring(start));
        } catch (JacksonException e) {
            String why = json.lastIndexOf('}') < 0 || e.getMessage().contains("end-of-input")
                    ? "the JSON answer is cut off (truncated output)" : "the answer is malformed JSON";
            throw refused(why + " at " + e.getLocation());
        }
        JsonNode tasks = root.path("tasks");
        if (!tasks.isArray() || tasks.isEmpty()) {
            throw refused("'tasks' must be a non-empty array");
        }
        Map<String, String> keyByName = new HashMap<>();
        int n = 0;
        for (JsonNode t : tasks) {
            n++;
            String taskName = text(t, "name", n, true);
            if (keyByName.put(taskName.strip().toLowerCase(Locale.ROOT), "t" + n) != null) {
                throw refused("task '" + taskName + "' appears twice");
            }
        }
        Set<String> features = new LinkedHashSet<>();
        for (JsonNode f : root.path("features")) {
            if (f.isString() && !f.asString().isBlank()) {
                features.add(f.asString().strip());
            }
        }
        // every task first, so that dependencies can be resolved against all of them, as the offline planner does
        List<References.Target> targets = new ArrayList<>();
        n = 0;
        for (JsonNode t : tasks) {
            n++;
            String feature = text(t, "feature", n, false).strip();
            targets.add(new References.Target("t" + n, text(t, "name", n, true).strip(), feature, n - 1, "f:" + feature,
                    0, -1, -1, -1));
        }
        References references = new References(targets);
        List<String> warnings = new ArrayList<>();
        List<PlannedTask> out = new ArrayList<>();
        n = 0;
        for (JsonNode t : tasks) {
            n++;
            References.Target self = targets.get(n - 1);
            String taskName = self.name();
            String feature = self.feature();
            if (!feature.isBlank()) {
                features.add(feature);
            }
            Set<String> deps = new LinkedHashSet<>();
            for (String d : strings(t, "depends_on", n)) {
                String exact = keyByName.get(d.strip().toLowerCase(Locale.ROOT));
                if (exact != null && !exact.equals(self.key())) {
                    deps.add(exact);
                    continue;
                }
                if (exact != null) {
                    warnings.add("task '" + taskName + "' named itself as a dependency; that dependency was left out");
                    continue;
                }
                // not an exact name: the same resolution as for a description ("the schema", "step 2")
                References.Result r = references.resolve(d, self);
                if (r.warning() != null) {
                    warnings.add(r.warning());
                }
                deps.addAll(References.keys(r));
            }
            Double hours = null;
            JsonNode h = t.path("estimated_hours");
            if (!h.isMissingNode() && !h.isNull()) {
                if (!h.isNumber()) {
                    throw refused("task '" + taskName + "': estimated_hours must be a number");
                }
                hours = h.asDouble();
            }
            out.add(new PlannedTask("t" + n, taskName, text(t, "description", n, false), feature,
                    priority(text(t, "priority", n, false), taskName), strings(t, "labels", n), List.copyOf(deps), hours,
                    strings(t, "acceptance_criteria", n)));
        }
        return new ProjectPlan(List.copyOf(features), out, warnings);
    }

    private String text(JsonNode t, String field, int n, boolean required) {
        JsonNode v = t.path(field);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw refused("task " + n + " has no '" + field + "'");
            }
            return "";
        }
        if (!v.isString()) {
            throw refused("task " + n + ": '" + field + "' must be a string");
        }
        if (required && v.asString().isBlank()) {
            throw refused("task " + n + " has an empty '" + field + "'");
        }
        return v.asString();
    }

    private List<String> strings(JsonNode t, String field, int n) {
        JsonNode v = t.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw refused("task " + n + ": '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString()) {
                throw refused("task " + n + ": '" + field + "' must be an array of strings");
            }
            if (!e.asString().isBlank()) {
                out.add(e.asString().strip());
            }
        }
        return out;
    }

    private Priority priority(String raw, String task) {
        if (raw.isBlank()) {
            return Priority.MEDIUM;
        }
        try {
            return Priority.parse("priority", raw.strip().toLowerCase(Locale.ROOT));
        } catch (ValidationException e) {
            throw refused("task '" + task + "': priority '" + raw + "' is not low, medium, high or urgent");
        }
    }

    private ValidationException refused(String why) {
        return new ValidationException("plan", "the " + name + " planner's answer was refused, nothing was written: " + why);
    }
}
