package dev.marcus.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.cli.MarcusCommand;
import dev.marcus.cli.config.ConfigLoader;
import dev.marcus.core.port.FeatureFlags.Feature;
import dev.marcus.storage.postgres.PostgresEventBus;
import dev.marcus.storage.postgres.PostgresTestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The team profile without Redis: the PostgreSQL LISTEN/NOTIFY bus, the flag that says so, and {@code marcus status}. */
class TeamWithPostgresBusIT {
    @RegisterExtension
    static final PostgresTestDatabase PG = new PostgresTestDatabase();

    @TempDir
    Path home;

    private void configure() throws Exception {
        Files.writeString(home.resolve("config.properties"), "profile=team\ndatabase.url=" + PG.urlString()
                + "\ndatabase.schema=" + PG.schema() + "\n");
    }

    @Test
    void teamWithoutRedis_usesThePostgresBus_andSaysRealtimeAcrossProcessesIsOn() throws Exception {
        configure();
        MarcusGraph graph = Profiles.create(new ConfigLoader(Map.of()).load(home, Map.of()));
        try {
            assertThat(graph.eventBus()).isInstanceOf(PostgresEventBus.class);
            assertThat(graph.features().isEnabled(Feature.REALTIME_ACROSS_PROCESSES)).isTrue();
            assertThat(graph.features().isEnabled(Feature.SHARED_CACHE)).isFalse();
            assertThat(graph.cache().describe()).isEqualTo("memory");
        } finally {
            graph.shutdown();
        }
    }

    @Test
    void status_showsThePostgresBus() throws Exception {
        configure();
        StringWriter out = new StringWriter();
        CommandLine cl = MarcusCommand.commandLine(System.out);
        cl.setOut(new PrintWriter(out, true));
        int exit = cl.execute("--home", home.toString(), "status");
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("events    postgresql listen/notify")
                .contains("(schema " + PG.schema() + ") (channel marcus_events_")
                .contains("realtime_across_processes on");
    }
}
