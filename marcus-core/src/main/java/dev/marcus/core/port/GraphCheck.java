package dev.marcus.core.port;

import dev.marcus.core.model.NewTask;
import dev.marcus.core.model.Task;
import java.util.List;

/** A rule the store runs inside a write transaction, against the state the write is about to change. */
@FunctionalInterface
public interface GraphCheck {
    /** Throws {@link dev.marcus.core.error.ValidationException} to refuse the write. */
    void check(List<Task> existing, List<NewTask> added);
}
