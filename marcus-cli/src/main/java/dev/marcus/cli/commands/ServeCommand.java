package dev.marcus.cli.commands;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.VersionProvider;
import dev.marcus.cli.config.ConfigException;
import dev.marcus.cli.wiring.DetectedFeatureFlags;
import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.cli.wiring.ServeOperations;
import dev.marcus.core.account.AccountService;
import dev.marcus.core.service.Limits;
import dev.marcus.mcp.MarcusMcpServer;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.web.MarcusWeb;
import dev.marcus.web.MarcusWebApp;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code marcus serve}: the dashboard, REST API, live WebSocket and MCP over HTTP, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
    "Serve the dashboard (http://HOST:PORT/), the REST API (/api, described at /api/openapi.json),",
    "live updates (/ws) and MCP over Streamable HTTP (/mcp). Also runs the lease sweeper and event relay."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand
    MarcusCommand root;

    @Option(names = "--port", defaultValue = "5000", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--read-only", description = "Viewers only: the dashboard and API refuse every change.")
    boolean readOnly;

    @Option(names = "--accounts", paramLabel = "auto|on|off", defaultValue = "${env:MARCUS_ACCOUNTS:-auto}",
            description = {"Sign-in, roles, API tokens and the audit trail (default ${DEFAULT-VALUE}; env MARCUS_ACCOUNTS).",
                "auto: on in the team profile and whenever --host listens beyond this machine, off for solo on 127.0.0.1."})
    String accounts;

    @Option(names = "--tools", paramLabel = "PROFILE", description = "MCP tool profile on /mcp: core, standard or all.")
    String tools;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "-1",
            description = {"Also serve Prometheus /metrics alone on this port (0 picks one; default: metrics.port, else none).",
                "With accounts on, /metrics on the main port needs MARCUS_METRICS_TOKEN; a separate port needs none."})
    int metricsPort;

    @Override
    public Integer call() throws InterruptedException {
        String token = System.getenv("MARCUS_MCP_TOKEN");
        boolean loopback = isLoopback(host);
        String mode = accounts == null ? "auto" : accounts.strip().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "on", "off").contains(mode)) {
            throw new ConfigException("--accounts: '" + accounts + "' is not one of auto, on, off");
        }
        HashMap<String, String> overrides = new HashMap<>();
        overrides.put("tools", tools);
        MarcusGraph graph = root.open(overrides);
        boolean accountsOn = !loopback && !"off".equals(mode)
                || DetectedFeatureFlags.accountsByDefault(graph.config().profile(), mode);
        if (!accountsOn && !loopback) {
            graph.shutdown();
            throw new ConfigException("--accounts off with --host " + host + ": anybody on the network could change "
                    + "everything; keep accounts on (the default), or listen on 127.0.0.1");
        }
        if (accountsOn && readOnly) {
            graph.shutdown();
            throw new ConfigException("--read-only goes with --accounts off; with accounts, give people the viewer role");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        MarcusWebApp[] app = new MarcusWebApp[1];
        ServeOperations[] ops = new ServeOperations[1];
        Runnable shutdown = () -> {
            if (closed.compareAndSet(false, true)) {
                if (app[0] != null) {
                    app[0].stop();
                }
                if (ops[0] != null) {
                    ops[0].close();
                }
                graph.shutdown();
                stopped.countDown();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "marcus-shutdown"));
        try {
            graph.relay().start(graph.config().eventPoll());
            ops[0] = ServeOperations.start(graph); // the job queue, or else the lease sweeper's own timer
            MarcusMcpServer mcp = new MarcusMcpServer(graph.tools().all(), ToolProfile.parse(graph.config().tools()),
                    Limits.DEFAULT, VersionProvider.version());
            MarcusWeb.Builder builder = MarcusWeb.builder(graph.storage(), graph.eventBus(), graph.projects(),
                    graph.agents(), graph.progress(), graph.context())
                    .mcp(mcp).mcpToken(token).readOnly(readOnly).operations(ops[0].web());
            if (accountsOn) {
                AccountService accountService = graph.accounts();
                builder.accounts(accountService);
                if (!accountService.hasUsers()) {
                    System.err.println("marcus: accounts are on but nobody can sign in yet; add the first admin with\n"
                            + "  marcus user add --email you@example.com --role admin");
                }
            }
            if (!loopback) {
                builder.allowHost(host);
                try {
                    builder.allowHost(InetAddress.getLocalHost().getHostName());
                } catch (UnknownHostException ignored) {
                    // only the literal host is allowed then
                }
            }
            app[0] = builder.build().start(host, port);
            int metricsOn = metricsPort >= 0 ? metricsPort : graph.config().ops().metricsPort();
            if (metricsOn > 0 || metricsPort == 0) {
                System.err.printf(Locale.ROOT, "marcus metrics on http://%s:%d/metrics%n", host,
                        ops[0].serveMetricsOn(host, metricsOn));
            }
            String shown = host.contains(":") ? "[" + host + "]" : host;
            System.err.printf(Locale.ROOT, "marcus %s serving http://%s:%d/ (MCP at /mcp%s) — storage %s, accounts %s%n",
                    VersionProvider.version(), shown, app[0].port(),
                    accountsOn ? ", API token required" : token == null ? "" : ", token required",
                    graph.storage().describe(), accountsOn ? "on" : "off");
            System.err.println("marcus background jobs " + (ops[0].jobsOn() ? "on (job queue in the store)"
                    : "off (jobs=" + graph.config().ops().jobs() + "; lease sweeps run on this process's timer, "
                    + "webhooks are not delivered)"));
            LOG.info("marcus serve on {}:{}", host, app[0].port());
            stopped.await();
            return 0;
        } catch (RuntimeException e) {
            shutdown.run();
            throw e;
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
