package dev.marcus.core.planning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a reference written in a description ("the schema", "storage", "Backend and Frontend", "step 2", "the
 * previous step", "both of the above") to the tasks it means, the same way for every planner. In order:
 * <ol>
 *   <li>a task's exact name ("Step 1" when a task is called that);</li>
 *   <li>ordinals: "step N" / "#N" (the step numbered N in the referring list, else the section numbered N, else the
 *       N-th task), "the previous step", "the above" (the task before), "both of the above" (the two before), "all of
 *       the above" / "everything else" (every task before);</li>
 *   <li>a feature's exact name (all its tasks);</li>
 *   <li>by meaning-bearing words ({@link Words}): a feature whose words are exactly the reference's, else the tasks
 *       whose names contain every word of the reference ("the X" finds a task whose name contains X); among several,
 *       those whose head noun is the reference's, then one group made from one sentence counts as one, a plural
 *       reference takes them all, and else the one that comes before the referring task;</li>
 *   <li>else the task that shares the most distinctive words (found in at most two task names) with the reference.</li>
 * </ol>
 * What stays ambiguous or unresolved is a warning (with its line), never a refusal: the plan is made without that
 * dependency. A reference to the referring task's own feature means the tasks of that feature written before it.
 */
public final class References {
    /**
     * A task that can be referred to.
     *
     * @param index position in the description; {@code line} its line (0 when it has none, as in an LLM's answer);
     *     {@code scope} {@code s:…} for the tasks made of one sentence; {@code listId}, {@code number} the numbered
     *     list it is in and its number there (-1 when not numbered); {@code sectionNumber} the "Step N" of its heading
     */
    public record Target(String key, String name, String feature, int index, String scope, int line, int listId, int number,
                  int sectionNumber) {
    }

    /** What a reference resolved to; {@code warning} is null when it resolved cleanly. */
    public record Result(List<Target> targets, String warning) {
    }

    private static final Pattern STEP = Pattern.compile("(?i)^(?:the\\s+)?(?:step|task|item|no\\.?|number|#)\\s*#?\\s*(\\d{1,3})\\b.*$");
    private static final Pattern STEP_INSIDE = Pattern.compile("(?i)\\b(?:step|#)\\s*(\\d{1,3})\\b");
    private static final Pattern PREVIOUS = Pattern.compile(
            "(?i)^(?:the\\s+)?(?:(?:previous|prior|preceding|last)\\s+(?:step|task|item|one)|step\\s+before|(?:one|step)\\s+above|above)(?:'s?\\b.*)?$");
    private static final Pattern BOTH_ABOVE = Pattern.compile("(?i)^(?:both|the\\s+two)\\s+(?:of\\s+)?(?:the\\s+)?(?:above|previous(?:\\s+(?:steps|tasks|ones))?)$");
    private static final Pattern ALL_ABOVE = Pattern.compile(
            "(?i)^(?:all\\s+(?:of\\s+)?(?:the\\s+)?(?:above|previous(?:\\s+\\w+)?|rest)|everything(?:\\s+else)?(?:\\s+above)?|the\\s+rest)$");
    private static final Pattern PRONOUN = Pattern.compile("\\b(?:it|that|this|them|those|these)\\b");
    private static final String[] ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
        "eighth", "ninth", "tenth"};

    private final List<Target> all;
    private final Map<Target, Set<String>> stems = new HashMap<>();
    private final Map<Target, String> heads = new HashMap<>();
    private final Map<String, Integer> nameFrequency = new HashMap<>();
    private final Map<Target, String> normName = new HashMap<>();
    private final Map<String, String> normFeature = new HashMap<>();
    private final Map<String, Set<String>> featureStems = new HashMap<>();

    public References(List<Target> all) {
        this.all = all;
        for (Target t : all) {
            normName.put(t, Words.norm(t.name()));
            normFeature.computeIfAbsent(t.feature(), Words::norm);
            featureStems.computeIfAbsent(t.feature(), Words::stemSet);
            Set<String> s = Words.stemSet(t.name());
            stems.put(t, s);
            heads.put(t, Words.head(t.name()));
        }
        // how many tasks' names hold a word: the tasks of one sentence count once
        Map<String, Set<String>> holders = new HashMap<>();
        for (Target t : all) {
            String who = t.scope().startsWith("s:") ? t.scope() : t.key();
            stems.get(t).forEach(w -> holders.computeIfAbsent(w, k -> new java.util.HashSet<>()).add(who));
        }
        holders.forEach((w, h) -> nameFrequency.put(w, h.size()));
    }

    Set<String> stemsOf(Target t) {
        return stems.get(t);
    }

    String headOf(Target t) {
        return heads.get(t);
    }

    /** Resolves {@code ref}, written by {@code from} (null when it is a whole feature's reference). */
    public Result resolve(String ref, Target from) {
        String r = ref.strip().replaceAll("^[\"'`(]+|[\"'`).]+$", "").strip();
        String where = from == null ? "" : from.line() > 0 ? "line " + from.line() + ": " : "task '" + from.name() + "': ";
        String n = Words.norm(r.replaceFirst("(?i)^(?:the|task|feature)\\s+", ""));
        List<Target> exact = new ArrayList<>();
        List<Target> feature = new ArrayList<>();
        for (Target t : all) {
            if (t != from && normName.get(t).equals(n)) {
                exact.add(t);
            }
        }
        if (!exact.isEmpty()) {
            return new Result(exact, null); // a task named "Step 1" is that task, whatever the numbering
        }
        List<Target> ordinal = ordinal(r, from);
        if (ordinal != null) {
            return ordinal.isEmpty()
                    ? new Result(List.of(), where + "'" + r + "' names no step of this description; no dependency was added for it")
                    : new Result(ordinal, null);
        }
        for (Target t : all) {
            if (!t.feature().isEmpty() && normFeature.get(t.feature()).equals(n)) {
                feature.add(t);
            }
        }
        if (!feature.isEmpty()) {
            return new Result(ofFeature(feature, from), null);
        }
        Set<String> want = Words.stemSet(r);
        if (want.isEmpty()) {
            // a pronoun ("once that is done", "once nothing uses it"): the task before
            Target before = PRONOUN.matcher(n).find() ? previous(from) : null;
            return before == null
                    ? new Result(List.of(), where + "'" + r + "' names no task or feature of this description; no dependency was added for it")
                    : new Result(List.of(before), null);
        }
        // a feature whose words are the reference's
        Map<String, List<Target>> features = new java.util.LinkedHashMap<>();
        for (Target t : all) {
            if (!t.feature().isEmpty() && featureStems.get(t.feature()).equals(want)) {
                features.computeIfAbsent(t.feature(), k -> new ArrayList<>()).add(t);
            }
        }
        if (features.size() == 1) {
            return new Result(ofFeature(features.values().iterator().next(), from), null);
        }
        // tasks whose names hold every word of the reference
        List<Target> holding = new ArrayList<>();
        for (Target t : all) {
            if (eligible(t, from) && stems.get(t).containsAll(want)) {
                holding.add(t);
            }
        }
        if (!holding.isEmpty()) {
            return choose(r, want, holding, from, where);
        }
        // a feature that holds every word
        List<Target> inFeature = new ArrayList<>();
        for (Target t : all) {
            if (eligible(t, from) && !t.feature().isEmpty() && featureStems.get(t.feature()).containsAll(want)) {
                inFeature.add(t);
            }
        }
        if (!inFeature.isEmpty() && inFeature.stream().map(Target::feature).distinct().count() == 1) {
            return new Result(ofFeature(inFeature, from), null);
        }
        // the best partial match on distinctive words
        String refHead = lastOf(want);
        int best = 0;
        List<Target> top = new ArrayList<>();
        for (Target t : all) {
            if (!eligible(t, from)) {
                continue;
            }
            int score = 0;
            for (String w : want) {
                if (stems.get(t).contains(w) && nameFrequency.getOrDefault(w, 0) <= 2) {
                    score += w.equals(refHead) ? 3 : 2;
                }
            }
            if (score > best) {
                best = score;
                top.clear();
                top.add(t);
            } else if (score == best && score > 0) {
                top.add(t);
            }
        }
        if (best > 0) {
            List<Target> group = oneGroup(top);
            if (group != null) {
                return new Result(group, null);
            }
            Target before = lastBefore(top, from);
            if (before != null && top.stream().filter(t -> from == null || t.index() < from.index()).count() == 1) {
                return new Result(List.of(before), null);
            }
            return new Result(List.of(), where + "'" + r + "' could mean " + names(top) + "; no dependency was added for it");
        }
        return new Result(List.of(), where + "'" + r + "' names no task or feature of this description; no dependency was added for it");
    }

    private Result choose(String r, Set<String> want, List<Target> holding, Target from, String where) {
        if (holding.size() == 1) {
            return new Result(holding, null);
        }
        String refHead = lastOf(want);
        List<Target> byHead = holding.stream().filter(t -> heads.get(t).equals(refHead)).toList();
        List<Target> pool = byHead.isEmpty() ? holding : byHead;
        if (pool.size() == 1) {
            return new Result(pool, null);
        }
        List<Target> group = oneGroup(pool);
        if (group != null) {
            return new Result(group, null);
        }
        if (Words.plural(r)) {
            return new Result(pool, null);
        }
        List<Target> before = from == null ? pool : pool.stream().filter(t -> t.index() < from.index()).toList();
        if (before.size() == 1) {
            return new Result(before, null);
        }
        List<Target> groupBefore = before.isEmpty() ? null : oneGroup(before);
        if (groupBefore != null) {
            return new Result(groupBefore, null);
        }
        return new Result(List.of(), where + "'" + r + "' could mean " + names(pool) + "; no dependency was added for it"
                + " (name the task)");
    }

    /** The tasks when all come from one sentence (a design → implement → test group), else null. */
    private static List<Target> oneGroup(List<Target> ts) {
        String scope = ts.get(0).scope();
        return scope.startsWith("s:") && ts.stream().allMatch(t -> t.scope().equals(scope)) ? ts : null;
    }

    private boolean eligible(Target t, Target from) {
        return from == null || (t != from && !(t.scope().startsWith("s:") && t.scope().equals(from.scope())));
    }

    /** A feature's tasks; when the referring task belongs to it, only those written before it (and not of its sentence). */
    private List<Target> ofFeature(List<Target> tasks, Target from) {
        if (from == null) {
            return tasks;
        }
        List<Target> out = new ArrayList<>();
        boolean own = tasks.stream().anyMatch(t -> t.feature().equals(from.feature()));
        for (Target t : tasks) {
            if (eligible(t, from) && (!own || t.index() < from.index())) {
                out.add(t);
            }
        }
        return out;
    }

    /** Ordinal references; null when {@code r} is not one. */
    private List<Target> ordinal(String r, Target from) {
        String x = r.toLowerCase(Locale.ROOT);
        for (int i = 0; i < ORDINAL_WORDS.length; i++) {
            x = x.replaceAll("^(?:the\\s+)?" + ORDINAL_WORDS[i] + "\\s+(step|task|item)\\b", "step " + (i + 1));
        }
        if (PREVIOUS.matcher(x).matches()) {
            Target p = previous(from);
            return p == null ? List.of() : List.of(p);
        }
        if (BOTH_ABOVE.matcher(x).matches()) {
            List<Target> out = new ArrayList<>();
            Target p = previous(from);
            Target q = p == null ? null : previous(p);
            if (q != null) {
                out.add(q);
            }
            if (p != null) {
                out.add(p);
            }
            return out;
        }
        if (ALL_ABOVE.matcher(x).matches()) {
            return from == null ? List.of() : all.stream().filter(t -> t.index() < from.index() && eligible(t, from)).toList();
        }
        Matcher m = STEP.matcher(x);
        if (!m.matches()) {
            Matcher inside = STEP_INSIDE.matcher(x);
            if (!inside.find()) {
                return null;
            }
            m = inside;
        }
        int number = Integer.parseInt(m.group(1));
        // the step with that number in the referring list, else the section, else the n-th task
        if (from != null && from.listId() >= 0) {
            for (Target t : all) {
                if (t.listId() == from.listId() && t.number() == number && t != from) {
                    return List.of(t);
                }
            }
        }
        List<Target> section = all.stream().filter(t -> t.sectionNumber() == number && t != from).toList();
        if (!section.isEmpty()) {
            return ofFeature(section, from);
        }
        for (Target t : all) {
            if (t.number() == number && t != from) {
                return List.of(t);
            }
        }
        return number >= 1 && number <= all.size() && all.get(number - 1) != from ? List.of(all.get(number - 1)) : List.of();
    }

    /** The task written before {@code from}, outside its sentence. */
    private Target previous(Target from) {
        if (from == null) {
            return null;
        }
        Target best = null;
        for (Target t : all) {
            if (t.index() < from.index() && eligible(t, from) && (best == null || t.index() > best.index())) {
                best = t;
            }
        }
        if (best != null && best.scope().startsWith("s:")) {
            // a sentence's group: its last task (the test after the implementation)
            for (Target t : all) {
                if (t.scope().equals(best.scope()) && t.index() > best.index() && t.index() < from.index()) {
                    best = t;
                }
            }
        }
        return best;
    }

    private static Target lastBefore(List<Target> ts, Target from) {
        Target best = null;
        for (Target t : ts) {
            if ((from == null || t.index() < from.index()) && (best == null || t.index() > best.index())) {
                best = t;
            }
        }
        return best;
    }

    private static String lastOf(Set<String> s) {
        String last = "";
        for (String w : s) {
            last = w;
        }
        return last;
    }

    private static String names(List<Target> ts) {
        List<String> n = new ArrayList<>();
        for (Target t : ts.subList(0, Math.min(4, ts.size()))) {
            n.add("'" + t.name() + "'");
        }
        return String.join(" or ", n) + (ts.size() > 4 ? " (and " + (ts.size() - 4) + " more)" : "");
    }

    /** Every key of a resolution, for planners that only need keys. */
    public static List<String> keys(Result r) {
        return r.targets().stream().map(Target::key).toList();
    }

    static Set<String> keySet(List<Target> ts) {
        Set<String> out = new LinkedHashSet<>();
        ts.forEach(t -> out.add(t.key()));
        return out;
    }
}
