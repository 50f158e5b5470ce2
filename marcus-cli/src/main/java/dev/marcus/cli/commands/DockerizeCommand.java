package dev.marcus.cli.commands;

import dev.marcus.core.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code marcus dockerize}: writes the container build and the scale-stage compose deployment. The files are the ones
 * in the repository's {@code deploy/} directory (packaged into the jar), the same ones the build validates: the
 * compose file against the Compose Specification's schema, the alert rules with {@code promtool}, the Dockerfile
 * with its lint rules.
 */
@Command(name = "dockerize", mixinStandardHelpOptions = true, description = {
    "Write a Docker build and a 3-replica compose deployment into --out (default marcus-docker), inside this source tree:",
    "Dockerfile (+ .dockerignore), docker-compose.scale.yml (Marcus x3, PostgreSQL 15, Redis 7 append-only, HAProxy,",
    "Prometheus with the alert rules, Grafana with the dashboard), marcus.env.example for the secrets."})
public final class DockerizeCommand implements Callable<Integer> {
    /** Jar resource under {@code /deploy/} → path in the output directory. */
    static final Map<String, String> FILES = files();

    private static Map<String, String> files() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("docker/Dockerfile", "Dockerfile");
        m.put("docker/dockerignore", ".dockerignore");
        m.put("docker/dockerignore#buildkit", "Dockerfile.dockerignore");
        m.put("docker/docker-compose.scale.yml", "docker-compose.scale.yml");
        m.put("docker/marcus.env.example", "marcus.env.example");
        m.put("haproxy/haproxy.cfg", "haproxy/haproxy.cfg");
        m.put("prometheus/prometheus.yml", "prometheus/prometheus.yml");
        m.put("prometheus/marcus-alerts.yml", "prometheus/marcus-alerts.yml");
        m.put("grafana/marcus.json", "grafana/marcus.json");
        m.put("grafana/provisioning/datasources/prometheus.yml", "grafana/provisioning/datasources/prometheus.yml");
        m.put("grafana/provisioning/dashboards/marcus.yml", "grafana/provisioning/dashboards/marcus.yml");
        return m;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "marcus-docker", paramLabel = "DIR",
            description = "Directory to write (default ${DEFAULT-VALUE}); the compose file builds from its parent.")
    Path out;

    @Option(names = "--force", description = "Overwrite files that exist (marcus.env is never touched).")
    boolean force;

    @Override
    public Integer call() {
        Path dir = out.toAbsolutePath().normalize();
        PrintWriter w = spec.commandLine().getOut();
        if (!force) {
            for (String target : FILES.values()) {
                if (Files.exists(dir.resolve(target))) {
                    throw new ValidationException("--out", dir.resolve(target) + " exists; use --force to overwrite");
                }
            }
        }
        write(dir);
        w.printf("wrote %d files to %s%n", FILES.size(), dir);
        if (!Files.isRegularFile(dir.getParent().resolve("mvnw"))) {
            w.printf("note: the compose file builds from %s, which is not a Marcus source tree; put --out inside one%n",
                    dir.getParent());
        }
        w.printf("next: cp %1$s/marcus.env.example %1$s/marcus.env (fill in the secrets), then%n"
                + "      docker compose -f %1$s/docker-compose.scale.yml up -d --build%n", dir);
        return 0;
    }

    /** Writes every file into {@code dir}. */
    static void write(Path dir) {
        for (Map.Entry<String, String> f : FILES.entrySet()) {
            String resource = "/deploy/" + f.getKey().replace("#buildkit", "");
            Path target = dir.resolve(f.getValue());
            try (InputStream in = DockerizeCommand.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource + " in the Marcus jar");
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }
    }
}
