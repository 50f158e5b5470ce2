package dev.marcus.core.graph;

import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskStatus;

/**
 * How many hours of work a task still stands for, the one rule every schedule uses:
 * <ul>
 *   <li><b>estimate</b>: the task's {@code estimatedHours}, or {@value #DEFAULT_HOURS} h when it has none (or a
 *       non-positive one), times {@link #scale()} (the estimate ratio predictions learn from history; 1 otherwise);</li>
 *   <li><b>reported progress</b>: a task in progress or blocked keeps the share its holder has not reported done:
 *       estimate × (1 − progress / 100), progress clamped to 0–100; a task back in {@code todo} counts its whole
 *       estimate (its next holder starts again at 0 %);</li>
 *   <li><b>done tasks</b> take no time and hold nobody up;</li>
 *   <li><b>parents with subtasks</b> take no time of their own: a parent is a milestone that finishes when its last
 *       subtask does (its subtasks are its predecessors in the schedule).</li>
 * </ul>
 *
 * @param scale factor applied to every estimate (0 or more: an estimate ratio learnt from work finished at once is 0)
 */
public record DurationPolicy(double scale) {
    /** Hours assumed for a task without an estimate. */
    public static final double DEFAULT_HOURS = 1.0;
    /** Estimates as written. */
    public static final DurationPolicy ESTIMATES = new DurationPolicy(1.0);

    public DurationPolicy {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a finite number of 0 or more, got " + scale);
        }
    }

    /** The task's estimate in hours, {@value #DEFAULT_HOURS} h when it has none. */
    public static double estimate(Task t) {
        Double h = t.estimatedHours();
        return h == null || !(h > 0) ? DEFAULT_HOURS : h;
    }

    /** Hours of work the task still stands for under this policy (0 for a done task or a parent). */
    public double remaining(Task t) {
        if (t.status() == TaskStatus.DONE || t.isParent()) {
            return 0;
        }
        double h = estimate(t) * scale;
        if (t.status() == TaskStatus.IN_PROGRESS || t.status() == TaskStatus.BLOCKED) {
            h *= (100 - Math.max(0, Math.min(100, t.progress()))) / 100.0;
        }
        return h;
    }
}
