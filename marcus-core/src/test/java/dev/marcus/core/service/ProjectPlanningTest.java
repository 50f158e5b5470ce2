package dev.marcus.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.error.ValidationException;
import dev.marcus.core.model.Priority;
import dev.marcus.core.model.Task;
import dev.marcus.core.planning.PlannedTask;
import dev.marcus.core.planning.ProjectPlan;
import dev.marcus.core.planning.ProjectPlanner;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProjectPlanningTest {
    private final InMemoryStorageBackend storage = new InMemoryStorageBackend();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final MarcusCore core = MarcusCore.builder(storage).clock(now::get).build();

    @AfterEach
    void close() {
        core.close();
    }

    private static final String SHOP = "Users can sign up with email. Customers can browse products. Deploy it to a cloud host.";

    @Test
    void sameCreateWithinTenMinutes_returnsTheFirstProject_evenFromAnotherProcessOnTheSameStore() {
        var first = core.projects().create("Shop", SHOP, ProjectService.CreateOptions.NONE);
        now.set(now.get().plus(Duration.ofMinutes(9)));
        try (MarcusCore other = MarcusCore.builder(storage).clock(now::get).build()) {
            var again = other.projects().create("shop", SHOP, ProjectService.CreateOptions.NONE);
            assertThat(again.replayed()).isTrue();
            assertThat(again.project().id()).isEqualTo(first.project().id());
            assertThat(again.tasks()).extracting(Task::id).isEqualTo(first.tasks().stream().map(Task::id).toList());
            assertThat(again.phases()).isEqualTo(first.phases());
            assertThat(again.dependencies()).isEqualTo(first.dependencies());
        }
        assertThat(storage.listProjects()).hasSize(1);
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThatThrownBy(() -> core.projects().create("Shop", SHOP, ProjectService.CreateOptions.NONE))
                .isInstanceOf(ValidationException.class).hasMessageContaining("already exists");
    }

    @Test
    void concurrentIdenticalCreates_makeOneProject() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ProjectService.CreatedProject>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> core.projects().create("Shop", SHOP, ProjectService.CreateOptions.NONE));
            }
            List<String> ids = new ArrayList<>();
            for (Future<ProjectService.CreatedProject> f : pool.invokeAll(calls)) {
                ids.add(f.get().project().id().value());
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(storage.listProjects()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPlanWithACycle_writesNothing() {
        ProjectPlanner cyclic = new ProjectPlanner() {
            @Override
            public ProjectPlan plan(String d) {
                return new ProjectPlan(List.of(), List.of(
                        new PlannedTask("a", "A", "", "", Priority.MEDIUM, List.of(), List.of("b"), 1.0, List.of()),
                        new PlannedTask("b", "B", "", "", Priority.MEDIUM, List.of(), List.of("a"), 1.0, List.of())));
            }

            @Override
            public String name() {
                return "cyclic";
            }
        };
        try (MarcusCore c = MarcusCore.builder(storage).planner(cyclic).build()) {
            long events = storage.lastEventId();
            assertThatThrownBy(() -> c.projects().create("X", "anything", ProjectService.CreateOptions.NONE))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("cyclic planner").hasMessageContaining("cycle");
            assertThat(storage.listProjects()).isEmpty();
            assertThat(storage.lastEventId()).isEqualTo(events);
        }
    }

    @Test
    void createTasks_addsAPlanToAnExistingProject_andRefusesDuplicatesWithoutWriting() {
        var p = core.projects().create("Shop", SHOP, ProjectService.CreateOptions.NONE);
        var added = core.projects().createTasks("Shop", "- Design coupons\n- Coupons API\n", ProjectService.CreateOptions.NONE);
        assertThat(added.tasks()).extracting(Task::name).containsExactly("Design coupons", "Coupons API");
        assertThat(added.tasks().get(1).dependencies()).containsExactly(added.tasks().get(0).id());
        int before = storage.listTasks(p.project().id()).size();
        assertThatThrownBy(() -> core.projects().createTasks(null, "- Coupons API\n", ProjectService.CreateOptions.NONE))
                .isInstanceOf(ValidationException.class).hasMessageContaining("already exists");
        assertThat(storage.listTasks(p.project().id())).hasSize(before);
    }

    @Test
    void addFeature_newPhase_waitsForOpenEnds_andDeploymentWaitsForTheFeature() {
        var p = core.projects().create("Shop", SHOP, ProjectService.CreateOptions.NONE);
        Task deploy = p.tasks().stream().filter(t -> t.labels().contains("type:deploy")).findFirst().orElseThrow();
        var added = core.projects().addFeature(null, "- Wishlist page\n- Test the wishlist\n", "new_phase");
        assertThat(added.integrationPoint()).isEqualTo("new_phase");
        Task first = added.tasks().get(0);
        assertThat(first.dependencies()).isNotEmpty().doesNotContain(deploy.id());
        Task deployNow = storage.findTask(deploy.id()).orElseThrow();
        assertThat(deployNow.dependencies()).contains(added.tasks().get(1).id());
        assertThat(added.nowWaiting()).containsExactly(deploy.id());
    }

    @Test
    void addFeature_autoDetect_linksRelatedWork_andParallelLinksNothing() {
        core.projects().create("Shop", SHOP, ProjectService.CreateOptions.NONE);
        var related = core.projects().addFeature(null, "- Product reviews shown when customers browse products\n", "auto_detect");
        assertThat(related.linkedTo()).isNotEmpty();
        var parallel = core.projects().addFeature(null, "- Dark mode toggle\n", "parallel");
        assertThat(parallel.tasks().get(0).dependencies()).isEmpty();
        assertThatThrownBy(() -> core.projects().addFeature(null, "- X thing", "sideways"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("integration_point");
    }
}
