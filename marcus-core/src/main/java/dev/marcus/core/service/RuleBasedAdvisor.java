package dev.marcus.core.service;

import dev.marcus.core.model.BlockerSeverity;
import dev.marcus.core.model.Task;
import dev.marcus.core.port.Advisor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Suggestions from keyword rules; needs nothing outside the JVM. */
@Singleton
public final class RuleBasedAdvisor implements Advisor {
    private record Rule(Pattern when, String advice) {
    }

    private static final List<Rule> RULES = List.of(
            rule("depend|wait(ing)? (for|on)|upstream|not (yet )?(done|ready|merged)",
                    "Check get_task_context: an upstream task's decisions or artifacts may already answer this."),
            rule("credential|api key|token|secret|permission|access denied|unauthori[sz]ed|forbidden|401|403",
                    "Ask a human for the missing credentials or access; never commit secrets to the repository."),
            rule("test(s)? (fail|are failing|broke)|failing test|assertion|flaky",
                    "Run the failing test alone, read the first failure, and log a decision if you change the expected behaviour."),
            rule("unclear|ambiguous|requirement|spec|don'?t know (what|which)|which (one|approach)",
                    "Write down the two best readings with log_decision, pick the one that is easier to change later, and continue."),
            rule("install|dependency version|package|build (fails|broken)|compile|classpath|module not found",
                    "Pin the tool or package version, reproduce the build from a clean checkout, and record the fix as an artifact."),
            rule("network|timeout|connection|unreachable|dns|rate limit|429",
                    "Retry with back-off; if a service is down, report which one and what you tried."),
            rule("merge conflict|conflict(s)? with|another agent|same file",
                    "Pull the latest changes, resolve the conflict in the smallest change, and note it with log_decision."),
            rule("database|migration|schema",
                    "Check the schema version and run migrations on a scratch database first."));

    @Inject
    public RuleBasedAdvisor() {
    }

    private static Rule rule(String regex, String advice) {
        return new Rule(Pattern.compile(regex), advice);
    }

    @Override
    public List<String> suggest(Task task, String description, BlockerSeverity severity) {
        String text = (description == null ? "" : description).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (Rule r : RULES) {
            if (r.when().matcher(text).find()) {
                out.add(r.advice());
            }
        }
        if (out.isEmpty()) {
            out.add("Describe what you tried and what you expected; another agent or a human can pick it up from the task context.");
        }
        if (severity == BlockerSeverity.HIGH) {
            out.add("High severity: a human should look at this soon; the task stays blocked until it is unassigned or resolved.");
        }
        return out;
    }
}
