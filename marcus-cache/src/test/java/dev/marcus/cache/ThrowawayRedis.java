package dev.marcus.cache;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process of the test's own, on a free port of 127.0.0.1, without persistence: a test can kill
 * it (as a crash would), hang it ({@code SIGSTOP}) and start it again on the same port, without touching the machine's
 * shared Redis. Skipped locally when no {@code redis-server} binary is found, failed when {@code CI=true}.
 */
public final class ThrowawayRedis implements AutoCloseable {
    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private ThrowawayRedis(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    public static ThrowawayRedis start() throws IOException {
        Path binary = findBinary();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ThrowawayRedis r = new ThrowawayRedis(binary, Files.createTempDirectory("marcus-redis-"), port);
        r.startAgain();
        return r;
    }

    static Path findBinary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin:/usr/sbin").split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, "redis-server");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return RedisTestServer.unavailable("no redis-server binary on PATH (apt-get install redis-server) for the Redis outage tests");
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again, on the same port) and waits until it answers PING. */
    public synchronized void startAgain() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString(), "--logfile", ""))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
        throw new IOException("redis-server on port " + port + " did not answer PING within 10 s (alive: "
                + process.isAlive() + "); its log:\n" + Files.readString(dir.resolve("redis.log")));
    }

    /** Kills the server at once, as a crash would (SIGKILL); its data is gone. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Freezes the server (SIGSTOP): connections stay open but nothing answers. */
    public synchronized void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Thaws a paused server (SIGCONT). */
    public synchronized void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String sig) throws IOException, InterruptedException {
        new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    }

    /** True when the server answers PING (a raw RESP exchange, so that no client library state is involved). */
    public boolean answers() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(200);
            socket.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] buf = new byte[7];
            int n = socket.getInputStream().readNBytes(buf, 0, 7);
            return n == 7 && new String(buf, java.nio.charset.StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() throws InterruptedException, IOException {
        if (process != null) {
            resume();
            kill();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

}
