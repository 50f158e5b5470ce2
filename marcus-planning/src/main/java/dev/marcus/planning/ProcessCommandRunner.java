package dev.marcus.planning;

import dev.marcus.core.port.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs gate commands with {@link ProcessBuilder}: no shell (unless argv names one), the given working directory,
 * stdout and stderr merged into a bounded tail, and on timeout the whole process tree is killed.
 */
public final class ProcessCommandRunner implements CommandRunner {
    static final int KEEP_BYTES = 64 * 1024;

    @Override
    public Result run(List<String> argv, Path workingDirectory, Duration timeout) {
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(argv).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(isWindows() ? "NUL" : "/dev/null")))
                    .start();
        } catch (IOException e) {
            return new Result(-1, false, "cannot start `" + argv.get(0) + "`: " + e.getMessage(), since(start));
        }
        Tail tail = new Tail(p.getInputStream());
        Thread reader = new Thread(tail, "gate-output");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                reader.join(1_000);
                return new Result(-1, true, tail.text(), since(start));
            }
            reader.join(5_000);
            return new Result(p.exitValue(), false, tail.text(), since(start));
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, false, "interrupted", since(start));
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Keeps the last {@link #KEEP_BYTES} bytes of a stream. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final byte[] ring = new byte[KEEP_BYTES];
        private long total;

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            ring[(int) (total++ % KEEP_BYTES)] = buf[i];
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process was killed; keep what arrived
            }
        }

        synchronized String text() {
            if (total <= KEEP_BYTES) {
                return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
            }
            int at = (int) (total % KEEP_BYTES);
            byte[] out = new byte[KEEP_BYTES];
            System.arraycopy(ring, at, out, 0, KEEP_BYTES - at);
            System.arraycopy(ring, 0, out, KEEP_BYTES - at, at);
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
