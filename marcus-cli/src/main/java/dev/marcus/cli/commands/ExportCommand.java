package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.data.Dump;
import dev.marcus.cli.wiring.MarcusGraph;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code marcus export}: every row of the configured store as versioned JSON Lines. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write everything in the configured store as versioned JSON Lines (a backup; no lock-in).")
public final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    MarcusCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: stdout).")
    Path out;

    @Override
    public Integer call() throws Exception {
        MarcusGraph graph = root.open(Map.of());
        try (Connection c = StoreJdbc.connect(graph.storage());
             Writer w = out == null
                     ? new BufferedWriter(new OutputStreamWriter(root.protocolOut(), StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            Map<String, Long> counts = Dump.export(c, StoreJdbc.isPostgres(graph.storage()), w);
            spec.commandLine().getErr().printf("Exported %s from %s%n", counts, graph.storage().describe());
            return 0;
        } finally {
            graph.shutdown();
        }
    }
}
