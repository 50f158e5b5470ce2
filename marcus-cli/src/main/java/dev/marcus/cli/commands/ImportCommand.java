package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.data.Dump;
import dev.marcus.cli.wiring.MarcusGraph;
import java.io.BufferedReader;
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

/** {@code marcus import}: load a {@code marcus export} dump into the configured, empty store. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Load a `marcus export` file into the configured store, which must be empty.")
public final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    MarcusCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "A file written by `marcus export`.")
    Path in;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(in)) {
            throw new dev.marcus.core.error.NotFoundException("--in", "no file at " + in.toAbsolutePath()
                    + " (write one with `marcus export --out FILE`)");
        }
        MarcusGraph graph = root.open(Map.of());
        try (Connection c = StoreJdbc.connect(graph.storage());
             BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            Map<String, Long> counts = Dump.load(c, StoreJdbc.isPostgres(graph.storage()), r);
            spec.commandLine().getOut().printf("Imported %s into %s%n", counts, graph.storage().describe());
            return 0;
        } finally {
            graph.shutdown();
        }
    }
}
