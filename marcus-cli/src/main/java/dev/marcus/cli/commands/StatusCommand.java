package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.VersionProvider;
import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.core.model.Agent;
import dev.marcus.core.model.Project;
import dev.marcus.core.model.Task;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.model.TaskStatus;
import dev.marcus.core.port.FeatureFlags;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code marcus status}: which profile and backends are in use, and a summary of each project. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the profile, the backends in use and a summary of every project.")
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    MarcusCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--project", paramLabel = "ID", description = "Show this project's agents and open tasks in detail (default: the active project).")
    String project;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MarcusGraph graph = root.open(Map.of());
        try {
            // an explicit --project must exist, even when there is nothing else to show
            Project requested = project != null ? graph.projects().resolve(project) : null;
            out.printf("Marcus %s — profile %s%n", VersionProvider.version(), graph.config().profile().name().toLowerCase(Locale.ROOT));
            out.printf("  home      %s%n", graph.config().home());
            out.printf("  storage   %s%n", graph.storage().describe());
            out.printf("  cache     %s%n", graph.cache().describe());
            out.printf("  events    %s (event table read every %d ms)%n", graph.eventBus().describe(), graph.config().eventPoll().toMillis());
            StringBuilder features = new StringBuilder();
            for (Map.Entry<FeatureFlags.Feature, Boolean> f : graph.features().all().entrySet()) {
                features.append(features.length() == 0 ? "" : ", ")
                        .append(f.getKey().name().toLowerCase(Locale.ROOT)).append(f.getValue() ? " on" : " off");
            }
            out.printf("  features  %s%n", features);
            out.printf("  tools     %s profile%n", graph.config().tools());
            jobs(out, graph);
            List<Project> projects = graph.projects().list();
            Optional<Project> active = graph.projects().current();
            out.println();
            if (projects.isEmpty()) {
                out.println("No projects yet. Ask an agent to call create_project, e.g.:");
                out.println("  create_project(project_name: \"Shop\", description: \"# Backend\\n- Schema\\n- API (after Schema)\")");
                return 0;
            }
            out.println("Projects (* = active):");
            for (Project p : projects) {
                TaskCounts c = graph.storage().countTasks(p.id());
                List<Agent> agents = graph.storage().listAgents(p.id());
                long working = agents.stream().filter(a -> a.currentTask() != null).count();
                out.printf("%s %-28s %-22s %4d tasks: %d todo, %d in progress, %d blocked, %d done — %.1f%%%s   agents %d (%d working)%n",
                        active.map(a -> a.id().equals(p.id())).orElse(false) ? "*" : " ",
                        BoardCommand.cut(p.name(), 28), p.id(), c.total(), c.todo(), c.inProgress(), c.blocked(), c.done(),
                        c.completionPercentage(), p.isComplete() ? " (complete)" : "", agents.size(), working);
            }
            Project detail = requested != null ? requested : active.orElse(null);
            if (detail != null) {
                detail(out, graph, detail);
            }
            return 0;
        } finally {
            graph.shutdown();
        }
    }

    /** The recurring jobs and any failing one-off job: last run, next run, failures. */
    private static void jobs(PrintWriter out, MarcusGraph graph) {
        boolean on = dev.marcus.cli.wiring.BackgroundJobs.enabled(graph.config(), graph.features());
        out.printf("  jobs      %s%n", on ? "run by `marcus serve` (job queue in the store)"
                : "off (jobs=" + graph.config().ops().jobs() + "): lease sweeps on each serve's timer, no webhooks or scheduled backups");
        java.util.List<dev.marcus.core.job.Job> jobs = graph.jobs().queue().list(null, null, 500);
        for (dev.marcus.core.job.Job j : jobs) {
            boolean failing = j.status() == dev.marcus.core.job.JobStatus.FAILED || j.status() == dev.marcus.core.job.JobStatus.DEAD;
            if (!j.recurring() && !failing) {
                continue;
            }
            out.printf("    %-22s %-9s last %s, next %s, %d runs, %d failed%s%n", BoardCommand.cut(j.id(), 22),
                    j.status().wire(), ago(j.lastFinishedAt()), j.nextRunAt() == null ? "-" : j.nextRunAt().toString(),
                    j.runs(), j.failures(), j.lastError() == null || !failing ? "" : " — " + BoardCommand.cut(j.lastError(), 60));
        }
    }

    private static String ago(java.time.Instant t) {
        if (t == null) {
            return "never";
        }
        long s = java.time.Duration.between(t, java.time.Instant.now()).toSeconds();
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }

    private static void detail(PrintWriter out, MarcusGraph graph, Project p) {
        out.println();
        out.printf("%s (%s)%n", p.name(), p.id());
        List<Agent> agents = graph.storage().listAgents(p.id());
        if (agents.isEmpty()) {
            out.println("  no agents registered yet");
        }
        for (Agent a : agents) {
            String task = a.task().flatMap(graph.storage()::findTask)
                    .map(t -> "on \"" + BoardCommand.cut(t.name(), 40) + "\" " + t.progress() + "%").orElse("available");
            out.printf("  agent %-20s %-12s %s, %d done%n", BoardCommand.cut(a.id().value(), 20),
                    BoardCommand.cut(a.role(), 12), task, a.completedTasks());
        }
        for (Task t : graph.storage().listTasks(p.id())) {
            if (t.status() == TaskStatus.BLOCKED) {
                out.printf("  blocked: %s (%s)%n", t.name(), t.id());
            }
        }
    }
}
