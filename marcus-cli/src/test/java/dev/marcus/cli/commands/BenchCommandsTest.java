package dev.marcus.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.cli.CliRunner;
import dev.marcus.storage.sqlite.SqliteStorageBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benches as a person runs them: help, the guard against real stores, and no litter in the temp directory. */
class BenchCommandsTest {
    @TempDir
    Path home;

    /** {@code marcus --home HOME bench ARGS…} with nothing on standard input. */
    private CliRunner.Run bench(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRunner.run(home, (String) null, all);
    }

    @Test
    void everyBench_answersHelp() {
        for (String bench : new String[] {"mcp", "http", "seed", "assign", "migrate", "status"}) {
            CliRunner.Run help = bench(bench, "--help");
            assertThat(help.exit()).as(bench + ": " + help.err()).isZero();
            assertThat(help.out()).as(bench).contains("Usage: marcus bench " + bench).contains("--help");
        }
    }

    @Test
    void benchAssign_refusesAStoreWithRealProjects_unlessForced() {
        try (SqliteStorageBackend s = SqliteStorageBackend.open(home.resolve("marcus.db"))) {
            dev.marcus.core.MarcusCore core = dev.marcus.core.MarcusCore.builder(s).build();
            core.projects().create("Shop", "- Schema\n- API (after Schema)", dev.marcus.core.service.ProjectService.CreateOptions.NONE);
        }

        CliRunner.Run refused = bench("assign", "--agents", "2", "--seconds", "1", "--tasks", "20");
        assertThat(refused.exit()).as(refused.err()).isEqualTo(4);
        assertThat(refused.err()).contains("1 project(s) that are not benchmarks (e.g. 'Shop')").contains("--force");
        try (SqliteStorageBackend s = SqliteStorageBackend.open(home.resolve("marcus.db"))) {
            assertThat(s.listProjects()).hasSize(1); // nothing was seeded
        }

        CliRunner.Run forced = bench("assign", "--agents", "2", "--seconds", "1", "--tasks", "20", "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("handed out twice: 0");
    }

    @Test
    void benchStatus_leavesNoScratchDirectoryBehind() throws IOException {
        Set<Path> before = scratchDirs();
        CliRunner.Run run = bench("status", "--tasks", "200", "--reads", "10", "--redis-url", "");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("memory-cached:");
        Set<Path> left = scratchDirs();
        left.removeAll(before);
        assertThat(left).as("scratch directories left in " + tmp()).isEmpty();
    }

    private static Path tmp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static Set<Path> scratchDirs() throws IOException {
        try (Stream<Path> all = Files.list(tmp())) {
            return all.filter(p -> p.getFileName().toString().startsWith("marcus-bench-status")).collect(Collectors.toSet());
        }
    }
}
