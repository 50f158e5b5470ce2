package dev.marcus.core.planning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The meaning-bearing words of task names and references, so that "once storage is done" finds "Store readings in
 * TimescaleDB" and "after the model is evaluated" finds "Evaluate the model": text is normalised (case, punctuation,
 * "sign up" → "signup"), function words and the words of state ("is done", "exists", "works") are dropped, and what is
 * left is stemmed by a light suffix stripper written for the vocabulary of software work (plural, -ing, -ed, -ation,
 * -ion, -ment, -er, final e). It is deliberately small: the core stays free of libraries, and a reference only has to
 * meet a name written in the same description.
 */
public final class Words {
    private Words() {
    }

    /** Function words, pronouns and the words of state that carry no subject. */
    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "at", "with", "by", "from", "into", "onto",
            "via", "as", "per", "than", "then", "so", "that", "this", "these", "those", "it", "its", "it's", "they",
            "them", "their", "our", "we", "us", "you", "your", "my", "i", "he", "she", "his", "her", "all", "any",
            "some", "every", "each", "both", "other", "else", "everything", "anything", "nothing", "something",
            "which", "who", "what", "when", "once", "after", "before", "is", "are", "was", "were", "be", "been",
            "being", "has", "have", "had", "gets", "get", "got", "can", "could", "should", "would", "will", "must",
            "may", "might", "shall", "do", "does", "did", "done", "ready", "finished", "finish", "complete",
            "completed", "exists", "exist", "works", "working", "built", "place", "live", "available", "merged",
            "agreed", "verified", "finalised", "finalized", "there", "here", "also", "just", "still", "only", "new",
            "old", "s", "up", "out", "off", "task", "tasks", "step", "steps", "feature", "features", "part", "phase",
            "thing", "things", "above", "lands", "landed", "ships", "shipped", "uses", "use", "used", "own", "not",
            "no", "yes");
    /** Verbs that open a task name and say what is done rather than to what. */
    private static final Set<String> VERBS = Set.of(
            "add", "build", "create", "write", "make", "implement", "design", "define", "develop", "set", "setup",
            "configure", "install", "provision", "run", "fix", "update", "upgrade", "migrate", "refactor", "remove",
            "delete", "replace", "extract", "expose", "store", "compute", "calculate", "generate", "send", "show",
            "display", "support", "allow", "enable", "disable", "handle", "integrate", "connect", "wire", "hook",
            "deploy", "release", "ship", "publish", "test", "verify", "validate", "check", "document", "train",
            "evaluate", "measure", "collect", "import", "export", "load", "ingest", "index", "log", "track",
            "monitor", "schedule", "introduce", "model", "plan", "sketch", "prepare", "choose", "pick", "wrap",
            "point", "switch", "turn", "cut", "revert", "copy", "move", "split", "clean", "mark", "render", "scrape",
            "normalize", "normalise", "optimise", "optimize", "backfill", "reproduce", "compare", "snapshot",
            "improve", "rename", "review", "research", "investigate", "decommission", "hand", "keep");
    private static final Set<String> BOUNDARIES = Set.of(
            "for", "with", "to", "in", "on", "from", "of", "by", "via", "using", "into", "against", "per", "across",
            "that", "which", "when", "after", "before", "so", "through", "at", "behind", "under", "over", "without");
    /** Words of one meaning written two ways. */
    private static final Map<String, String> SAME = Map.ofEntries(
            Map.entry("storage", "store"), Map.entry("db", "database"), Map.entry("docs", "documentation"),
            Map.entry("doc", "documentation"), Map.entry("repo", "repository"), Map.entry("config", "configuration"),
            Map.entry("registry", "register"), Map.entry("reqs", "requests"), Map.entry("req", "request"),
            Map.entry("auth", "authentication"), Map.entry("authn", "authentication"), Map.entry("authz", "authorization"),
            Map.entry("ui", "interface"), Map.entry("e2e", "endtoend"));
    private static final String[][] COMPOUNDS = {
        {"sign up", "signup"}, {"sign in", "signin"}, {"log in", "login"}, {"log out", "logout"}, {"set up", "setup"},
        {"e mail", "email"}, {"front end", "frontend"}, {"back end", "backend"}, {"check out", "checkout"},
        {"roll out", "rollout"}, {"end to end", "endtoend"}, {"data base", "database"}, {"web hook", "webhook"},
        {"load test", "loadtest"}};

    private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Lower case, letters and digits only, single spaces, common compounds joined. */
    static String norm(String s) {
        String n = " " + NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip() + " ";
        for (String[] c : COMPOUNDS) {
            if (n.contains(c[0])) {
                n = n.replace(" " + c[0] + " ", " " + c[1] + " ");
            }
        }
        return n.strip();
    }

    /** The stems of the meaning-bearing words, in order. */
    static List<String> stems(String text) {
        List<String> out = new ArrayList<>();
        for (String w : norm(text).split(" ")) {
            if (!w.isEmpty() && !STOP.contains(w)) {
                out.add(stem(SAME.getOrDefault(w, w)));
            }
        }
        return out;
    }

    /** Words that name who or where rather than what: a shared one does not make two pieces of work related. */
    private static final Set<String> GENERIC = Set.of("user", "need", "page");

    /**
     * The stems of a text's subject words: meaning-bearing, not an opening verb, not generic, four letters or more.
     * Two texts that share one speak of the same thing ("Export invoices as PDF" and "Invoice numbering").
     */
    public static Set<String> subjects(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : norm(text).split(" ")) {
            if (w.isEmpty() || STOP.contains(w) || VERBS.contains(w)) {
                continue;
            }
            String s = stem(SAME.getOrDefault(w, w));
            if (s.length() >= 4 && !VERBS.contains(s) && !GENERIC.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static Set<String> stemSet(String text) {
        return new LinkedHashSet<>(stems(text));
    }

    /**
     * The stem of a name's head noun: the last meaning-bearing word of its first noun phrase, after the opening verb
     * and before the first preposition ("Define the event schema for device telemetry" → "schema"); empty when none.
     */
    static String head(String name) {
        String[] w = norm(name).split(" ");
        int start = 0;
        while (start < w.length - 1 && (VERBS.contains(w[start]) || STOP.contains(w[start]))) {
            start++;
        }
        String last = "";
        for (int i = start; i < w.length; i++) {
            if (i > start && BOUNDARIES.contains(w[i])) {
                break;
            }
            if (!w[i].isEmpty() && !STOP.contains(w[i])) {
                last = w[i];
            }
        }
        return last.isEmpty() ? "" : stem(SAME.getOrDefault(last, last));
    }

    /** Whether the last word of a reference reads as a plural ("the endpoints", "the tests"). */
    static boolean plural(String ref) {
        String[] w = norm(ref).split(" ");
        String last = w[w.length - 1];
        return w[0].equals("all") || w[0].equals("both")
                || (last.length() > 3 && last.endsWith("s") && !last.endsWith("ss") && !last.endsWith("us") && !last.endsWith("is"));
    }

    /** A light suffix stripper; both sides of a comparison go through it, so consistency matters more than linguistics. */
    static String stem(String word) {
        String w = word;
        if (w.length() <= 3 || !w.chars().allMatch(Character::isLetter)) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("sses")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.endsWith("ing") && w.length() >= 6) {
            w = undouble(w.substring(0, w.length() - 3));
        } else if (w.endsWith("ed") && w.length() >= 5) {
            w = undouble(w.substring(0, w.length() - 2));
        }
        if (w.endsWith("entation") && w.length() > 10) {
            w = w.substring(0, w.length() - 6);
        } else if (w.endsWith("ation") && w.length() > 7) {
            w = w.substring(0, w.length() - 3);
        } else if (w.endsWith("ion") && w.length() > 6 && (w.charAt(w.length() - 4) == 't' || w.charAt(w.length() - 4) == 's')) {
            w = w.substring(0, w.length() - 3);
        } else if (w.endsWith("ment") && w.length() >= 9) {
            w = w.substring(0, w.length() - 4);
        } else if (w.endsWith("er") && w.length() >= 6) {
            w = w.substring(0, w.length() - 2);
        }
        if (w.endsWith("e") && w.length() > 3) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    private static String undouble(String w) {
        int n = w.length();
        if (n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && "bdgmnprt".indexOf(w.charAt(n - 1)) >= 0) {
            return w.substring(0, n - 1);
        }
        return w;
    }
}
