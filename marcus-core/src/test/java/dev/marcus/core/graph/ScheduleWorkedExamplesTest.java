package dev.marcus.core.graph;

import static dev.marcus.core.graph.T.id;
import static dev.marcus.core.graph.T.ids;
import static dev.marcus.core.graph.T.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples of {@code docs/analytics.md}, "The project schedule", one test each, figures worked by hand. */
class ScheduleWorkedExamplesTest {

    @Test
    void example1_aTask75PercentDone_besideAShorterOne_leavesTheShorterOneCritical() {
        Schedule s = Schedule.of(List.of(
                task("A").hours(4).inProgress(75).build(),
                task("B").hours(2).build()));
        assertThat(s.hours(id("A")).getAsDouble()).isEqualTo(1.0);
        assertThat(s.criticalPathHours()).isEqualTo(2.0);
        assertThat(s.criticalPath()).containsExactly(id("B"));
        assertThat(s.onCriticalPath(id("A"))).isFalse();
        assertThat(s.slack(id("A")).getAsDouble()).isEqualTo(1.0);
        assertThat(s.totalWorkHours()).isEqualTo(3.0);
        assertThat(s.peakParallelism()).isEqualTo(2);
        assertThat(s.recommendedAgents()).isEqualTo(2);
        assertThat(s.summary()).containsEntry("critical_path", List.of("B")).containsEntry("critical_path_hours", 2.0);
    }

    @Test
    void example2_aChainWithABranch() {
        Schedule s = Schedule.of(chainWithBranch());
        assertThat(s.earliestStart(id("b")).getAsDouble()).isEqualTo(1.0);
        assertThat(s.earliestFinish(id("d")).getAsDouble()).isEqualTo(7.0);
        assertThat(s.criticalPathHours()).isEqualTo(7.0);
        assertThat(s.criticalPath()).containsExactly(id("a"), id("b"), id("d"));
        assertThat(s.slack(id("c")).getAsDouble()).isEqualTo(4.0);
        assertThat(s.slack(id("b")).getAsDouble()).isZero();
        assertThat(s.tailHours(id("a"))).isEqualTo(7.0);
        assertThat(s.tailHours(id("c"))).isEqualTo(2.0);
        assertThat(s.peakParallelism()).isEqualTo(2);
        assertThat(s.totalWorkHours()).isEqualTo(8.0);
        assertThat(s.totalWorkHours() / (s.recommendedAgents() * s.criticalPathHours())).isCloseTo(0.571, within(0.001));
    }

    @Test
    void example3_doneWorkTakesNothing_andAParentFinishesWithItsLastSubtask() {
        Schedule s = Schedule.of(List.of(
                task("P").parentOf(2).build(),
                task("S1").hours(2).subtaskOf("P").build(),
                task("S2").hours(3).subtaskOf("P").done().build(),
                task("X").hours(1).after("P").build()));
        assertThat(s.isScheduled(id("S2"))).isFalse();
        assertThat(s.hours(id("P")).getAsDouble()).isZero();
        assertThat(s.earliestFinish(id("P")).getAsDouble()).isEqualTo(2.0);
        assertThat(s.earliestStart(id("X")).getAsDouble()).isEqualTo(2.0);
        assertThat(s.criticalPathHours()).isEqualTo(3.0);
        assertThat(s.criticalPath()).containsExactly(id("S1"), id("X"));
    }

    @Test
    void example4_directFanOutOfThreeIsABottleneck_aChainIsNot() {
        Schedule fan = Schedule.of(List.of(task("api").build(), task("web").after("api").build(),
                task("mobile").after("api").build(), task("cli").after("api").build()));
        assertThat(fan.bottlenecks()).containsExactly(id("api"));
        Schedule chain = Schedule.of(List.of(task("a").build(), task("b").after("a").build(),
                task("c").after("b").build(), task("d").after("c").build()));
        assertThat(chain.bottlenecks()).isEmpty();
        // finished dependents do not wait
        Schedule partlyDone = Schedule.of(List.of(task("api").build(), task("web").after("api").done().build(),
                task("mobile").after("api").build(), task("cli").after("api").build()));
        assertThat(partlyDone.bottlenecks()).isEmpty();
    }

    @Test
    void example5_whatIsDeploymentLike() {
        assertThat(Deployment.isDeploymentLike(task("d").named("Deploy to staging").build())).isTrue();
        assertThat(Deployment.isDeploymentLike(task("s").named("Ship v1").build())).isTrue();
        assertThat(Deployment.isDeploymentLike(task("r").named("Write the release notes").labels("type:docs").build())).isFalse();
        assertThat(Deployment.isDeploymentLike(task("n").named("Release notes for 2.0").build())).isFalse();
        assertThat(Deployment.isDeploymentLike(task("l").named("Prepare hosting").labels("type:deploy").build())).isTrue();
        assertThat(Deployment.isDeploymentLike(task("x").named("Checkout page").labels("release").build())).isTrue();
        assertThat(Deployment.isDeploymentLike(task("y").named("Relational schema").build())).isFalse();
    }

    @Test
    void example6_slackAbsorbsADelay_untilItRunsOut() {
        Schedule before = Schedule.of(chainWithBranch());
        Schedule within = Schedule.of(chainWithBranch(), DurationPolicy.ESTIMATES, Map.of(id("c"), 3.0));
        assertThat(within.earliestFinish(id("c")).getAsDouble()).isEqualTo(5.0);
        assertThat(within.earliestFinish(id("d"))).isEqualTo(before.earliestFinish(id("d")));
        assertThat(within.criticalPathHours() - before.criticalPathHours()).isZero();
        Schedule beyond = Schedule.of(chainWithBranch(), DurationPolicy.ESTIMATES, Map.of(id("c"), 5.0));
        assertThat(beyond.earliestFinish(id("c")).getAsDouble()).isEqualTo(7.0);
        assertThat(beyond.earliestFinish(id("d")).getAsDouble()).isEqualTo(8.0);
        assertThat(beyond.criticalPathHours() - before.criticalPathHours()).isEqualTo(1.0);
        assertThat(beyond.criticalPath()).containsExactly(id("a"), id("c"), id("d"));
    }

    @Test
    void estimates_withoutOneCountOneHour_andTheScaleMultipliesThem() {
        DurationPolicy slow = new DurationPolicy(1.5);
        var unestimated = task("u").build();
        var zero = task("z").hours(0).build();
        assertThat(DurationPolicy.ESTIMATES.remaining(unestimated)).isEqualTo(1.0);
        assertThat(DurationPolicy.ESTIMATES.remaining(zero)).isEqualTo(1.0);
        assertThat(slow.remaining(task("h").hours(2).build())).isEqualTo(3.0);
        assertThat(DurationPolicy.ESTIMATES.remaining(task("b").hours(4).inProgress(50)
                .status(dev.marcus.core.model.TaskStatus.BLOCKED).build())).isEqualTo(2.0);
        assertThat(DurationPolicy.ESTIMATES.remaining(task("d").hours(4).done().build())).isZero();
        // work finished at once teaches an estimate ratio of 0: a valid scale, not an error
        assertThat(new DurationPolicy(0).remaining(task("q").hours(3).build())).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DurationPolicy(-1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DurationPolicy(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tasksOnACycle_andDanglingIds_areLeftOut() {
        Schedule s = Schedule.of(List.of(task("x").after("y").build(), task("y").after("x").build(),
                task("z").hours(2).after("nowhere").build()));
        assertThat(s.scheduledTasks()).containsExactly(id("z"));
        assertThat(s.criticalPath()).isEqualTo(ids("z"));
    }

    @Test
    void nothingLeft_meansNoPathAndNoAgents() {
        Schedule s = Schedule.of(List.of(task("a").done().build()));
        assertThat(s.criticalPath()).isEmpty();
        assertThat(s.criticalPathHours()).isZero();
        assertThat(s.recommendedAgents()).isZero();
        assertThat(Schedule.of(List.of()).recommendedAgents()).isZero();
    }

    private static List<dev.marcus.core.model.Task> chainWithBranch() {
        return List.of(task("a").hours(1).build(), task("b").hours(5).after("a").build(),
                task("c").hours(1).after("a").build(), task("d").hours(1).after("b", "c").build());
    }
}
