package dev.marcus.core.cache;

import dev.marcus.core.service.EventBusFixture;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.service.ProjectService;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.model.ProjectId;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import dev.marcus.core.testkit.MapCacheBackend;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectViewCacheTest {
    private final MapCacheBackend cache = new MapCacheBackend();
    private MarcusCore marcus;
    private String project;

    @BeforeEach
    void setUp() {
        marcus = MarcusCore.builder(new InMemoryStorageBackend()).cache(cache).build();
        project = marcus.projects().create("Shop", "# Backend\n- Schema\n- API (after Schema)\n- Docs",
                ProjectService.CreateOptions.NONE).project().id().value();
    }

    @AfterEach
    void tearDown() {
        marcus.close();
    }

    @Test
    void repeatedStatus_isServedFromTheCache() {
        marcus.projects().status(project);
        long hits = cache.stats().hits();
        marcus.projects().status(project);
        marcus.projects().status(project);
        assertThat(cache.stats().hits() - hits).isGreaterThanOrEqualTo(2 * 2); // generation + view, twice
    }

    @Test
    void status_afterTheCallersOwnWrite_showsThatWrite() {
        assertThat(marcus.projects().status(project).workersTotal()).isZero();
        marcus.agents().register("a1", "A1", "dev", List.of(), project);
        assertThat(marcus.projects().status(project).workersTotal()).isEqualTo(1);

        var next = (AssignmentService.Assigned) marcus.assignments().requestNextTask("a1", 0);
        var status = marcus.projects().status(project);
        assertThat(status.workersActive()).isEqualTo(1);
        assertThat(status.counts().inProgress()).isEqualTo(1);

        marcus.progress().report(new ProgressService.Report("a1", next.task().id().value(), "completed", 100, "done",
                null, null, null));
        status = marcus.projects().status(project);
        assertThat(status.counts().done()).isEqualTo(1);
        assertThat(status.workersActive()).isZero();
    }

    @Test
    void agentList_afterARegistration_showsTheNewAgent() {
        assertThat(marcus.agents().list(project)).isEmpty();
        marcus.agents().register("a1", "A1", "dev", List.of("backend"), project);
        assertThat(marcus.agents().list(project)).extracting(a -> a.id().value()).containsExactly("a1");
        marcus.agents().register("a2", "A2", "dev", List.of(), project);
        assertThat(marcus.agents().list(project)).hasSize(2);
    }

    @Test
    void aValueComputedBeforeAnInvalidation_isNeverServedAfterIt() {
        ProjectId id = new ProjectId(project);
        ProjectViewCache views = marcus.views();
        // a slow reader computes from the old state while a writer invalidates in between
        String stale = views.read(id, "probe", String.class, () -> {
            views.invalidate(id);
            return "old";
        });
        assertThat(stale).isEqualTo("old");
        assertThat(views.read(id, "probe", String.class, () -> "new")).isEqualTo("new");
    }

    @Test
    void decisionsAndArtifacts_leaveTheViewsCached() {
        ProjectId id = new ProjectId(project);
        marcus.projects().status(project);
        long misses = cache.stats().misses();
        marcus.views().onEvent(EventBusFixture.event(dev.marcus.core.model.EventType.DECISION_LOGGED, id));
        marcus.projects().status(project);
        assertThat(cache.stats().misses()).isEqualTo(misses);
    }
}
