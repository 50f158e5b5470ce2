package dev.marcus.planning;

import dev.marcus.core.model.BlockerSeverity;
import dev.marcus.core.model.Task;
import dev.marcus.core.port.Advisor;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** Blocker suggestions from an LLM; on any failure (or an empty answer) the fallback advisor answers instead. */
public final class LlmAdvisor implements Advisor {
    private static final Logger LOG = LoggerFactory.getLogger(LlmAdvisor.class);
    private static final String SYSTEM = "You help an AI coding agent that is blocked on a task. Answer with ONE JSON "
            + "object and nothing else: {\"suggestions\": [string]} with 1 to 5 short, concrete next steps.";

    private final LlmClient client;
    private final Advisor fallback;

    public LlmAdvisor(LlmClient client, Advisor fallback) {
        this.client = client;
        this.fallback = fallback;
    }

    @Override
    public List<String> suggest(Task task, String blockerDescription, BlockerSeverity severity) {
        try {
            String answer = client.complete(SYSTEM, "Task: " + task.name() + "\nDescription: " + task.description()
                    + "\nAcceptance criteria: " + task.acceptanceCriteria() + "\nSeverity: " + severity.wire()
                    + "\nBlocker: " + blockerDescription);
            String json = answer.strip().replaceAll("^```(?:json)?\\s*", "").replaceAll("\\s*```$", "");
            JsonNode root = LlmClient.JSON.readTree(json.substring(Math.max(0, json.indexOf('{'))));
            List<String> out = new ArrayList<>();
            for (JsonNode s : root.path("suggestions")) {
                if (s.isString() && !s.asString().isBlank() && out.size() < 5) {
                    out.add(s.asString().strip());
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        } catch (RuntimeException e) {
            LOG.info("LLM advisor failed ({}); using rule-based suggestions", e.getMessage());
        }
        return fallback.suggest(task, blockerDescription, severity);
    }
}
