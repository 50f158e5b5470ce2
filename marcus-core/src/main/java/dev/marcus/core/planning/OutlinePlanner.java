package dev.marcus.core.planning;

import dev.marcus.core.error.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Reads a Markdown outline literally, with the {@link OutlineGrammar}: headings are features, top-level bullets (or
 * numbered steps) are tasks, bullets nested under a task are its acceptance criteria; {@code after X} and the other
 * dependency phrases name a task or a feature, resolved by {@link References} (a reference that names nothing, or
 * could mean two tasks, is a warning of the plan). Nothing is guessed: no phase rules, no prose. Every task is
 * labelled {@code feature:<slug>} of its heading.
 */
public final class OutlinePlanner implements ProjectPlanner {

    @Override
    public String name() {
        return "outline";
    }

    @Override
    public ProjectPlan plan(String description) {
        if (description == null || description.isBlank()) {
            throw new ValidationException("description", "is required: write a Markdown outline, one bullet per task");
        }
        List<String> features = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<OutlineGrammar.Draft> drafts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String feature = "";
        int taskIndent = -1;
        String[] lines = description.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher h = OutlineGrammar.HEADING.matcher(lines[i]);
            if (h.matches()) {
                feature = OutlineGrammar.heading(h.group(2)).feature();
                if (!feature.isEmpty() && !features.contains(feature)) {
                    features.add(feature);
                }
                taskIndent = -1;
                continue;
            }
            Matcher m = OutlineGrammar.ITEM.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).replace("\t", "    ").length();
            if (taskIndent < 0 || indent <= taskIndent || drafts.isEmpty()) {
                taskIndent = indent;
                OutlineGrammar.Draft d = OutlineGrammar.parseTask(m.group(3), feature, i + 1, drafts.size() + 1);
                if (d == null) {
                    warnings.add("line " + (i + 1) + ": a list item without a name was left out");
                    continue;
                }
                String name = d.name;
                for (int k = 2; !names.add(Words.norm(d.name)); k++) {
                    d.name = name + " (" + k + ")";
                }
                if (!d.name.equals(name)) {
                    warnings.add("line " + (i + 1) + ": task name '" + name + "' is used twice; the second is named '" + d.name + "'");
                }
                drafts.add(d);
            } else {
                drafts.get(drafts.size() - 1).criteria.add(m.group(3).strip());
            }
        }
        if (drafts.isEmpty()) {
            throw new ValidationException("description",
                    "no tasks found: write a Markdown outline with one bullet ('- ') or numbered step per task, under '#' feature headings");
        }
        List<References.Target> targets = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            OutlineGrammar.Draft d = drafts.get(i);
            targets.add(new References.Target(d.key, d.name, d.feature, i, "f:" + d.feature, d.line, -1, -1, -1));
        }
        References refs = new References(targets);
        List<PlannedTask> out = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            OutlineGrammar.Draft d = drafts.get(i);
            Set<String> deps = new LinkedHashSet<>();
            for (String ref : d.refs) {
                References.Result r = refs.resolve(ref, targets.get(i));
                if (r.warning() != null) {
                    warnings.add(r.warning());
                }
                deps.addAll(References.keys(r));
            }
            List<String> labels = new ArrayList<>(d.labels);
            if (!d.feature.isEmpty()) {
                labels.add("feature:" + OutlineGrammar.slug(d.feature));
            }
            out.add(new PlannedTask(d.key, d.name, d.description, d.feature, d.priority, labels,
                    List.copyOf(deps), d.hours, d.criteria));
        }
        return new ProjectPlan(features, out, warnings);
    }
}
