package dev.marcus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.cli.config.ConfigLoader;
import dev.marcus.cli.wiring.MarcusGraph;
import dev.marcus.cli.wiring.Profiles;
import dev.marcus.core.service.Limits;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.MarcusMcpServer;
import dev.marcus.mcp.ToolProfile;
import dev.marcus.web.MarcusWeb;
import dev.marcus.web.MarcusWebApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end in-process: real Dagger graph, real SQLite file in a temporary MARCUS_HOME. */
class MarcusCommandTest {
    @TempDir
    Path home;

    private CliRunner.Run run(String... args) {
        return CliRunner.run(home, args);
    }

    @Test
    void version_printsTheBuildVersion() {
        CliRunner.Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("marcus ").doesNotContain("unknown")
                .contains("schema version " + dev.marcus.storage.sqlite.SqliteStorageBackend.knownSchemaVersion());
        assertThat(dev.marcus.storage.sqlite.SqliteStorageBackend.knownSchemaVersion())
                .isEqualTo(dev.marcus.storage.postgres.PostgresStorageBackend.knownSchemaVersion()).isNotEqualTo("0");
    }

    @Test
    void importOfAMissingFile_isNotFound_namingTheFile() {
        CliRunner.Run r = run("import", "--in", home.resolve("nope.jsonl").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("--in: no file at " + home.resolve("nope.jsonl")).contains("marcus export");
    }

    @Test
    void initHelp_saysWhereThePasswordComesFrom() {
        CliRunner.Run r = run("init", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--team").contains("--admin-password-stdin").contains("MARCUS_ADMIN_PASSWORD")
                .doesNotContain("--admin-password ");
    }

    @Test
    void health_saysUpAndTheSchemaVersion_andNothingAboutWhereTheDataLives() throws Exception {
        MarcusGraph graph = Profiles.create(new ConfigLoader(Map.of()).load(home, Map.of()));
        MarcusWebApp app = MarcusWeb.builder(graph.storage(), graph.eventBus(), graph.projects(), graph.agents(),
                graph.progress(), graph.context()).build().start("127.0.0.1", 0);
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:" + app.port() + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"up\",\"schema_version\":\""
                    + dev.marcus.storage.sqlite.SqliteStorageBackend.knownSchemaVersion() + "\"}");
        } finally {
            app.stop();
            graph.shutdown();
        }
    }

    @Test
    void help_listsTheCommandsAndTheExitCodes() {
        CliRunner.Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("mcp").contains("status").contains("board").contains("bench")
                .contains("MARCUS_HOME").contains("Exit codes");
    }

    @Test
    void everySubcommand_answersHelp() {
        for (String[] cmd : new String[][] {{"mcp", "--help"}, {"status", "--help"}, {"board", "--help"},
                {"bench", "mcp", "--help"}, {"bench", "http", "--help"}, {"bench", "assign", "--help"}, {"bench", "status", "--help"}, {"migrate", "sqlite-to-postgres", "--help"},
                {"upgrade", "--help"}, {"export", "--help"}, {"import", "--help"}, {"serve", "--help"}}) {
            CliRunner.Run r = run(cmd);
            assertThat(r.exit()).as(String.join(" ", cmd)).isZero();
            assertThat(r.out()).as(String.join(" ", cmd)).contains("Usage: marcus");
        }
    }

    @Test
    void benchHttp_drivesAgentsOverMcpHttp_andPrintsCyclesAndLatencies() {
        MarcusGraph graph = Profiles.create(new ConfigLoader(Map.of()).load(home, Map.of()));
        MarcusWebApp app = MarcusWeb.builder(graph.storage(), graph.eventBus(), graph.projects(), graph.agents(),
                        graph.progress(), graph.context())
                .mcp(new MarcusMcpServer(graph.tools().all(), ToolProfile.parse("all"), Limits.DEFAULT, "test"))
                .build().start("127.0.0.1", 0);
        try {
            CliRunner.Run r = run("bench", "http", "--url", "http://127.0.0.1:" + app.port(), "--agents", "3", "--seconds", "2",
                    "--warmup", "0", "--tasks", "40");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("3 agents").contains("cycles/s").contains("request_next_task p50")
                    .contains("tasks handed out twice: 0");
        } finally {
            app.stop();
            graph.shutdown();
        }
    }

    @Test
    void status_onAnEmptyHome_saysWhatToDoNext() {
        CliRunner.Run r = run("status");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("profile solo")
                .contains("sqlite:" + home.resolve("marcus.db"))
                .contains("No projects yet");
        assertThat(Files.exists(home.resolve("marcus.db"))).isTrue();
    }

    @Test
    void status_andBoard_showAProjectsProgress() {
        MarcusGraph graph = Profiles.create(new ConfigLoader(Map.of()).load(home, Map.of()));
        try {
            var created = graph.projects().create("Shop", "- Schema\n- API (after Schema)", ProjectService.CreateOptions.NONE);
            graph.agents().register("claude-1", "Claude", "dev", List.of(), created.project().id().value());
        } finally {
            graph.shutdown();
        }
        CliRunner.Run status = run("status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("* Shop").contains("2 tasks: 2 todo, 0 in progress, 0 blocked, 0 done")
                .contains("agents 1 (0 working)").contains("claude-1");
        CliRunner.Run board = run("board", "--width", "100");
        assertThat(board.exit()).isZero();
        assertThat(board.out()).contains("TODO (2)").contains("Schema").contains("API");
    }

    @Test
    void board_withoutAProject_isABadInputExitWithAHint() {
        CliRunner.Run r = run("board");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("project_id").contains("select_project");
    }

    @Test
    void badConfiguration_exitsWithTheConfigCode_namingTheKeyAndTheFile() throws Exception {
        Files.writeString(home.resolve("config.properties"), "lease.initial_seconds=soon\n");
        CliRunner.Run r = run("status");
        assertThat(r.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err()).contains("lease.initial_seconds").contains("config.properties");
    }

    @Test
    void unknownProject_isANotFoundExit() {
        CliRunner.Run r = run("status", "--project", "proj-nope");
        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("proj-nope");
    }
}
