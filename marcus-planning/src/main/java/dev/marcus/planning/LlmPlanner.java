package dev.marcus.planning;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Priority;
import dev.marcus.core.planning.PlanValidator;
import dev.marcus.core.planning.PlannedTask;
import dev.marcus.core.planning.ProjectPlan;
import dev.marcus.core.planning.ProjectPlanner;
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
 * ({@link PlanValidator}) before returning it. It writes nothing: a bad answer is an exception naming what is wrong.
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
        List<PlannedTask> out = new ArrayList<>();
        Set<String> features = new LinkedHashSet<>();
        for (JsonNode f : root.path("features")) {
            if (f.isString() && !f.asString().isBlank()) {
                features.add(f.asString().strip());
            }
        }
        n = 0;
        for (JsonNode t : tasks) {
            n++;
            String taskName = text(t, "name", n, true).strip();
            String feature = text(t, "feature", n, false);
            if (!feature.isBlank()) {
                features.add(feature.strip());
            }
            List<String> deps = new ArrayList<>();
            for (String d : strings(t, "depends_on", n)) {
                String key = keyByName.get(d.strip().toLowerCase(Locale.ROOT));
                if (key == null) {
                    throw refused("task '" + taskName + "' depends on '" + d + "', which is not a task of the plan");
                }
                deps.add(key);
            }
            Double hours = null;
            JsonNode h = t.path("estimated_hours");
            if (!h.isMissingNode() && !h.isNull()) {
                if (!h.isNumber()) {
                    throw refused("task '" + taskName + "': estimated_hours must be a number");
                }
                hours = h.asDouble();
            }
            out.add(new PlannedTask("t" + n, taskName, text(t, "description", n, false), feature.strip(),
                    priority(text(t, "priority", n, false), taskName), strings(t, "labels", n), deps, hours,
                    strings(t, "acceptance_criteria", n)));
        }
        return new ProjectPlan(List.copyOf(features), out);
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
