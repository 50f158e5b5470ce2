package dev.marcus.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanningConfigTest {
    @TempDir
    Path home;

    private MarcusConfig load(Map<String, String> env) {
        return new ConfigLoader(env).load(home, Map.of());
    }

    @Test
    void defaults_areOffline_rules_andNoGate() {
        MarcusConfig c = load(Map.of());
        assertThat(c.planning().planner()).isEqualTo("offline");
        assertThat(c.planning().llmAdvisor()).isFalse();
        assertThat(c.gates().enabled()).isFalse();
    }

    @Test
    void anthropicFromEnvironment_readsTheKey_butNeverPrintsIt() {
        MarcusConfig c = load(Map.of("MARCUS_PLANNER", "anthropic", "ANTHROPIC_API_KEY", "sk-secret",
                "MARCUS_PLANNER_MODEL", "claude-x", "MARCUS_ADVISOR", "llm", "MARCUS_PLANNER_TIMEOUT_SECONDS", "20"));
        assertThat(c.planning().apiKey()).isEqualTo("sk-secret");
        assertThat(c.planning().model()).isEqualTo("claude-x");
        assertThat(c.planning().timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.toString()).doesNotContain("sk-secret");
    }

    @Test
    void badValues_areRefusedNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("MARCUS_PLANNER", "gpt"))).hasMessageContaining("planner");
        assertThatThrownBy(() -> load(Map.of("MARCUS_PLANNER", "anthropic"))).hasMessageContaining("ANTHROPIC_API_KEY");
        assertThatThrownBy(() -> load(Map.of("MARCUS_PLANNER", "openai", "MARCUS_PLANNER_BASE_URL", "ftp://x")))
                .hasMessageContaining("planner.base_url");
        assertThatThrownBy(() -> load(Map.of("MARCUS_ADVISOR", "llm"))).hasMessageContaining("advisor");
        assertThatThrownBy(() -> load(Map.of("MARCUS_GATES_ENABLED", "yes"))).hasMessageContaining("gates.enabled");
    }

    @Test
    void localOpenAiServer_needsNoKey_andGatesAreConfigurable() {
        MarcusConfig c = load(Map.of("MARCUS_PLANNER", "openai", "MARCUS_PLANNER_BASE_URL", "http://localhost:11434",
                "MARCUS_GATES_ENABLED", "true", "MARCUS_GATES_TIMEOUT_SECONDS", "30", "MARCUS_GATES_SHELL", "/bin/sh -c"));
        assertThat(c.planning().baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(c.gates().enabled()).isTrue();
        assertThat(c.gates().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.gates().shell()).isEqualTo(List.of("/bin/sh", "-c"));
    }
}
