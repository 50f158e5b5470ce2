package dev.marcus.cli.commands;

import dev.marcus.core.error.ValidationException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the load drivers that start Marcus child processes share: the jar, the java command, percentiles. */
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
}
