package dev.marcus.core.service;

import dev.marcus.core.event.EventRelay;
import dev.marcus.core.error.NotFoundException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Decision;
import dev.marcus.core.model.Ids;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code log_decision}: stores what was decided, why and what it affects, for the tasks downstream to read. */
@Singleton
public final class DecisionService {
    private static final Pattern SHAPE = Pattern.compile(
            "(?is)^\\s*(?:i\\s+(?:chose|decided|picked|went with|will use|used)\\s+)?(.+?)"
                    + "(?:\\s*,?\\s+because\\s+(.+?))?"
                    + "(?:\\s*[.;]?\\s*(?:this|it)\\s+(?:affects|impacts|means)\\s+(.+?))?\\s*\\.?\\s*$");

    private final StorageBackend storage;
    private final AgentService agents;
    private final Clock clock;
    private final Limits limits;
    private final EventRelay relay;

    @Inject
    public DecisionService(StorageBackend storage, AgentService agents, Clock clock, Limits limits, EventRelay relay) {
        this.storage = storage;
        this.agents = agents;
        this.clock = clock;
        this.limits = limits;
        this.relay = relay;
    }

    public Decision log(String agentId, String taskId, String text) {
        String decision = limits.text("decision", text, 10_000);
        if (decision.isEmpty()) {
            throw new ValidationException("decision", "is required: \"I chose X because Y. This affects Z.\"");
        }
        TaskId id = TaskId.parse("task_id", taskId);
        Agent agent = agents.heardFrom(agentId);
        Task task = storage.findTask(id).orElseThrow(() -> new NotFoundException("task_id", "task '" + taskId + "' does not exist"));
        String[] parts = parse(decision);
        Decision d = storage.addDecision(new Decision(Ids.random("dec"), task.projectId(), task.id(), agent.id(),
                decision, parts[0], parts[1], parts[2], clock.now()));
        relay.poke();
        return d;
    }

    /** Splits "I chose X because Y. This affects Z." into {X, Y, Z}; missing parts are empty. */
    static String[] parse(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return new String[] {text, "", ""};
        }
        return new String[] {clean(m.group(1)), clean(m.group(2)), clean(m.group(3))};
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip().replaceAll("[.;,]+$", "");
    }
}
