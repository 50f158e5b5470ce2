package dev.marcus.core.analytics;

import dev.marcus.core.model.Agent;
import dev.marcus.core.model.AgentId;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskId;
import dev.marcus.core.port.StorageBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads what the analytics need from storage, and turns the event log into work attempts. */
final class Records {
    private static final int PAGE = 5_000;

    private Records() {
    }

    /** Every event of the project (or of the installation when {@code project} is null), oldest first. */
    static List<Event> events(StorageBackend storage, ProjectId project) {
        List<Event> out = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Event> page = storage.eventsAfter(after, project, PAGE);
            out.addAll(page);
            if (page.size() < PAGE) {
                return out;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** One stretch of work by one agent on one task: from its assignment to what ended it. */
    record Attempt(TaskId task, AgentId agent, Instant start, Instant end, Outcome outcome) {
        double hours() {
            Instant until = end == null ? start : end;
            return Duration.between(start, until).toMillis() / 3_600_000.0;
        }

        boolean finished() {
            return outcome == Outcome.COMPLETED || outcome == Outcome.BLOCKED || outcome == Outcome.RECOVERED;
        }
    }

    enum Outcome { COMPLETED, BLOCKED, RECOVERED, UNASSIGNED, OPEN }

    /**
     * Attempts from the event log: {@code task_assigned} opens one; {@code task_completed} by the holder,
     * {@code task_blocked}, {@code lease_recovered} and {@code task_unassigned} close it. Still-open attempts end
     * at {@code null}.
     */
    static List<Attempt> attempts(List<Event> events) {
        Map<TaskId, Event> open = new HashMap<>();
        List<Attempt> out = new ArrayList<>();
        for (Event e : events) {
            if (e.taskId() == null) {
                continue;
            }
            Outcome outcome = switch (e.type()) {
                case TASK_COMPLETED -> e.agentId() == null ? null : Outcome.COMPLETED;
                case TASK_BLOCKED -> Outcome.BLOCKED;
                case LEASE_RECOVERED -> Outcome.RECOVERED;
                case TASK_UNASSIGNED -> Outcome.UNASSIGNED;
                default -> null;
            };
            if (e.type() == EventType.TASK_ASSIGNED) {
                open.put(e.taskId(), e);
            } else if (outcome != null) {
                Event start = open.remove(e.taskId());
                if (start != null) {
                    out.add(new Attempt(e.taskId(), start.agentId(), start.at(), e.at(), outcome));
                }
            }
        }
        for (Event start : open.values()) {
            out.add(new Attempt(start.taskId(), start.agentId(), start.at(), null, Outcome.OPEN));
        }
        return out;
    }

    /** Actual hours divided by estimated hours, for each completed attempt on a task with an estimate. */
    static List<Double> estimateRatios(List<Attempt> attempts, Map<TaskId, Task> tasks, AgentId onlyAgent) {
        List<Double> ratios = new ArrayList<>();
        for (Attempt a : attempts) {
            Task t = tasks.get(a.task());
            if (a.outcome() != Outcome.COMPLETED || t == null || t.estimatedHours() == null || t.estimatedHours() <= 0
                    || (onlyAgent != null && !onlyAgent.equals(a.agent()))) {
                continue;
            }
            ratios.add(a.hours() / t.estimatedHours());
        }
        return ratios;
    }

    static Map<TaskId, Task> byId(List<Task> tasks) {
        Map<TaskId, Task> m = new HashMap<>();
        for (Task t : tasks) {
            m.put(t.id(), t);
        }
        return m;
    }

    /** Projects that have not been archived, oldest first. */
    static List<Project> liveProjects(StorageBackend storage) {
        return storage.listProjects().stream().filter(p -> !p.isArchived()).toList();
    }

    static List<Agent> agents(StorageBackend storage, List<Project> projects) {
        List<Agent> out = new ArrayList<>();
        for (Project p : projects) {
            out.addAll(storage.listAgents(p.id()));
        }
        return out;
    }

    static long tokens(Event e) {
        try {
            return Long.parseLong(e.data().getOrDefault("tokens_used", "0"));
        } catch (NumberFormatException x) {
            return 0;
        }
    }

    static double cost(Event e) {
        try {
            return Double.parseDouble(e.data().getOrDefault("cost_usd", "0"));
        } catch (NumberFormatException x) {
            return 0;
        }
    }
}
