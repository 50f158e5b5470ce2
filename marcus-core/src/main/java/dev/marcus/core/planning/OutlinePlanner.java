package dev.marcus.core.planning;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Markdown outline: headings are features, top-level bullets (or numbered steps) are tasks, bullets nested
 * under a task are its acceptance criteria. In a task line:
 * <ul>
 *   <li>{@code Name: description} or {@code Name — description} splits name from description;</li>
 *   <li>{@code after X}, {@code depends on X}, {@code requires X}, {@code once X is done} (several joined by commas or
 *       "and") name dependencies: a task by name, or a feature by name (then every task of that feature);</li>
 *   <li>{@code [high]} (any priority) sets the priority, other {@code [words]} become labels;</li>
 *   <li>{@code (3h)} or {@code (2.5 hours)} is the estimate.</li>
 * </ul>
 * Every task is labelled {@code feature:<slug>} of its heading.
 */
public final class OutlinePlanner implements ProjectPlanner {
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)(?:[-*+]|\\d{1,3}[.)])\\s+(?:\\[[ xX]\\]\\s+)?(.+?)\\s*$");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "(?i)[(;,—–-]?\\s*\\b(?:after|depends on|depending on|requires|once)\\s+(.+?)(?:\\s+(?:is|are)\\s+(?:done|finished|complete))?\\s*\\)?\\s*$");
    private static final Pattern TAG = Pattern.compile("\\[([A-Za-z][\\w:/.+-]{0,40})]");
    private static final Pattern ESTIMATE = Pattern.compile("(?i)\\(\\s*~?(\\d{1,4}(?:\\.\\d{1,2})?)\\s*(?:h|hrs?|hours?)\\s*\\)");
    private static final Pattern SPLIT = Pattern.compile("\\s*(?:,|\\band\\b|&)\\s*");

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
        List<Draft> drafts = new ArrayList<>();
        String feature = "";
        int taskIndent = -1;
        String[] lines = description.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                feature = h.group(2).replaceFirst("(?i)^(feature|phase|epic)\\s*\\d*\\s*[:.-]\\s*", "").strip();
                if (!feature.isEmpty() && !features.contains(feature)) {
                    features.add(feature);
                }
                taskIndent = -1;
                continue;
            }
            Matcher m = ITEM.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).replace("\t", "    ").length();
            if (taskIndent < 0 || indent <= taskIndent || drafts.isEmpty()) {
                taskIndent = indent;
                drafts.add(parseTask(m.group(2), feature, i + 1, drafts.size() + 1));
            } else {
                drafts.get(drafts.size() - 1).criteria.add(m.group(2).strip());
            }
        }
        if (drafts.isEmpty()) {
            throw new ValidationException("description",
                    "no tasks found: write a Markdown outline with one bullet ('- ') or numbered step per task, under '#' feature headings");
        }
        return new ProjectPlan(features, resolve(drafts));
    }

    static Draft parseTask(String text, String feature, int line, int position) {
        Draft d = new Draft();
        d.line = line;
        d.key = "t" + position;
        d.feature = feature;
        String rest = text;
        Matcher est = ESTIMATE.matcher(rest);
        if (est.find()) {
            d.hours = Double.parseDouble(est.group(1));
            rest = (rest.substring(0, est.start()) + rest.substring(est.end())).strip();
        }
        Matcher tag = TAG.matcher(rest);
        StringBuilder kept = new StringBuilder();
        while (tag.find()) {
            String word = tag.group(1).toLowerCase(Locale.ROOT);
            Priority p = priorityOf(word);
            if (p != null) {
                d.priority = p;
            } else {
                d.labels.add(word);
            }
            tag.appendReplacement(kept, "");
        }
        tag.appendTail(kept);
        rest = kept.toString().replaceAll("\\s{2,}", " ").strip();
        Matcher dep = DEPENDENCY.matcher(rest);
        if (dep.find()) {
            for (String ref : SPLIT.split(dep.group(1).replaceAll("[.)]+$", "").strip())) {
                String r = ref.strip().replaceAll("^(the|task)\\s+", "").replaceAll("^[\"'`]|[\"'`]$", "");
                if (!r.isEmpty()) {
                    d.refs.add(r);
                }
            }
            rest = rest.substring(0, dep.start()).replaceAll("[\\s(;,—–-]+$", "").strip();
        }
        String name = rest;
        String desc = "";
        int cut = indexOfSeparator(rest);
        if (cut > 0) {
            name = rest.substring(0, cut).strip();
            desc = rest.substring(cut).replaceFirst("^\\s*(?::|—|–|\\s-)\\s*", "").strip();
        }
        name = name.replaceAll("^\\*\\*(.*)\\*\\*$", "$1").strip();
        if (name.isEmpty()) {
            throw new ValidationException("description", "line " + line + ": a task needs a name before its details");
        }
        d.name = name;
        d.description = desc;
        return d;
    }

    private static int indexOfSeparator(String s) {
        int best = -1;
        for (String sep : new String[] {": ", " — ", " – ", " - "}) {
            int i = s.indexOf(sep);
            if (i > 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private static Priority priorityOf(String word) {
        for (Priority p : Priority.values()) {
            if (p.wire().equals(word)) {
                return p;
            }
        }
        return switch (word) {
            case "critical", "p0" -> Priority.URGENT;
            case "p1" -> Priority.HIGH;
            case "p2" -> Priority.MEDIUM;
            case "p3" -> Priority.LOW;
            default -> null;
        };
    }

    private static List<PlannedTask> resolve(List<Draft> drafts) {
        Map<String, List<Draft>> byName = new LinkedHashMap<>();
        Map<String, List<Draft>> byFeature = new LinkedHashMap<>();
        for (Draft d : drafts) {
            byName.computeIfAbsent(norm(d.name), k -> new ArrayList<>()).add(d);
            if (!d.feature.isEmpty()) {
                byFeature.computeIfAbsent(norm(d.feature), k -> new ArrayList<>()).add(d);
            }
        }
        for (Map.Entry<String, List<Draft>> e : byName.entrySet()) {
            if (e.getValue().size() > 1) {
                throw new ValidationException("description", "line " + e.getValue().get(1).line + ": task name '"
                        + e.getValue().get(1).name + "' is used twice; names must be unique so that 'after' can refer to them");
            }
        }
        List<PlannedTask> out = new ArrayList<>();
        for (Draft d : drafts) {
            Set<String> deps = new LinkedHashSet<>();
            for (String ref : d.refs) {
                List<Draft> targets = lookup(ref, byName, byFeature, drafts);
                if (targets.isEmpty()) {
                    throw new ValidationException("description", "line " + d.line + ": '" + ref
                            + "' does not name a task or a feature of this outline");
                }
                for (Draft t : targets) {
                    if (t != d) {
                        deps.add(t.key);
                    }
                }
            }
            List<String> labels = new ArrayList<>(d.labels);
            if (!d.feature.isEmpty()) {
                labels.add("feature:" + slug(d.feature));
            }
            out.add(new PlannedTask(d.key, d.name, d.description, d.feature, d.priority, labels,
                    List.copyOf(deps), d.hours, d.criteria));
        }
        return out;
    }

    private static List<Draft> lookup(String ref, Map<String, List<Draft>> byName, Map<String, List<Draft>> byFeature,
                                      List<Draft> all) {
        String n = norm(ref);
        if (byName.containsKey(n)) {
            return byName.get(n);
        }
        if (byFeature.containsKey(n)) {
            return byFeature.get(n);
        }
        List<Draft> partial = new ArrayList<>();
        for (Draft d : all) {
            if (norm(d.name).startsWith(n)) {
                partial.add(d);
            }
        }
        return partial.size() == 1 ? partial : List.of();
    }

    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    static String slug(String s) {
        return norm(s).replace(' ', '-');
    }

    static final class Draft {
        int line;
        String key;
        String name;
        String description;
        String feature;
        Priority priority = Priority.MEDIUM;
        Double hours;
        final List<String> labels = new ArrayList<>();
        final List<String> refs = new ArrayList<>();
        final List<String> criteria = new ArrayList<>();
    }
}
