package dev.marcus.core.planning;

import dev.marcus.core.model.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of outlines, read by the outline planner and the offline planner alike:
 * <ul>
 *   <li>a heading ({@code #} to {@code ######}) is a feature; a prefix such as {@code Phase 2:}, {@code Step 1:},
 *       {@code Epic:} or {@code 3.} is dropped, and a step or phase number is kept (numbered sections follow each
 *       other);</li>
 *   <li>a bullet ({@code -}, {@code *}, {@code +}, with or without a {@code [ ]} checkbox) or a numbered step
 *       ({@code 1.} or {@code 1)}) is a task; one indented under a task is an acceptance criterion of it;</li>
 *   <li>in a task line: {@code Name: details} (or {@code —}, {@code –}, {@code -}) splits name from description;
 *       {@code [high]} (any priority, or {@code p0}–{@code p3}, {@code critical}) sets the priority and other
 *       {@code [words]} become labels; {@code (3h)} or {@code (2.5 hours)} is the estimate;</li>
 *   <li>dependencies: a parenthesis, or a trailing phrase, starting with <i>after, depends on, depending on,
 *       blocked by, waits for, once, when … is ready</i>, or (after a comma, semicolon, dash or parenthesis)
 *       <i>needs, requires, on top of, following</i>; several joined by commas, "and" or "&amp;". "This depends on X"
 *       after a semicolon counts too. A mention of "step 2" or "the previous step" anywhere in the line is a
 *       reference as well.</li>
 * </ul>
 */
final class OutlineGrammar {
    private OutlineGrammar() {
    }

    static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    static final Pattern ITEM = Pattern.compile("^(\\s*)([-*+]|\\d{1,3}[.)])\\s+(?:\\[[ xX]\\]\\s+)?(.+?)\\s*$");
    private static final Pattern HEADING_PREFIX = Pattern.compile(
            "(?i)^(?:(feature|phase|epic|milestone|step|part|stage|sprint)\\s*(\\d{1,3})?|(\\d{1,3}))\\s*[:.)\\-–—]\\s*(?=\\S)");
    private static final Pattern TAG = Pattern.compile("\\[([A-Za-z][\\w:/.+-]{0,40})]");
    private static final Pattern ESTIMATE = Pattern.compile("(?i)\\(\\s*~?(\\d{1,4}(?:\\.\\d{1,2})?)\\s*(?:h|hrs?|hours?)\\s*\\)");
    private static final String STRONG = "after|depends on|depending on|blocked by|waits? for|waiting for|once|on top of";
    private static final String WEAK = "needs|requires|required|following|prerequisites?:?";
    private static final String STATE = "(?:is|are|has been|have been|gets|get)\\s+(?:done|finished|complete|completed|ready"
            + "|built|in place|working|merged|live|available|agreed|verified|shipped)";
    /** A parenthesis naming dependencies: "(after X)", "(needs X and Y)". */
    private static final Pattern PAREN_DEP = Pattern.compile(
            "(?i)\\(\\s*(?:(?:this|it|which)\\s+(?:also\\s+)?)?(?:" + STRONG + "|" + WEAK + ")\\s+([^()]+?)(?:\\s+" + STATE + ")?\\s*\\)");
    /** A trailing phrase naming dependencies: "…, after X", "…; this depends on X", "… once X is done". */
    private static final Pattern TRAILING_DEP = Pattern.compile(
            "(?i)(?:(?:[;,—–]|\\s-)\\s*(?:(?:this|it|which)\\s+(?:also\\s+)?)?(?:" + STRONG + "|" + WEAK + ")"
                    + "|\\s(?:(?:this|it|which)\\s+(?:also\\s+)?)?(?:" + STRONG + ")"
                    + "|\\swhen(?=\\s.+?\\s(?:" + STATE + "|exists?|works?|lands?|ships?)\\s*$))\\s+(.+?)(?:\\s+" + STATE + ")?\\s*$");
    private static final Pattern ORDINAL_MENTION = Pattern.compile(
            "(?i)\\b(?:the\\s+)?(?:previous|prior|preceding|last)\\s+step\\b|\\bsteps?\\s+\\d{1,3}(?:\\s*(?:,|and|&)\\s*\\d{1,3})*\\b");
    static final Pattern SPLIT = Pattern.compile("\\s*(?:,|;|\\band\\b|&)\\s*");
    private static final Pattern DURATION_TAIL = Pattern.compile(
            "(?i)\\s+(?:a|an|one|two|three|four|six|\\d+)\\s+(?:minutes?|hours?|days?|weeks?|months?)$");

    /** A heading: its feature name, and its step number ({@code Step 2: …}, {@code Phase 2 …}, {@code 2. …}) or -1. */
    record Heading(String feature, int number) {
    }

    static Heading heading(String text) {
        String t = text.replaceAll("\\*\\*|__", "").strip();
        Matcher m = HEADING_PREFIX.matcher(t);
        int number = -1;
        if (m.find()) {
            String n = m.group(2) != null ? m.group(2) : m.group(3);
            if (n != null) {
                number = Integer.parseInt(n);
            }
            t = t.substring(m.end()).strip();
        }
        return new Heading(t, number);
    }

    /** One task line, read. */
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

    /** Reads a task line (the text after the bullet); {@code null} when nothing of a name is left. */
    static Draft parseTask(String text, String feature, int line, int position) {
        Draft d = new Draft();
        d.line = line;
        d.key = "t" + position;
        d.feature = feature;
        String rest = text.replace('`', ' ').replaceAll("\\s{2,}", " ").strip();
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
        rest = takeDependencies(rest, d.refs);
        String name = rest;
        String desc = "";
        int cut = indexOfSeparator(rest);
        if (cut > 0) {
            name = rest.substring(0, cut).strip();
            desc = rest.substring(cut).replaceFirst("^\\s*(?::|—|–|\\s-)\\s*", "").strip();
        }
        name = DURATION_TAIL.matcher(name.replaceAll("^\\*\\*(.*)\\*\\*$", "$1").replaceAll("[\\s(;,:—–-]+$", "").strip())
                .replaceFirst("").strip();
        if (name.isEmpty()) {
            if (desc.isEmpty()) {
                return null;
            }
            name = desc;
            desc = "";
        }
        d.name = name;
        d.description = desc;
        return d;
    }

    /** Takes the dependency phrase out of {@code text}, adding its references to {@code refs}; returns the rest. */
    static String takeDependencies(String text, List<String> refs) {
        String rest = text;
        Matcher paren = PAREN_DEP.matcher(rest);
        if (paren.find()) {
            refs.addAll(splitRefs(paren.group(1)));
            return (rest.substring(0, paren.start()) + " " + rest.substring(paren.end())).replaceAll("\\s{2,}", " ").strip();
        }
        Matcher trail = TRAILING_DEP.matcher(rest);
        if (trail.find() && trail.start() > 0) {
            refs.addAll(splitRefs(trail.group(1)));
            return rest.substring(0, trail.start()).replaceAll("[\\s(;,—–-]+$", "").strip();
        }
        Matcher ordinal = ORDINAL_MENTION.matcher(rest);
        while (ordinal.find()) {
            if (ordinal.start() > 0) { // a line that starts "Step 3" is named so; it does not refer to step 3
                refs.add(ordinal.group().strip());
            }
        }
        return rest;
    }

    /** "X, Y and the Z" → [X, Y, the Z]; "steps 1 and 2" → [step 1, step 2]. */
    static List<String> splitRefs(String text) {
        List<String> out = new ArrayList<>();
        String t = text.replaceAll("[.)]+$", "").strip();
        Matcher steps = Pattern.compile("(?i)^(?:the\\s+)?(steps?|#)\\s*(\\d.*)$").matcher(t);
        if (steps.matches() && steps.group(2).matches("[\\d\\s,&#]*(?:and[\\s#\\d]*)*")) {
            for (String n : steps.group(2).split("[^\\d]+")) {
                if (!n.isEmpty()) {
                    out.add("step " + n);
                }
            }
            return out;
        }
        for (String ref : SPLIT.split(t)) {
            String r = ref.strip().replaceAll("^[\"'`]|[\"'`]$", "").strip();
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return out;
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

    static Priority priorityOf(String word) {
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

    static String slug(String s) {
        return Words.norm(s).replace(' ', '-');
    }
}
