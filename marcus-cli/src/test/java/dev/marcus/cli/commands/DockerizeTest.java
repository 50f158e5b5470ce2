package dev.marcus.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.marcus.cli.CliRunner;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.port.OperationsStore;
import dev.marcus.metrics.MarcusMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code marcus dockerize} writes, checked without a Docker engine: the compose file parses and is valid against
 * the Compose Specification's JSON schema (vendored in test resources) and every file it mounts exists; the
 * Dockerfile passes the lint rules below (multi-stage, wrapper build, jlink, non-root, HEALTHCHECK on /health, no
 * secrets, pinned images); the alert rules and the Prometheus configuration pass {@code promtool}; HAProxy's
 * configuration passes {@code haproxy -c}; every Marcus series the dashboard and the rules query exists.
 */
class DockerizeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tree;
    private Path out;

    @BeforeEach
    void dockerize() {
        out = tree.resolve("marcus-docker");
        DockerizeCommand.write(out);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> compose() throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(out.resolve("docker-compose.scale.yml")));
    }

    @Test
    void composeFile_isValidAgainstTheComposeSpecification() throws IOException {
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        Schema schema;
        try (InputStream in = DockerizeTest.class.getResourceAsStream("/compose/compose-spec.json")) {
            tools.jackson.databind.node.ObjectNode spec = (tools.jackson.databind.node.ObjectNode) json.readTree(in);
            // the validator wants an absolute $id; the spec's relative one names nothing the schema refers to
            spec.remove("$id");
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(json.writeValueAsString(spec));
        }
        tools.jackson.databind.node.ObjectNode doc = json.valueToTree(compose());
        assertThat(schema.validate(doc)).isEmpty();
        // the schema is not a rubber stamp: a misspelt key is refused
        ((tools.jackson.databind.node.ObjectNode) doc.path("services").path("redis")).put("comand", "x");
        assertThat(schema.validate(doc)).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeFile_hasTheScaleStack_withSecretsFromTheEnvFileOnly() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsOnlyKeys("marcus", "postgres", "redis", "haproxy", "prometheus", "grafana");
        Map<String, Object> marcus = (Map<String, Object>) services.get("marcus");
        assertThat(((Map<String, Object>) marcus.get("deploy")).get("replicas")).isEqualTo(3);
        assertThat(marcus.get("env_file")).isEqualTo(List.of("marcus.env"));
        assertThat((String) ((Map<String, Object>) services.get("postgres")).get("image")).startsWith("postgres:15");
        Map<String, Object> redis = (Map<String, Object>) services.get("redis");
        assertThat((String) redis.get("image")).startsWith("redis:7");
        assertThat(String.join(" ", (List<String>) redis.get("command"))).contains("--appendonly yes");
        String text = Files.readString(out.resolve("docker-compose.scale.yml"));
        assertThat(text).doesNotContainPattern("(?i)(password|secret|token)\\s*[:=]\\s*\\S");
        assertThat(Files.readString(out.resolve("marcus.env.example"))).contains("POSTGRES_PASSWORD=CHANGE_ME",
                "MARCUS_SECRET_KEY=", "DATABASE_URL=");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFileTheComposeFileReferences_exists() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        int checked = 0;
        for (Map.Entry<String, Object> s : services.entrySet()) {
            Map<String, Object> svc = (Map<String, Object>) s.getValue();
            for (Object v : (List<Object>) svc.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(v).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(out.resolve(source)).as(s.getKey() + " mounts " + source).exists();
                    checked++;
                }
            }
            for (Object env : (List<Object>) svc.getOrDefault("env_file", List.of())) {
                // the user makes marcus.env from the example the command writes
                assertThat(out.resolve(env + ".example")).as(s.getKey() + " reads " + env).exists();
                checked++;
            }
            if (svc.get("build") instanceof Map<?, ?> build) {
                Path context = out.resolve(String.valueOf(build.get("context"))).normalize();
                assertThat(context.resolve(String.valueOf(build.get("dockerfile")))).exists();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
        assertThat(Files.readString(out.resolve(".dockerignore"))).isEqualTo(Files.readString(out.resolve("Dockerfile.dockerignore")))
                .contains("**/target/", "**/*.env", "**/secret.key");
        // the build context is the source tree: what the Dockerfile runs must be there
        Path sources = Path.of("..").toAbsolutePath().normalize();
        assertThat(sources.resolve("mvnw")).exists();
        assertThat(sources.resolve("marcus-cli/pom.xml")).exists();
    }

    /** One Dockerfile instruction: keyword and arguments, continuation lines joined. */
    private record Instruction(String keyword, String args) {
    }

    private List<Instruction> dockerfile() throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(this.out.resolve("Dockerfile"))) {
            String l = line.strip();
            if (current.length() == 0 && (l.isEmpty() || l.startsWith("#"))) {
                continue;
            }
            if (l.endsWith("\\")) {
                current.append(l, 0, l.length() - 1).append(' ');
                continue;
            }
            current.append(l);
            String full = current.toString().strip();
            current.setLength(0);
            int space = full.indexOf(' ');
            out.add(new Instruction(full.substring(0, space).toUpperCase(java.util.Locale.ROOT), full.substring(space + 1).strip()));
        }
        return out;
    }

    @Test
    void dockerfile_passesTheLintRules() throws IOException {
        List<Instruction> all = dockerfile();
        Set<String> known = Set.of("FROM", "RUN", "COPY", "ENV", "ARG", "USER", "WORKDIR", "EXPOSE", "HEALTHCHECK",
                "ENTRYPOINT", "CMD", "LABEL", "VOLUME", "STOPSIGNAL");
        assertThat(all).extracting(Instruction::keyword).allMatch(known::contains);
        assertThat(all.get(0).keyword()).isEqualTo("FROM");
        List<Instruction> froms = all.stream().filter(i -> i.keyword().equals("FROM")).toList();
        assertThat(froms).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
        Set<String> stages = new LinkedHashSet<>();
        for (Instruction f : froms) {
            String[] parts = f.args().split("\\s+");
            assertThat(parts[0]).as("image pinned to a tag, not latest").contains(":").doesNotEndWith(":latest");
            if (parts.length == 3 && parts[1].equalsIgnoreCase("AS")) {
                stages.add(parts[2]);
            }
        }
        Matcher from = Pattern.compile("--from=(\\S+)").matcher(String.join("\n", all.stream().map(Instruction::args).toList()));
        while (from.find()) {
            assertThat(stages).as("COPY --from names a stage").contains(from.group(1));
        }
        assertThat(all).anySatisfy(i -> assertThat(i.keyword() + " " + i.args()).startsWith("RUN ./mvnw"));
        assertThat(all).anySatisfy(i -> assertThat(i.args()).contains("jlink"));
        int lastFrom = all.lastIndexOf(froms.get(froms.size() - 1));
        List<Instruction> runtime = all.subList(lastFrom, all.size());
        List<Instruction> users = runtime.stream().filter(i -> i.keyword().equals("USER")).toList();
        assertThat(users).as("the runtime stage sets a user").isNotEmpty();
        String user = users.get(users.size() - 1).args().split(":")[0];
        assertThat(user).isNotIn("root", "0");
        assertThat(runtime).filteredOn(i -> i.keyword().equals("HEALTHCHECK")).singleElement()
                .satisfies(h -> assertThat(h.args()).contains("/health"));
        for (Instruction i : all) {
            if (i.keyword().equals("ENV") || i.keyword().equals("ARG")) {
                assertThat(i.args()).as("no secrets in the image").doesNotContainPattern("(?i)(PASSWORD|SECRET|TOKEN|_KEY)\\s*=");
            }
            if (i.keyword().equals("RUN") && i.args().contains("apt-get install")) {
                assertThat(i.args()).contains("--no-install-recommends", "rm -rf /var/lib/apt/lists");
            }
            if (i.keyword().equals("ENTRYPOINT") || i.keyword().equals("CMD")) {
                assertThat(JSON.readTree(i.args()).isArray()).as(i.keyword() + " in exec form").isTrue();
            }
            assertThat(i.keyword()).as("no ADD (COPY is explicit)").isNotEqualTo("ADD");
        }
    }

    private static String tool(String name) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        String why = name + " is not installed (apt-get install -y " + (name.equals("promtool") ? "prometheus" : name) + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + "; CI=true: this check may not be skipped");
        }
        throw new TestAbortedException(why);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    @Test
    void alertRules_passPromtool_andThePrometheusConfigurationToo() throws Exception {
        String promtool = tool("promtool");
        assertThat(run(promtool, "check", "rules", out.resolve("prometheus/marcus-alerts.yml").toString()))
                .contains("SUCCESS: 7 rules found");
        // the container mounts the rules at /etc/prometheus; here they are beside the configuration
        Path config = out.resolve("prometheus/check.yml");
        Files.writeString(config, Files.readString(out.resolve("prometheus/prometheus.yml"))
                .replace("/etc/prometheus/marcus-alerts.yml", out.resolve("prometheus/marcus-alerts.yml").toString()));
        run(promtool, "check", "config", config.toString());
        // and a broken rule is caught: the check is not a rubber stamp
        Path broken = out.resolve("prometheus/broken.yml");
        Files.writeString(broken, Files.readString(out.resolve("prometheus/marcus-alerts.yml")).replace("> 0.5", "> > 0.5"));
        Process p = new ProcessBuilder(promtool, "check", "rules", broken.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isNotZero();
    }

    @Test
    void haproxyConfiguration_passesHaproxyCheck() throws Exception {
        String haproxy = tool("haproxy");
        run(haproxy, "-c", "-f", out.resolve("haproxy/haproxy.cfg").toString());
    }

    @Test
    void everyMarcusSeriesTheDashboardAndTheRulesQuery_isExported() throws IOException {
        OperationsStore store = new dev.marcus.core.testkit.FixedOperationsStore(new OperationsStore.Readings(
                List.of(new OperationsStore.ProjectTasks(new ProjectId("proj-a"), new TaskCounts(1, 1, 1, 1))), 1, 1, 1,
                Instant.now()));
        String scrape;
        try (MarcusMetrics metrics = new MarcusMetrics().bindReadings(store, Instant::now, Duration.ofMinutes(5))
                .bindCache(dev.marcus.core.port.CacheBackend.none()).bindBreaker(() -> "CLOSED")) {
            metrics.telemetry().claimed(Duration.ofMillis(5));
            metrics.telemetry().leasesRecovered(1);
            metrics.telemetry().jobFinished("backup", true, Duration.ofMillis(5));
            metrics.http("GET", "/api/projects", 200, 1000);
            metrics.bindEventLag(new dev.marcus.core.event.InProcessEventBus(), Instant::now);
            metrics.bindJobs(new dev.marcus.core.port.JobQueue() {
                public void schedule(dev.marcus.core.job.RecurringJob job, Instant now) { }
                public boolean enqueue(dev.marcus.core.job.NewJob job, Instant now) { return false; }
                public List<dev.marcus.core.job.ClaimedJob> claimDue(String w, java.util.Collection<String> k, int m, Instant n) { return List.of(); }
                public void succeeded(dev.marcus.core.job.ClaimedJob run, String state, Instant now) { }
                public void failed(dev.marcus.core.job.ClaimedJob run, String error, Instant retryAt, Instant now) { }
                public java.util.Optional<dev.marcus.core.job.Job> find(String id) { return java.util.Optional.empty(); }
                public List<dev.marcus.core.job.Job> list(String kind, String ref, int limit) { return List.of(); }
                public List<dev.marcus.core.job.JobRun> runs(String jobId, int limit) { return List.of(); }
                public dev.marcus.core.job.Job retryNow(String id, Instant now) { throw new UnsupportedOperationException(); }
                public int purge(Instant before) { return 0; }
            });
            scrape = metrics.scrape();
        }
        Set<String> queried = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\b((?:marcus|http_server)_[a-z_]+)").matcher(
                Files.readString(out.resolve("grafana/marcus.json")) + Files.readString(out.resolve("prometheus/marcus-alerts.yml")));
        while (m.find()) {
            queried.add(m.group(1));
        }
        assertThat(queried).hasSizeGreaterThan(10);
        for (String series : queried) {
            assertThat(scrape).as("the scrape has %s", series).containsPattern("(?m)^" + series + "[{ ]");
        }
    }
}
