package dev.marcus.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.MarcusCore;
import dev.marcus.core.error.ConflictException;
import dev.marcus.core.model.AgentRegistration;
import dev.marcus.core.port.CommandRunner;
import dev.marcus.core.testkit.InMemoryStorageBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionGateTest {
    @TempDir
    Path root;

    private final List<List<String>> ran = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    private MarcusCore core(boolean enabled, CommandRunner.Result answer) {
        CommandRunner fake = (argv, dir, timeout) -> {
            ran.add(argv);
            dirs.add(dir);
            return answer;
        };
        return MarcusCore.builder(new InMemoryStorageBackend())
                .gates(new CompletionGate.Settings(enabled, Duration.ofSeconds(5), List.of()), fake).build();
    }

    private String claim(MarcusCore core) {
        var p = core.projects().create("P", "- Integrate payments [type:integration]\n  - refunds work\n",
                new ProjectService.CreateOptions(root.toString()));
        core.agents().register("a1", "A", "dev", List.of(), p.project().id().value());
        return ((AssignmentService.Assigned) core.assignments().requestNextTask("a1", 0)).task().id().value();
    }

    @Test
    void passingCommands_runInTheProjectRoot_andTheCompletionCarriesThem() {
        try (MarcusCore core = core(true, new CommandRunner.Result(0, false, "ok", Duration.ofMillis(5)))) {
            String task = claim(core);
            var o = core.progress().report(new ProgressService.Report("a1", task, "completed", 100, "done", null, null, null,
                    List.of("mvn -q verify", "sh -c 'echo \"a b\"'")));
            assertThat(o.completion()).isPresent();
            assertThat(o.task().acceptanceCriteria()).containsExactly("refunds work");
            assertThat(o.verifications()).hasSize(2);
            assertThat(ran).containsExactly(List.of("mvn", "-q", "verify"), List.of("sh", "-c", "echo \"a b\""));
            assertThat(dirs).containsOnly(root);
        }
    }

    @Test
    void failingCommand_rejectsTheCompletionWithItsOutput_andTheTaskStaysHeld() {
        try (MarcusCore core = core(true, new CommandRunner.Result(2, false, "FAIL: 3 tests", Duration.ofMillis(5)))) {
            String task = claim(core);
            assertThatThrownBy(() -> core.progress().report(new ProgressService.Report("a1", task, "completed", 100, "", null,
                    null, null, List.of("make test"))))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("exited with 2").hasMessageContaining("FAIL: 3 tests")
                    .satisfies(e -> assertThat(((ConflictException) e).reason()).isEqualTo("verification_failed"));
            assertThat(core.storage().findTask(new dev.marcus.core.model.TaskId(task)).orElseThrow().isDone()).isFalse();
        }
    }

    @Test
    void timeout_rejects_andMissingCommands_reject_whileADisabledGateRunsNothing() {
        try (MarcusCore core = core(true, new CommandRunner.Result(-1, true, "still running", Duration.ofSeconds(5)))) {
            String task = claim(core);
            assertThatThrownBy(() -> core.progress().report(new ProgressService.Report("a1", task, "completed", 100, "", null,
                    null, null, List.of("sleep 100")))).hasMessageContaining("timed out after 5 s");
            assertThatThrownBy(() -> core.progress().report(new ProgressService.Report("a1", task, "completed", 100, "", null,
                    null, null, List.of()))).hasMessageContaining("verification_commands");
        }
        ran.clear();
        try (MarcusCore core = core(false, new CommandRunner.Result(1, false, "", Duration.ZERO))) {
            String task = claim(core);
            var o = core.progress().report(new ProgressService.Report("a1", task, "completed", 100, "", null, null, null,
                    List.of("false")));
            assertThat(o.completion()).isPresent();
            assertThat(ran).isEmpty();
        }
    }

    @Test
    void split_groupsQuotes() {
        assertThat(CompletionGate.split("a 'b c' \"d\\\"e\" f\\ g")).containsExactly("a", "b c", "d\"e", "f g");
    }
}
