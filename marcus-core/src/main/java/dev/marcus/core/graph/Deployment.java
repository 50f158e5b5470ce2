package dev.marcus.core.graph;

import dev.marcus.core.model.Task;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The one rule for what is deployment-like: such tasks are ranked last, wait for everything else in a plan, and are
 * not treated as an open end a new feature follows. A task is deployment-like when
 * <ol>
 *   <li>it carries a {@code type:} label: exactly when that label is {@code type:deploy} (the planners' kind wins
 *       over the words of the name: "Write the release notes" is {@code type:docs});</li>
 *   <li>otherwise, when its name or one of its labels reads deployment-like: <i>deploy…, release, ship, launch,
 *       publish…, roll out / rollout, go live, hosting</i>, as whole words, any case.</li>
 * </ol>
 */
public final class Deployment {
    /** The words; the offline planner classifies text with the same pattern. */
    private static final Pattern WORDS = Pattern.compile(
            "(?i)\\b(?:deploy\\w*|releas(?:e|es|ing)(?!\\s+notes?\\b)|ship|shipping|launch(?:es|ing)?|publish\\w*|roll[- ]?outs?|go[- ]live|hosting)\\b");
    private static final String TYPE = "type:";
    private static final String DEPLOY_TYPE = "type:deploy";
    /** Every request for work ranks the same window of ready tasks again; remembered, bounded, cleared when full. */
    private static final Map<String, Boolean> SEEN = new ConcurrentHashMap<>();

    private Deployment() {
    }

    public static boolean isDeploymentLike(Task t) {
        return isDeploymentLike(t.name(), t.labels());
    }

    public static boolean isDeploymentLike(String name, Collection<String> labels) {
        for (String l : labels) {
            if (l.toLowerCase(Locale.ROOT).startsWith(TYPE)) {
                return labels.stream().anyMatch(x -> x.equalsIgnoreCase(DEPLOY_TYPE));
            }
        }
        if (reads(name)) {
            return true;
        }
        for (String l : labels) {
            if (reads(l)) {
                return true;
            }
        }
        return false;
    }

    /** Whether free text speaks of deploying, releasing or shipping (the words of the rule). */
    public static boolean reads(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        Boolean known = SEEN.get(text);
        if (known != null) {
            return known;
        }
        boolean deploy = WORDS.matcher(text).find();
        if (SEEN.size() >= 10_000) {
            SEEN.clear();
        }
        SEEN.put(text, deploy);
        return deploy;
    }
}
