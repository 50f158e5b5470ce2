package dev.marcus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.error.BackendUnavailableException;
import dev.marcus.core.service.Limits;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The call boundary without a transport: exception mapping and argument conversion. */
class MarcusMcpServerTest {

    private static MarcusTool tool(String name, Function<Arguments, Map<String, Object>> body) {
        return new MarcusTool() {
            public String name() {
                return name;
            }

            public String description() {
                return "test tool";
            }

            public ToolSchema schema() {
                return ToolSchema.object().integer("n", "a number", false);
            }

            public ToolProfile profile() {
                return ToolProfile.CORE;
            }

            public Map<String, Object> call(Arguments args) {
                return body.apply(args);
            }
        };
    }

    private static Map<String, Object> invoke(MarcusTool t, Map<String, Object> args) throws Exception {
        MarcusMcpServer server = new MarcusMcpServer(List.of(t), ToolProfile.CORE, Limits.DEFAULT, "test");
        McpSchema.CallToolResult r = server.invoke(t, args);
        Map<String, Object> body = McpJsonDefaults.getMapper().readValue(
                ((McpSchema.TextContent) r.content().get(0)).text(), new TypeRef<Map<String, Object>>() {
                });
        body.put("_isError", r.isError());
        return body;
    }

    @Test
    void unexpectedException_becomesAGenericOneLineErrorWithoutItsMessage() throws Exception {
        Map<String, Object> body = invoke(tool("boom", a -> {
            throw new IllegalStateException("secret internals\nat line 2");
        }), Map.of());
        assertThat(body).containsEntry("_isError", true).containsEntry("success", false)
                .containsEntry("error_code", "internal_error");
        assertThat((String) body.get("error")).isEqualTo(
                "internal error in boom (IllegalStateException); the server log has the details");
    }

    @Test
    void backendUnavailable_isRetryable() throws Exception {
        Map<String, Object> body = invoke(tool("db", a -> {
            throw new BackendUnavailableException("sqlite: database is locked", null);
        }), Map.of());
        assertThat(body).containsEntry("_isError", true).containsEntry("error_code", "backend_unavailable")
                .containsEntry("retryable", true).containsEntry("error", "sqlite: database is locked");
    }

    @Test
    void integers_areAcceptedAsAnyJsonNumberKind_butNotAsFractions() throws Exception {
        MarcusTool echo = tool("echo", a -> Map.of("success", true, "n", a.integer("n", -1)));
        for (Object n : List.of(7, 7L, 7.0, 7.0f, new BigDecimal("7.00"), BigInteger.valueOf(7))) {
            assertThat(invoke(echo, Map.of("n", n))).as("n=%s (%s)", n, n.getClass().getSimpleName())
                    .containsEntry("_isError", false).containsEntry("n", 7);
        }
        assertThat(invoke(echo, Map.of("n", 7.25))).containsEntry("_isError", true)
                .containsEntry("error", "n: expected an integer, got 7.25");
        assertThat(invoke(echo, Map.of("n", true))).containsEntry("error", "n: expected an integer, got true");
        assertThat(invoke(echo, Map.of())).containsEntry("n", -1);
    }

    @Test
    void returnedAnswers_withSuccessFalse_areNotErrors() throws Exception {
        Map<String, Object> body = invoke(tool("later", a -> Map.of("success", false, "retry_after_seconds", 30)), Map.of());
        assertThat(body).containsEntry("_isError", false).containsEntry("retry_after_seconds", 30);
    }

    @Test
    void profile_filtersTheCatalog() {
        MarcusTool admin = new MarcusTool() {
            public String name() {
                return "admin";
            }

            public String description() {
                return "x";
            }

            public ToolSchema schema() {
                return ToolSchema.object();
            }

            public ToolProfile profile() {
                return ToolProfile.ALL;
            }

            public Map<String, Object> call(Arguments args) {
                return Map.of("success", true);
            }
        };
        MarcusTool ping = tool("ping", a -> Map.of());
        assertThat(new MarcusMcpServer(List.of(ping, admin), ToolProfile.STANDARD, Limits.DEFAULT, "t").tools())
                .extracting(MarcusTool::name).containsExactly("ping");
        assertThat(new MarcusMcpServer(List.of(ping, admin), ToolProfile.ALL, Limits.DEFAULT, "t").tools())
                .extracting(MarcusTool::name).containsExactly("ping", "admin");
    }
}
