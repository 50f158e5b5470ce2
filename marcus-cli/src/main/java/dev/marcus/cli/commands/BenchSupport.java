package dev.marcus.cli.commands;

import dev.marcus.core.error.ConflictException;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the load drivers share: the jar, the java command, percentiles, scratch directories that go away, and the
 * guard that keeps a load run out of a store holding real work.
 */
final class BenchSupport {
    private BenchSupport() {
    }

    /** The packaged jar this command runs from; refused (naming what to do instead) when run from classes. */
    static Path selfJar(String instead) throws URISyntaxException {
        Path p = Path.of(BenchSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(p)) {
            throw new ValidationException("bench", "must run from the packaged jar (./marcus bench …)" + instead);
        }
        return p;
    }

    /** This JVM's java binary. */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** JVM options given as one string, split on white space ({@code null}: none). */
    static List<String> javaOptions(String options) {
        List<String> out = new ArrayList<>();
        if (options != null) {
            for (String o : options.trim().split("\\s+")) {
                if (!o.isEmpty()) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** Nearest-rank percentile {@code p} of sorted values; 0 when there are none. */
    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Project ids the benches make start with this; any other project is somebody's work. */
    static final String BENCH_PREFIX = "bench-";

    /**
     * Refuses to add load to a store that holds real projects (any project not made by a bench), unless forced: a
     * run adds thousands of tasks and agents that stay in the store, and its project becomes the active one.
     */
    static void refuseRealProjects(List<Project> projects, String store, boolean force) {
        List<Project> real = projects.stream().filter(p -> !p.id().value().startsWith(BENCH_PREFIX)).toList();
        if (real.isEmpty() || force) {
            return;
        }
        throw new ConflictException("store_in_use", store + " holds " + real.size() + " project(s) that are not "
                + "benchmarks (e.g. '" + real.get(0).name() + "'); the bench would add its tasks and agents beside them. "
                + "Point MARCUS_HOME (or DATABASE_URL) at a scratch store, or pass --force");
    }

    /** A temporary directory, deleted with everything in it when closed. */
    static Scratch scratch(String prefix) throws IOException {
        return new Scratch(Files.createTempDirectory(prefix));
    }

    /** A temporary directory that {@link #close()} deletes, contents included. */
    record Scratch(Path dir) implements AutoCloseable {
        @Override
        public void close() {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the scratch directory " + dir, e);
            }
        }
    }
}
