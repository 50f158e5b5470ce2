package dev.marcus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** In {@code marcus mcp}, stdout carries JSON-RPC only, even with debug logging on; logs go to stderr. */
class StdoutPurityIT {
    @TempDir
    Path home;

    @Test
    void everyStdoutLine_isAJsonRpcMessage_andLogsGoToStderr() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-jar", MarcusServer.jar().toString(), "mcp");
        pb.environment().put("MARCUS_HOME", home.toString());
        pb.environment().put("MARCUS_LOG_LEVEL", "DEBUG");
        Path err = home.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            List<String> lines = new ArrayList<>();
            lines.add(out.readLine());
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            lines.add(out.readLine());
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"list_projects\",\"arguments\":{}}}");
            lines.add(out.readLine());
            in.close();
            String rest;
            while ((rest = out.readLine()) != null) {
                lines.add(rest);
            }
            JsonMapper json = JsonMapper.builder().build();
            for (String line : lines) {
                JsonNode node = json.readTree(line);
                assertThat(node.path("jsonrpc").asString()).as("line: %s", line).isEqualTo("2.0");
            }
            assertThat(lines.get(0)).contains("\"id\":1").contains("serverInfo");
            assertThat(lines.get(1)).contains("\"id\":2").contains("request_next_task");
            assertThat(lines.get(2)).contains("\"id\":3").contains("projects");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(err)).contains("marcus mcp");
    }

    private static void send(OutputStream in, String message) throws Exception {
        in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
