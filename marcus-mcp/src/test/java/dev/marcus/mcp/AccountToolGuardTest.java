package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.account.AccountService;
import dev.marcus.core.account.AuditEntry;
import dev.marcus.core.account.Principal;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.Role;
import dev.marcus.core.service.ProjectService;
import dev.marcus.core.testkit.InMemoryAccountStore;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import dev.marcus.core.testkit.Pbkdf2TestHasher;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roles and project scopes enforced on every tool call that carries a principal (MCP over HTTP with accounts). */
class AccountToolGuardTest {
    private final InMemoryStorageBackend storage = new InMemoryStorageBackend();
    private final InMemoryAccountStore accountStore = new InMemoryAccountStore();
    private MarcusCore core;
    private MarcusMcpServer server;
    private String projectA;
    private String projectB;
    private String taskOfB;

    @BeforeEach
    void setUp() {
        core = MarcusCore.builder(storage).build();
        AccountService accounts = new AccountService(accountStore, new Pbkdf2TestHasher(), storage,
                dev.marcus.core.port.Clock.system());
        server = new MarcusMcpServer(ToolCatalog.of(core).all(), ToolProfile.ALL, core.limits(), "test")
                .guard(new AccountToolGuard(storage, accounts));
        projectA = core.projects().create("Alpha", "- Build the API", ProjectService.CreateOptions.NONE).project().id().value();
        var b = core.projects().create("Beta", "- Write the docs", ProjectService.CreateOptions.NONE);
        projectB = b.project().id().value();
        taskOfB = b.tasks().get(0).id().value();
        core.projects().select(projectB, null); // the installation's active project is B
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private Principal token(String project, Role role) {
        return new Principal("token:bot", "user-1", role, new ProjectId(project));
    }

    private McpSchema.CallToolResult call(String tool, Map<String, Object> args, Principal who) {
        MarcusTool t = server.tools().stream().filter(x -> x.name().equals(tool)).findFirst().orElseThrow();
        return server.invoke(t, args, who);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(McpSchema.CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    @Test
    void everyToolOfTheCatalog_hasAnAccessRule() {
        for (MarcusTool t : ToolCatalog.of(core).all()) {
            assertThat(ToolAccess.covers(t.name())).as(t.name()).isTrue();
        }
        assertThat(ToolAccess.of("no_such_tool").role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void aViewerToken_mayReadButNotWork() {
        Principal viewer = token(projectA, Role.VIEWER);
        assertThat(call("get_project_status", Map.of(), viewer).isError()).isFalse();
        McpSchema.CallToolResult r = call("register_agent", Map.of("agent_id", "a1", "name", "A", "role", "dev"), viewer);
        assertThat(r.isError()).isTrue();
        assertThat(body(r)).containsEntry("error_code", "forbidden");
        assertThat((String) body(r).get("error")).contains("developer");
        assertThat(storage.findAgent(new dev.marcus.core.model.AgentId("a1"))).isEmpty();
    }

    @Test
    void anOmittedProjectId_meansTheTokensProject_notTheActiveOne() {
        McpSchema.CallToolResult r = call("get_project_status", Map.of(), token(projectA, Role.VIEWER));
        assertThat(r.isError()).isFalse();
        assertThat(String.valueOf(body(r))).contains(projectA).doesNotContain(projectB);
    }

    @Test
    void aTokenForProjectA_cannotTouchProjectB_byAnyArgument() {
        Principal a = token(projectA, Role.DEVELOPER);
        assertThat(body(call("get_project_status", Map.of("project_id", projectB), a))).containsEntry("error_code", "forbidden");
        assertThat(body(call("check_task_dependencies", Map.of("task_id", taskOfB), a))).containsEntry("error_code", "forbidden");
        assertThat(body(call("register_agent", Map.of("agent_id", "b1", "name", "B", "role", "dev", "project_id", projectB), a)))
                .containsEntry("error_code", "forbidden");
        assertThat(body(call("list_projects", Map.of(), a))).containsEntry("error_code", "forbidden");
        assertThat(body(call("create_project", Map.of("project_name", "Gamma", "description", "- x"), a)))
                .containsEntry("error_code", "forbidden");
        assertThat(core.projects().list()).hasSize(2);

        // an agent registered on B by an unscoped caller cannot be driven with A's token
        server.invoke(server.tools().stream().filter(x -> x.name().equals("register_agent")).findFirst().orElseThrow(),
                Map.of("agent_id", "b-agent", "name", "B", "role", "dev", "project_id", projectB), null);
        assertThat(body(call("request_next_task", Map.of("agent_id", "b-agent"), a))).containsEntry("error_code", "forbidden");
        assertThat(storage.heldBy(new dev.marcus.core.model.AgentId("b-agent"))).isEmpty();
    }

    @Test
    void aTokenWorksOnItsOwnProject_andEveryChangeIsAudited() {
        Principal a = token(projectA, Role.DEVELOPER);
        McpSchema.CallToolResult reg = call("register_agent", Map.of("agent_id", "a1", "name", "A", "role", "dev"), a);
        assertThat(reg.isError()).as(String.valueOf(body(reg))).isFalse();
        McpSchema.CallToolResult next = call("request_next_task", Map.of("agent_id", "a1"), a);
        assertThat(next.isError()).isFalse();
        assertThat(body(next)).containsEntry("success", true);
        call("get_project_status", Map.of(), a); // a read: not audited

        List<AuditEntry> log = accountStore.audit(0, null, 10);
        assertThat(log).extracting(AuditEntry::action).containsExactly("mcp.request_next_task", "mcp.register_agent");
        assertThat(log.get(1).actor()).isEqualTo("token:bot");
        assertThat(log.get(1).projectId()).isEqualTo(new ProjectId(projectA));
        assertThat(log.get(1).target()).isEqualTo("a1");
        assertThat(log.get(1).after()).contains("\"project_id\":\"" + projectA + "\"");
    }

    @Test
    void belowAdmin_nobodyChoosesServerDirectories_runsCommands_orWritesArtifactsWithoutAnAdminSetRoot(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Principal dev = token(projectA, Role.DEVELOPER);
        Map<String, Object> moved = body(call("update_project", Map.of("project_id", projectA,
                "config", Map.of("project_root", "/home")), dev));
        assertThat(moved).containsEntry("error_code", "forbidden");
        assertThat((String) moved.get("error")).startsWith("project_root:");
        assertThat(storage.findProject(new ProjectId(projectA)).orElseThrow().projectRoot()).isNull();

        call("register_agent", Map.of("agent_id", "a1", "name", "A", "role", "dev"), dev);
        String task = (String) ((Map<?, ?>) body(call("request_next_task", Map.of("agent_id", "a1"), dev)).get("task")).get("id");
        Map<String, Object> commands = body(call("report_task_progress", Map.of("agent_id", "a1", "task_id", task,
                "status", "completed", "progress", 100, "verification_commands", List.of("rm -rf /")), dev));
        assertThat(commands).containsEntry("error_code", "forbidden");
        assertThat((String) commands.get("error")).startsWith("verification_commands:");

        Map<String, Object> artifact = Map.of("agent_id", "a1", "task_id", task, "filename", "authorized_keys",
                "artifact_type", "documentation", "content", "ssh-ed25519 AAAA", "project_root", dir.toString());
        assertThat(body(call("log_artifact", artifact, dev))).containsEntry("error_code", "forbidden");
        assertThat(dir.toFile().list()).isEmpty();

        // once an admin has chosen the root, the developer's artifacts go under it
        Principal admin = new Principal("user:root", "user-0", Role.ADMIN, null);
        assertThat(call("update_project", Map.of("project_id", projectA, "config", Map.of("project_root", dir.toString())),
                admin).isError()).isFalse();
        McpSchema.CallToolResult written = call("log_artifact", artifact, dev);
        assertThat(written.isError()).as(String.valueOf(body(written))).isFalse();
        assertThat(dir.resolve("docs")).exists();
    }

    @Test
    void unguardedCalls_stdioOrSolo_areNotAudited() {
        call("register_agent", Map.of("agent_id", "a1", "name", "A", "role", "dev", "project_id", projectA), null);
        assertThat(accountStore.audit(0, null, 10)).isEmpty();
    }
}
