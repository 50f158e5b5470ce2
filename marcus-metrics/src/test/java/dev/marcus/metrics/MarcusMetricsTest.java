package dev.marcus.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.model.ProjectId;
import dev.marcus.core.model.TaskCounts;
import dev.marcus.core.port.OperationsStore;
import dev.marcus.core.testkit.FixedOperationsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarcusMetricsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static FixedOperationsStore store(int projects) {
        List<OperationsStore.ProjectTasks> tasks = new ArrayList<>();
        for (int i = 0; i < projects; i++) {
            tasks.add(new OperationsStore.ProjectTasks(new ProjectId(String.format("proj-%03d", i)), new TaskCounts(3, 1, 0, 2)));
        }
        return new FixedOperationsStore(new OperationsStore.Readings(tasks, 4, 1, 2, NOW.minusSeconds(90)));
    }

    @Test
    void scrape_reportsTheBoardFromOneReading_withProjectSeriesCappedAndTheRestSummedAsOther() {
        FixedOperationsStore store = store(MarcusMetrics.MAX_PROJECT_SERIES + 3);
        try (MarcusMetrics metrics = new MarcusMetrics().bindReadings(store, () -> NOW, Duration.ofMinutes(5))) {
            String text = metrics.scrape();
            assertThat(text).contains("marcus_tasks{project=\"proj-000\",status=\"todo\"} 3.0");
            assertThat(text).contains("marcus_tasks{project=\"other\",status=\"todo\"} 9.0");
            assertThat(text).doesNotContain("proj-052");
            assertThat(text).contains("marcus_agents{state=\"silent\"} 1.0").contains("marcus_blockers_open 2.0");
            assertThat(text).contains("marcus_tasks_oldest_in_progress_seconds 90.0");
            assertThat(text).contains("jvm_memory_used_bytes");
            assertThat(store.reads()).as("one reading serves a whole scrape").isEqualTo(1);
        }
    }

    @Test
    void claimsAreAHistogram_andHttpIsLabelledByRouteTemplate() {
        try (MarcusMetrics metrics = new MarcusMetrics()) {
            metrics.telemetry().claimed(Duration.ofMillis(12));
            metrics.telemetry().noTask("something we never heard of");
            metrics.telemetry().jobFinished("lease-sweep", false, Duration.ofMillis(3));
            metrics.http("GET", "/api/tasks/{taskId}", 200, 1_000_000);
            String text = metrics.scrape();
            assertThat(text).contains("marcus_claims_seconds_count 1").contains("marcus_claims_seconds_bucket{le=");
            assertThat(text).contains("marcus_no_task_total{reason=\"other\"} 1.0");
            assertThat(text).contains("marcus_job_runs_seconds_count{kind=\"lease-sweep\",outcome=\"failed\"} 1");
            assertThat(text).contains("uri=\"/api/tasks/{taskId}\"");
        }
    }
}
