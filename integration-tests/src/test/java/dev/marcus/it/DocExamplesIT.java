package dev.marcus.it;

import static dev.marcus.it.MarcusServer.args;
import static dev.marcus.it.MarcusServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples people copy, run as they are written on the page: the outlines of the README, of
 * {@code docs/planning.md} and of the solo quick start planned by a live server and worked through by an agent, the
 * quick start's and the README's {@code ./marcus} commands, and the REST guide's {@code curl} lines against a live
 * {@code marcus serve}. Each example is read out of its Markdown, so when an example stops working, this fails.
 */
class DocExamplesIT {
    @TempDir
    Path dir;

    @Test
    void planningGuideExample_isHandedOutInTheOrderTheGuideStates() {
        MarkdownDoc page = MarkdownDoc.read("docs/planning.md");
        MarkdownDoc.Block example = page.blocks("markdown").stream()
                .filter(b -> b.heading().startsWith("The offline planner")).findFirst()
                .orElseThrow(() -> new AssertionError("docs/planning.md has no markdown example under 'The offline planner'"));
        List<String> stated = page.numberedListAfter(example).stream().map(DocExamplesIT::withoutRemark).toList();
        assertThat(stated).as("the order the guide states").hasSizeGreaterThan(3);

        List<String> order = workThrough(dir.resolve("planning"), "Planning guide", example.text(), Map.of());
        assertThat(order).as("the order one agent is handed the tasks of docs/planning.md's example").isEqualTo(stated);
    }

    @Test
    void readmeOutline_isPlannedAsWritten_andWorkedThroughInDependencyOrder() {
        MarkdownDoc.Block outline = MarkdownDoc.read("README.md").blocks("markdown").stream()
                .filter(b -> b.heading().startsWith("Start a project")).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no outline under 'Start a project'"));
        List<String> order = workThrough(dir.resolve("readme"), "README shop", outline.text(), Map.of());
        assertFollowsOutline(outline.text(), order);
    }

    @Test
    void quickStart_outlineAndCommands_workAsWritten() {
        MarkdownDoc page = MarkdownDoc.read("docs/quickstart/solo-developer.md");
        String call = page.blocks("text").stream().map(MarkdownDoc.Block::text)
                .filter(t -> t.startsWith("create_project(")).findFirst()
                .orElseThrow(() -> new AssertionError("the quick start has no create_project(...) example"));
        Matcher name = Pattern.compile("project_name: \"([^\"]+)\"").matcher(call);
        Matcher outline = Pattern.compile("description: \"\"\"\\n(.*?)\"\"\"", Pattern.DOTALL).matcher(call);
        assertThat(name.find() && outline.find()).as("project_name and description in " + call).isTrue();
        Path home = dir.resolve("quickstart");
        List<String> order = workThrough(home, name.group(1), outline.group(1),
                Map.of("project_root", dir.resolve("shop").toString()));
        assertFollowsOutline(outline.group(1), order);

        // with the project worked through, every ./marcus command of the page
        List<String> ran = runCommands(page, home, b -> true);
        assertThat(ran).as("commands run from the quick start").contains("--version", "status", "board --watch");
        MarcusCli.Result status = MarcusCli.run(home, Map.of(), null, "status");
        assertThat(status.out()).contains(name.group(1)).contains("100.0%");
    }

    @Test
    void readmeCommands_parseAndRun() {
        Path home = dir.resolve("readme-commands");
        List<String> ran = runCommands(MarkdownDoc.read("README.md"), home,
                b -> b.heading().startsWith("Two commands") || b.heading().startsWith("Watch your agents"));
        assertThat(ran).contains("mcp", "status", "--help", "serve");
    }

    @Test
    void restGuideCurlExamples_runAgainstALiveServer() throws Exception {
        Path home = dir.resolve("rest");
        List<String> commands = curlCommands(MarkdownDoc.read("docs/reference/rest-api.md"));
        assertThat(commands).as("curl examples in docs/reference/rest-api.md").hasSizeGreaterThanOrEqualTo(5);
        try (MarcusCli.Serve serve = MarcusCli.serve(home, Map.of())) {
            String projectId = null;
            Map<String, String> taskIds = new LinkedHashMap<>();
            for (String command : commands) {
                if (command.contains("/agents/")) {
                    registerAgentsNamedIn(command, home, projectId);
                }
                String concrete = command.replace("localhost:5000", "127.0.0.1:" + serve.port());
                if (projectId != null) {
                    concrete = concrete.replace("proj-…", projectId);
                }
                // task placeholders take the tasks of the guide's own project, the last planned first: the edits
                // then touch the task that waits, and "wait for" names the task it already waits for
                List<String> newestFirst = new ArrayList<>(taskIds.keySet());
                java.util.Collections.reverse(newestFirst);
                for (String id : newestFirst) {
                    concrete = concrete.replaceFirst("task-…", Matcher.quoteReplacement(id));
                }
                assertThat(concrete).as("a placeholder left unfilled in: " + command).doesNotContain("…");
                Curl r = curl(concrete);
                assertThat(r.status()).as(command + "\n→ " + r.body()).isBetween(200, 299);
                assertThat(r.body()).as(command).doesNotContain("\"success\":false");
                if (projectId == null) {
                    Matcher id = Pattern.compile("\"id\":\"(proj-[^\"]+)\"").matcher(r.body());
                    if (id.find()) {
                        projectId = id.group(1);
                        Curl tasks = curl("curl -s 127.0.0.1:" + serve.port() + "/api/projects/" + projectId + "/tasks");
                        Matcher t = Pattern.compile("\"id\":\"(task-[^\"]+)\"").matcher(tasks.body());
                        while (t.find()) {
                            taskIds.put(t.group(1), t.group(1));
                        }
                    }
                }
            }
            assertThat(projectId).as("one example creates a project").isNotNull();
        }
    }

    // ==== helpers ===============================================================================================

    /** One agent, over its own stdio {@code marcus mcp}, works through a project planned from {@code outline}. */
    private static List<String> workThrough(Path home, String projectName, String outline, Map<String, Object> options) {
        try (MarcusServer server = MarcusServer.start(home, Map.of())) {
            Map<String, Object> created = server.call("create_project", options.isEmpty()
                    ? args("project_name", projectName, "description", outline)
                    : args("project_name", projectName, "description", outline, "options", options));
            assertThat(created).as("create_project of\n" + outline).containsEntry("success", true);
            String projectId = (String) created.get("project_id");
            assertThat(server.call("register_agent", args("agent_id", "doc-agent", "name", "Doc agent", "role", "developer",
                    "skills", List.of("backend", "frontend"), "project_id", projectId))).containsEntry("success", true);
            List<String> order = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (Instant.now().isBefore(deadline)) {
                Map<String, Object> next = server.call("request_next_task", args("agent_id", "doc-agent", "wait_seconds", 0));
                if (Boolean.TRUE.equals(next.get("project_complete"))) {
                    return order;
                }
                assertThat(next).as("one agent alone always has work until the end").containsEntry("success", true);
                Map<String, Object> task = map(next.get("task"));
                order.add((String) task.get("name"));
                assertThat(server.call("report_task_progress", args("agent_id", "doc-agent", "task_id", task.get("id"),
                        "status", "completed", "progress", 100, "message", "done"))).containsEntry("success", true);
            }
            throw new AssertionError("the project did not complete in time; handed out so far: " + order);
        }
    }

    /**
     * The outline's tasks (top-level bullets) were all handed out, each after the tasks and features its
     * {@code (after X)} names, and deployment last.
     */
    private static void assertFollowsOutline(String outline, List<String> order) {
        Map<String, List<String>> features = new LinkedHashMap<>();
        Map<String, List<String>> after = new LinkedHashMap<>();
        String feature = "";
        for (String line : outline.lines().toList()) {
            if (line.startsWith("#")) {
                feature = line.replaceFirst("^#+\\s*", "").strip();
                continue;
            }
            Matcher bullet = BULLET.matcher(line);
            if (!bullet.matches()) {
                continue;
            }
            String task = bullet.group(1).strip();
            features.computeIfAbsent(feature, k -> new ArrayList<>()).add(task);
            Matcher refs = AFTER.matcher(line);
            after.put(task, refs.find() ? List.of(refs.group(1).split("\\s+and\\s+|,\\s*")) : List.of());
        }
        assertThat(order).as("the outline's tasks, each once").containsExactlyInAnyOrderElementsOf(after.keySet());
        for (Map.Entry<String, List<String>> e : after.entrySet()) {
            for (String ref : e.getValue()) {
                List<String> waitedFor = features.getOrDefault(ref.strip(), List.of(ref.strip()));
                for (String w : waitedFor) {
                    if (!w.equals(e.getKey())) {
                        assertThat(order.indexOf(w)).as("'" + e.getKey() + "' after '" + w + "' in " + order)
                                .isLessThan(order.indexOf(e.getKey()));
                    }
                }
            }
        }
        assertThat(order.get(order.size() - 1)).as("deployment last").containsIgnoringCase("deploy");
    }

    private static final Pattern BULLET = Pattern.compile("^[-*]\\s+(.+?)(?::\\s.*|\\s+\\[.*|\\s+\\(.*)?$");
    private static final Pattern AFTER = Pattern.compile("\\(after ([^)]+)\\)");

    /** "Login page (backend before frontend)" → "Login page". */
    private static String withoutRemark(String item) {
        return item.replaceFirst("\\s*\\(.*\\)\\s*$", "");
    }

    /**
     * Runs every {@code ./marcus …} line of the chosen bash blocks on {@code home}: a command that would run until
     * stopped ({@code mcp}, {@code serve}, {@code --watch}) or load the machine ({@code bench}) is run with
     * {@code --help} added, which parses its options (an option the page invents fails); the others run for real.
     * Every one must exit 0. Returns what ran, without {@code ./marcus}.
     */
    private static List<String> runCommands(MarkdownDoc page, Path home,
                                            java.util.function.Predicate<MarkdownDoc.Block> which) {
        List<String> ran = new ArrayList<>();
        for (MarkdownDoc.Block block : page.blocks("bash")) {
            if (!which.test(block)) {
                continue;
            }
            for (String line : block.text().lines().toList()) {
                String command = line.replaceFirst("\\s+#.*$", "").strip();
                if (!command.startsWith("./marcus ")) {
                    continue;
                }
                List<String> args = new ArrayList<>(List.of(command.substring("./marcus ".length()).split("\\s+")));
                boolean endless = args.contains("mcp") || args.contains("serve") || args.contains("--watch")
                        || args.get(0).equals("bench");
                if (endless) {
                    args.add("--help");
                }
                MarcusCli.Result r = MarcusCli.run(home, Map.of(), null, args.toArray(String[]::new));
                assertThat(r.exit()).as(page.file() + ": " + command + "\n" + r.err()).isZero();
                if (endless) {
                    // `marcus mcp` keeps stdout for the protocol, so its help goes to stderr
                    assertThat(r.out() + r.err()).as(command).contains("Usage: marcus");
                } else {
                    assertThat(r.out()).as(command).isNotBlank();
                }
                ran.add(String.join(" ", args.subList(0, args.size() - (endless ? 1 : 0))));
            }
        }
        return ran;
    }

    /** The page's curl commands, continuation lines joined. */
    private static List<String> curlCommands(MarkdownDoc page) {
        List<String> out = new ArrayList<>();
        for (MarkdownDoc.Block block : page.blocks("bash")) {
            StringBuilder current = new StringBuilder();
            for (String line : block.text().lines().toList()) {
                String l = line.strip();
                if (l.endsWith("\\")) {
                    current.append(l, 0, l.length() - 1).append(' ');
                    continue;
                }
                current.append(l);
                if (current.toString().startsWith("curl ")) {
                    out.add(current.toString().replaceAll("\\s+", " ").strip());
                }
                current.setLength(0);
            }
        }
        return out;
    }

    private record Curl(int status, String body) {
    }

    /** Runs a curl command line with bash, as a reader would paste it, and splits off the HTTP status. */
    private static Curl curl(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command + " -w '\\n%{http_code}'").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command).isTrue();
        assertThat(p.exitValue()).as(command + "\n" + out).isZero();
        int nl = out.lastIndexOf('\n');
        return new Curl(Integer.parseInt(out.substring(nl + 1).strip()), out.substring(0, Math.max(nl, 0)));
    }

    /** The agents a command's path names ({@code /api/agents/NAME/…}) exist in the project, as agents would have made them. */
    private static void registerAgentsNamedIn(String command, Path home, String projectId) {
        Matcher m = Pattern.compile("/api/agents/([^/\\s']+)/").matcher(command);
        assertThat(projectId).as("a project exists before " + command).isNotNull();
        try (MarcusServer server = MarcusServer.start(home, Map.of())) {
            while (m.find()) {
                assertThat(server.call("register_agent", args("agent_id", m.group(1), "name", m.group(1), "role", "developer",
                        "project_id", projectId))).containsEntry("success", true);
            }
        }
    }

}
