package dev.marcus.core.port;

import dev.marcus.core.model.BlockerSeverity;
import dev.marcus.core.model.Task;
import java.util.List;

/** Suggests what to do about a blocker. Must answer quickly and never throw; an empty list is a valid answer. */
public interface Advisor {
    List<String> suggest(Task task, String blockerDescription, BlockerSeverity severity);
}
