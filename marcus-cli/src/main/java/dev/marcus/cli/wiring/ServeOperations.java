package dev.marcus.cli.wiring;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.marcus.cache.TieredCacheBackend;
import dev.marcus.core.port.Clock;
import dev.marcus.metrics.MarcusMetrics;
import dev.marcus.storage.postgres.PostgresStorageBackend;
import dev.marcus.web.WebOperations;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What {@code marcus serve} runs beside the web server: the metrics (bound to the store's aggregates, the cache, the
 * Redis breaker, the database pool, the event bus and the core's counters), the background jobs (or, where they are
 * off, the lease sweeper's own timer), and, when asked, a separate port serving {@code /metrics} only.
 */
public final class ServeOperations implements AutoCloseable {
    /** An agent holding a task and silent this long counts as silent in the metrics. */
    static final Duration SILENT_AFTER = Duration.ofMinutes(5);

    private final MarcusGraph graph;
    private final MarcusMetrics metrics;
    private final boolean jobsOn;
    private HttpServer metricsServer;

    private ServeOperations(MarcusGraph graph, MarcusMetrics metrics, boolean jobsOn) {
        this.graph = graph;
        this.metrics = metrics;
        this.jobsOn = jobsOn;
    }

    /** Binds the metrics and starts the background work of {@code graph}. */
    public static ServeOperations start(MarcusGraph graph) {
        Clock clock = Clock.system();
        MarcusMetrics metrics = new MarcusMetrics()
                .bindReadings(graph.operations(), clock, SILENT_AFTER)
                .bindCache(graph.cache())
                .bindEventLag(graph.eventBus(), clock)
                .bindJobs(graph.jobs().queue());
        if (graph.cache() instanceof TieredCacheBackend tiered) {
            metrics.bindBreaker(() -> tiered.breaker().state().name());
        }
        if (graph.storage() instanceof PostgresStorageBackend pg && pg.dataSource() instanceof HikariDataSource pool) {
            pool.setMetricRegistry(metrics.registry());
        }
        graph.telemetry().attach(metrics.telemetry());
        boolean jobsOn = BackgroundJobs.enabled(graph.config(), graph.features());
        if (jobsOn) {
            graph.jobs().start();
        } else {
            graph.sweeper().start();
        }
        return new ServeOperations(graph, metrics, jobsOn);
    }

    /** Whether this process runs the job queue (else the lease sweeper runs on its own timer). */
    public boolean jobsOn() {
        return jobsOn;
    }

    /** The web server's part: {@code /metrics} (token from the configuration), jobs, webhooks, GitHub. */
    public WebOperations web() {
        return new WebOperations(metrics, graph.config().ops().metricsToken(), graph.jobs().queue(), graph.jobs()::poke,
                graph.webhooks(), graph.github());
    }

    /** Serves {@code /metrics} alone on {@code host:port} (0 picks one); the bound port. */
    public int serveMetricsOn(String host, int port) {
        try {
            metricsServer = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for /metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        metricsServer.createContext("/metrics", exchange -> {
            byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        metricsServer.start();
        return metricsServer.getAddress().getPort();
    }

    public MarcusMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        if (metricsServer != null) {
            metricsServer.stop(0);
        }
        graph.jobs().close();
        metrics.close();
    }
}
