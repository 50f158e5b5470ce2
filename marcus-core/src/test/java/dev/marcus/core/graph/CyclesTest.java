package dev.marcus.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CyclesTest {
    @Test
    void find_returnsTheCycleInDependencyOrder_firstRepeatedLast() {
        List<String> cycle = Cycles.find(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));
        assertThat(cycle).hasSize(4);
        assertThat(cycle.get(0)).isEqualTo(cycle.get(3));
        assertThat(Cycles.find(Map.of("a", Set.of("b"), "b", Set.<String>of()))).isEmpty();
    }

    @Test
    void find_handlesADeepChainWithoutRecursion() {
        Map<Integer, List<Integer>> chain = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            chain.put(i, List.of(i + 1));
        }
        assertThat(Cycles.find(chain)).isEmpty();
        chain.put(20_000, List.of(0));
        assertThat(Cycles.find(chain)).hasSize(20_002);
    }
}
