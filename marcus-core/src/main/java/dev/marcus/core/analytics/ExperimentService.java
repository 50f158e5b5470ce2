package dev.marcus.core.analytics;

import static dev.marcus.core.analytics.Reports.map;
import static dev.marcus.core.analytics.Reports.round;
import static dev.marcus.core.analytics.Reports.time;

import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Event;
import dev.marcus.core.model.EventType;
import dev.marcus.core.model.Experiment;
import dev.marcus.core.model.Ids;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.ProjectService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Experiment runs recorded in Marcus's own store, measured from the event log between their start and end. */
@Singleton
public final class ExperimentService {
    private final StorageBackend storage;
    private final ProjectService projects;
    private final Clock clock;

    @Inject
    public ExperimentService(StorageBackend storage, ProjectService projects, Clock clock) {
        this.storage = storage;
        this.projects = projects;
        this.clock = clock;
    }

    public Map<String, Object> start(String name, String boardId, String projectId, String runName, int interval,
                                     Map<String, String> params, Map<String, String> tags) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("experiment_name", "is required and must not be blank");
        }
        if (interval < 1 || interval > 86_400) {
            throw new ValidationException("tracking_interval", "must be between 1 and 86400 seconds");
        }
        String pid = projectId != null && !projectId.isBlank() ? projectId : boardId;
        ProjectId project = pid != null && !pid.isBlank() ? projects.resolve(pid).id()
                : projects.current().map(p -> p.id()).orElse(null);
        Instant now = clock.now();
        Experiment run = storage.startExperiment(new Experiment(Ids.random("exp"), name.strip(),
                runName == null || runName.isBlank() ? null : runName.strip(), project, params, tags, interval,
                Map.of(), now, null), now);
        Map<String, Object> out = view(run);
        out.put("message", "Experiment '" + run.name() + "' started; end it with end_experiment.");
        return out;
    }

    public Map<String, Object> end() {
        Experiment running = running().orElseThrow(() -> new ValidationException("experiment",
                "no experiment is running; start one with start_experiment"));
        Instant now = clock.now();
        Map<String, String> summary = new LinkedHashMap<>();
        measure(running, now).forEach((k, v) -> summary.put(k, String.valueOf(v)));
        Experiment ended = storage.endExperiment(running.id(), summary, now);
        Map<String, Object> out = view(ended);
        out.put("metrics", measure(ended, now));
        return out;
    }

    public Map<String, Object> status() {
        Optional<Experiment> running = running();
        Map<String, Object> out = map();
        out.put("running", running.isPresent());
        if (running.isPresent()) {
            out.put("experiment", view(running.get()));
            out.put("metrics", measure(running.get(), clock.now()));
        } else {
            List<Experiment> all = storage.listExperiments();
            out.put("last_experiment", all.isEmpty() ? null : view(all.get(all.size() - 1)));
            out.put("message", "no experiment is running");
        }
        out.put("total_runs", storage.listExperiments().size());
        return out;
    }

    private Optional<Experiment> running() {
        return storage.listExperiments().stream().filter(Experiment::isRunning).findFirst();
    }

    /** Figures of the run's window from the event log (its project's events, or all when it has none). */
    Map<String, Object> measure(Experiment e, Instant now) {
        Instant end = e.endedAt() == null ? now : e.endedAt();
        List<Event> events = Records.events(storage, e.projectId()).stream()
                .filter(x -> !x.at().isBefore(e.startedAt()) && !x.at().isAfter(end)).toList();
        long completed = events.stream().filter(x -> x.type() == EventType.TASK_COMPLETED && x.agentId() != null).count();
        double hours = Duration.between(e.startedAt(), end).toMillis() / 3_600_000.0;
        Map<String, Object> m = map();
        m.put("elapsed_seconds", Duration.between(e.startedAt(), end).toSeconds());
        m.put("tasks_completed", completed);
        m.put("tasks_assigned", events.stream().filter(x -> x.type() == EventType.TASK_ASSIGNED).count());
        m.put("blockers", events.stream().filter(x -> x.type() == EventType.TASK_BLOCKED).count());
        m.put("leases_recovered", events.stream().filter(x -> x.type() == EventType.LEASE_RECOVERED).count());
        m.put("decisions", events.stream().filter(x -> x.type() == EventType.DECISION_LOGGED).count());
        m.put("artifacts", events.stream().filter(x -> x.type() == EventType.ARTIFACT_LOGGED).count());
        m.put("agents_active", MetricsService.distinctAgents(events).size());
        m.put("tokens_used", events.stream().mapToLong(Records::tokens).sum());
        m.put("cost_usd", round(events.stream().mapToDouble(Records::cost).sum(), 4));
        m.put("tasks_per_hour", hours <= 0 ? 0.0 : round(completed / hours, 3));
        return m;
    }

    static Map<String, Object> view(Experiment e) {
        Map<String, Object> m = map();
        m.put("experiment_id", e.id());
        m.put("experiment_name", e.name());
        m.put("run_name", e.runName());
        m.put("project_id", e.projectId() == null ? null : e.projectId().value());
        m.put("params", e.params());
        m.put("tags", e.tags());
        m.put("tracking_interval", e.trackingIntervalSeconds());
        m.put("started_at", time(e.startedAt()));
        m.put("ended_at", time(e.endedAt()));
        m.put("status", e.isRunning() ? "running" : "ended");
        if (!e.summary().isEmpty()) {
            m.put("summary", e.summary());
        }
        return m;
    }

    Optional<Experiment> find(String id) {
        return storage.findExperiment(id);
    }
}
