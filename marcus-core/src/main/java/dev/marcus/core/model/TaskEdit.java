package dev.marcus.core.model;

import dev.marcus.core.service.ProjectService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A human's change to a task's description fields; a {@code null} component leaves that field as it is. Values are
 * already validated and normalised (see {@code ProjectService.updateTask}).
 */
public record TaskEdit(String name, String description, Priority priority, List<String> labels, Double estimatedHours,
                       List<String> acceptanceCriteria) {
    /** How much of a long text (a description) an event keeps of its value before and after. */
    public static final int EVENT_TEXT_CHARS = 500;

    public TaskEdit {
        labels = labels == null ? null : List.copyOf(labels);
        acceptanceCriteria = acceptanceCriteria == null ? null : List.copyOf(acceptanceCriteria);
    }

    /** True when no field is to change. */
    public boolean isEmpty() {
        return name == null && description == null && priority == null && labels == null && estimatedHours == null
                && acceptanceCriteria == null;
    }

    /**
     * The {@code task_updated} event data of applying this edit to {@code before}: {@code changed} (the changed
     * fields, comma-separated) and {@code <field>_before} / {@code <field>_after} for each; empty when nothing changes.
     * Every store writes exactly this, so the event reads the same whatever the backend.
     */
    public Map<String, String> changes(Task before) {
        Map<String, String> data = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        diff(data, changed, "name", before.name(), name);
        diff(data, changed, "description", clip(before.description()), description == null ? null : clip(description));
        diff(data, changed, "priority", before.priority().wire(), priority == null ? null : priority.wire());
        diff(data, changed, "labels", String.join(", ", before.labels()), labels == null ? null : String.join(", ", labels));
        diff(data, changed, "estimated_hours", hours(before.estimatedHours()), estimatedHours == null ? null : hours(estimatedHours));
        diff(data, changed, "acceptance_criteria", String.join(", ", before.acceptanceCriteria()),
                acceptanceCriteria == null ? null : String.join(", ", acceptanceCriteria));
        // a description that differs only past the clipped length still changed
        if (description != null && !description.equals(before.description()) && !changed.contains("description")) {
            changed.add("description");
            data.put("description_before", clip(before.description()));
            data.put("description_after", clip(description));
        }
        if (changed.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("changed", String.join(",", changed));
        out.putAll(data);
        return out;
    }

    private static void diff(Map<String, String> data, List<String> changed, String field, String was, String now) {
        if (now != null && !Objects.equals(was, now)) {
            changed.add(field);
            data.put(field + "_before", was == null ? "" : was);
            data.put(field + "_after", now);
        }
    }

    private static String hours(Double h) {
        return h == null ? "" : h.toString();
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= EVENT_TEXT_CHARS ? s : s.substring(0, EVENT_TEXT_CHARS) + "…";
    }
}
