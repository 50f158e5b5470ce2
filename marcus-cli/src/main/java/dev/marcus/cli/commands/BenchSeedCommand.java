package dev.marcus.cli.commands;

import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.ProjectId;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code marcus bench seed}: a realistic project in the configured store. */
@Command(name = "seed", mixinStandardHelpOptions = true, description = "Create a realistic project (dependencies, labels, events, decisions) in the configured store.")
public final class BenchSeedCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", defaultValue = "1000", description = "Tasks to create (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--agents", defaultValue = "8", description = "Agents to register (default ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--project", paramLabel = "ID", description = "Project id (default: bench-<time>).")
    String project;

    @Override
    public Integer call() {
        if (tasks < 1 || tasks > 2_000_000) {
            throw new ValidationException("--tasks", "must be between 1 and 2000000");
        }
        MarcusGraph graph = bench.root.open(Map.of());
        try {
            ProjectId id = new ProjectId(project != null ? project : BenchSupport.BENCH_PREFIX + System.currentTimeMillis());
            long start = System.nanoTime();
            BenchData.seed(graph.storage(), id, tasks, true, agents, Instant.now());
            spec.commandLine().getOut().printf("Seeded project %s: %,d tasks, %d agents, %,d decisions into %s in %.1f s%n",
                    id, tasks, agents, (tasks + 9) / 10, graph.storage().describe(), (System.nanoTime() - start) / 1e9);
            return 0;
        } finally {
            graph.shutdown();
        }
    }
}
