package dev.marcus.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MetricsTimelineTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T09:10:00Z"));
    private final InMemoryStorageBackend storage = new InMemoryStorageBackend();
    private final MarcusCore core = MarcusCore.builder(storage).clock(now::get).build();

    private String claim(String agent) {
        return ((AssignmentService.Assigned) core.assignments().requestNextTask(agent, 0)).task().id().value();
    }

    private void advance(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void timeline_hasOneLanePerAgent_barsByOutcome_completionsPerHour_cycleTimes_andBurnDown() {
        String id = core.projects().create("Shop", "- A\n- B\n- C\n- D", ProjectService.CreateOptions.NONE)
                .project().id().value();
        core.agents().register("ann", "Ann", "dev", List.of(), id);
        core.agents().register("bob", "Bob", "dev", List.of(), id);
        core.agents().register("cy", "Cy", "dev", List.of(), id);
        String a = claim("ann");
        String b = claim("bob");
        advance(Duration.ofMinutes(30));
        core.progress().report(new ProgressService.Report("ann", a, "completed", 100, "done", null, null, null));
        core.progress().reportBlocker("bob", b, "no credentials", "high");
        advance(Duration.ofMinutes(40));
        String c = claim("ann");
        advance(Duration.ofMinutes(20));
        core.progress().report(new ProgressService.Report("ann", c, "completed", 100, "done", null, null, null));
        claim("ann");

        Map<String, Object> t = core.metrics().timeline(id, "24h");

        List<Map<String, Object>> lanes = list(t.get("lanes"));
        assertThat(lanes).extracting(l -> l.get("agent_id")).containsExactly("ann", "bob", "cy");
        assertThat(list(lanes.get(0).get("bars"))).extracting(x -> x.get("outcome"))
                .containsExactly("completed", "completed", "open");
        assertThat(list(lanes.get(1).get("bars"))).extracting(x -> x.get("outcome")).containsExactly("blocked");
        assertThat(list(lanes.get(2).get("bars"))).isEmpty();

        List<Map<String, Object>> perHour = list(t.get("throughput_per_hour"));
        assertThat(perHour).hasSize(25);
        assertThat(perHour.stream().mapToInt(h -> (Integer) h.get("completed")).sum()).isEqualTo(2);
        assertThat(perHour.get(24).get("hour")).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(perHour.get(24).get("completed")).isEqualTo(1);

        Map<String, Object> cycle = map(t.get("cycle_time"));
        assertThat(cycle.get("count")).isEqualTo(2);
        assertThat(list(cycle.get("tasks"))).extracting(x -> x.get("cycle_hours")).containsExactly(0.5, 0.3333);

        assertThat(t.get("remaining_tasks")).isEqualTo(2);
        List<Map<String, Object>> burn = list(t.get("burndown"));
        assertThat(burn.get(0).get("remaining")).isEqualTo(4);
        assertThat(burn.get(burn.size() - 1).get("remaining")).isEqualTo(2);
        assertThat(map(t.get("pace")).get("completed_in_window")).isEqualTo(2L);
        assertThat(map(t.get("pace")).get("completion")).isNotNull();
    }

    @Test
    void timeline_ofAnUntouchedProject_isEmptyButComplete() {
        String id = core.projects().create("New", "- A", ProjectService.CreateOptions.NONE).project().id().value();
        Map<String, Object> t = core.metrics().timeline(id, "1h");
        assertThat(list(t.get("lanes"))).isEmpty();
        assertThat(map(t.get("cycle_time")).get("median_hours")).isNull();
        assertThat(map(t.get("pace")).get("completion")).isNull();
        assertThat(list(t.get("burndown"))).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
