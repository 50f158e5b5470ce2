package dev.marcus.core.graph;

import dev.marcus.core.graph.Deployment;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Orders ready tasks for one agent, deterministically:
 * <pre>score = 3 × skill match + 2 × priority weight + 1 × min(unblocked / 5, 1) + 1 × on critical path</pre>
 * where skill match is the share of the task's labels the agent has as skills (0 for a task without labels), and
 * "on critical path" reads the project's {@link dev.marcus.core.graph.Schedule} (the same critical path every report
 * shows). Deployment-like tasks ({@link Deployment}) go last; ties go to the task created first.
 */
@Singleton
public final class TaskRanker {
    /** A candidate with its score and the reasons, for explanation. */
    public record Ranked(Task task, double score, boolean deployLike, double skillMatch, int unblocks,
                         boolean onCriticalPath) {
        /** The reasons, e.g. {@code skill match 100%, priority high, unblocks 3, on the critical path}. */
        public String why() {
            return String.format(Locale.ROOT, "skill match %.0f%%, priority %s, unblocks %d%s%s",
                    skillMatch * 100, task.priority().wire(), unblocks, onCriticalPath ? ", on the critical path" : "",
                    deployLike ? ", deployment-like (last)" : "");
        }
    }

    @Inject
    public TaskRanker() {
    }

    public List<Ranked> rank(List<Task> ready, Agent agent, TaskGraph graph) {
        Set<String> skills = new HashSet<>();
        for (String s : agent.skills()) {
            skills.add(s.toLowerCase(Locale.ROOT));
        }
        var schedule = graph.schedule();
        List<Ranked> out = new ArrayList<>(ready.size());
        for (Task t : ready) {
            double match = 0;
            if (!t.labels().isEmpty() && !skills.isEmpty()) {
                int hit = 0;
                for (String l : t.labels()) {
                    if (skills.contains(l.toLowerCase(Locale.ROOT))) {
                        hit++;
                    }
                }
                match = (double) hit / t.labels().size();
            }
            int unblocks = graph.unblockCount(t.id());
            boolean onCritical = schedule.onCriticalPath(t.id());
            double score = 3 * match + 2 * t.priority().weight() + Math.min(unblocks / 5.0, 1.0) + (onCritical ? 1 : 0);
            boolean deploy = Deployment.isDeploymentLike(t);
            out.add(new Ranked(t, score, deploy, match, unblocks, onCritical));
        }
        out.sort(Comparator.comparing(Ranked::deployLike)
                .thenComparing(Comparator.comparingDouble(Ranked::score).reversed())
                .thenComparingLong(r -> r.task().sequence()));
        return out;
    }
}
