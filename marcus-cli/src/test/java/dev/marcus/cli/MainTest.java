package dev.marcus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void theStdioServer_isRecognisedWithOrWithoutGlobalOptions_andBenchMcpIsNotIt() {
        assertThat(Main.isMcp(new String[] {"mcp"})).isTrue();
        assertThat(Main.isMcp(new String[] {"--home", "/tmp/x", "mcp", "--tools", "core"})).isTrue();
        assertThat(Main.isMcp(new String[] {"--home=/tmp/x", "mcp"})).isTrue();
        assertThat(Main.isMcp(new String[] {"bench", "mcp"})).isFalse();
        assertThat(Main.isMcp(new String[] {"status"})).isFalse();
        assertThat(Main.isMcp(new String[] {})).isFalse();
    }
}
