package dev.marcus.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A parked {@code request_next_task} is woken by the completion event, not by its once-a-second re-check. */
class LongPollWakeTest {

    @Test
    void waitingRequest_returnsWithinASecondOfATaskBecomingFree() throws Exception {
        try (MarcusCore marcus = MarcusCore.builder(new InMemoryStorageBackend()).build()) {
            String project = marcus.projects().create("Chain", "# Work\n- First\n- Second (after First)",
                    ProjectService.CreateOptions.NONE).project().id().value();
            marcus.agents().register("holder", "Holder", "dev", List.of(), project);
            marcus.agents().register("waiter", "Waiter", "dev", List.of(), project);
            var first = ((AssignmentService.Assigned) marcus.assignments().requestNextTask("holder", 0)).task();

            CompletableFuture<AssignmentService.NextTask> waiting = CompletableFuture.supplyAsync(
                    () -> marcus.assignments().requestNextTask("waiter", 30));
            Thread.sleep(300);
            assertThat(waiting).isNotDone();

            long t0 = System.nanoTime();
            marcus.progress().report(new ProgressService.Report("holder", first.id().value(), "completed", 100, "done",
                    null, null, null));
            AssignmentService.NextTask answer = waiting.get(5, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(answer).isInstanceOf(AssignmentService.Assigned.class);
            assertThat(((AssignmentService.Assigned) answer).task().name()).isEqualTo("Second");
            assertThat(millis).isLessThan(1_000);
        }
    }
}
