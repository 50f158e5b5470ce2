package dev.marcus.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A real Redis for a test class, under a key namespace of its own (every key the class wrote is deleted after it).
 * Where Redis comes from, in order: {@code MARCUS_TEST_REDIS_URL} (e.g. {@code redis://127.0.0.1:6379}), else a
 * Testcontainers container when a Docker engine is found, else the class is skipped — except when {@code CI=true}:
 * CI must never skip these tests silently, so the class fails instead.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisTestServer REDIS = new RedisTestServer();
 * ... REDIS.settings() ... REDIS.freshSettings() ...
 * }</pre>
 *
 * Shipped in this module's test-jar so that the CLI and integration tests locate Redis by the same rules.
 */
public final class RedisTestServer implements BeforeAllCallback, AfterAllCallback {
    public static final String ENV = "MARCUS_TEST_REDIS_URL";

    private final AtomicInteger tenants = new AtomicInteger();
    private String url;
    private String installation;

    @Override
    public void beforeAll(ExtensionContext context) {
        url = locate();
        installation = ("t-" + context.getRequiredTestClass().getSimpleName() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL)).toLowerCase(Locale.ROOT);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (url == null) {
            return;
        }
        try (RedisClient client = RedisClient.create(java.net.URI.create(url))) {
            ScanParams params = new ScanParams().match(installation + ":*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, params);
                if (!page.getResult().isEmpty()) {
                    client.unlink(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
    }

    /** The Redis URL, from the environment or a container; aborts (skips) or fails the class when there is none. */
    public static String locate() {
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        if (dockerAvailable()) {
            return DockerRedis.url();
        }
        return unavailable("no Redis for the tests: set " + ENV + " (e.g. redis://127.0.0.1:6379) or run a Docker engine for Testcontainers");
    }

    /** Skips the test locally; fails it when {@code CI=true}, where nothing may be skipped silently. */
    static <T> T unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + " (CI=true: Redis tests may not be skipped in CI)");
        }
        throw new TestAbortedException(why);
    }

    private static boolean dockerAvailable() {
        String host = System.getenv("DOCKER_HOST");
        boolean engine = (host != null && !host.isBlank()) || Files.exists(Path.of("/var/run/docker.sock"));
        if (!engine) {
            return false;
        }
        try {
            Class.forName("org.testcontainers.containers.GenericContainer");
            return true;
        } catch (ClassNotFoundException e) {
            return false; // a consumer of the test-jar without Testcontainers on its test path
        }
    }

    public String url() {
        return url;
    }

    /** Settings for this class's namespace and the default tenant. */
    public RedisSettings settings() {
        return RedisSettings.of(url, installation);
    }

    /** Settings for a tenant no other test of this class uses: an empty cache, a channel of its own. */
    public RedisSettings freshSettings() {
        return settings().withTenant("tenant" + tenants.incrementAndGet());
    }

    /** Started once per JVM, only when a Docker engine is found and no URL is given. */
    private static final class DockerRedis {
        @SuppressWarnings("resource")
        private static final org.testcontainers.containers.GenericContainer<?> CONTAINER =
                new org.testcontainers.containers.GenericContainer<>("redis:7-alpine").withExposedPorts(6379);

        static synchronized String url() {
            if (!CONTAINER.isRunning()) {
                CONTAINER.start();
            }
            return "redis://" + CONTAINER.getHost() + ":" + CONTAINER.getMappedPort(6379);
        }
    }
}
