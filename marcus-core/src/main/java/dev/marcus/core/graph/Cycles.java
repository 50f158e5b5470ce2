package dev.marcus.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Finding a dependency cycle, for the graph rules, board health and plan validation alike. */
public final class Cycles {
    private Cycles() {
    }

    /**
     * One cycle of a graph given as node → the nodes it depends on, iteratively (no recursion, so deep graphs are fine).
     *
     * @return the nodes on one cycle in dependency order, the first repeated at the end; empty when there is none
     */
    public static <K> List<K> find(Map<K, ? extends Collection<K>> edges) {
        Map<K, Integer> state = new HashMap<>(); // 1 = on the stack, 2 = finished
        for (K root : edges.keySet()) {
            if (state.containsKey(root)) {
                continue;
            }
            Deque<K> stack = new ArrayDeque<>();
            Deque<Iterator<K>> iters = new ArrayDeque<>();
            stack.push(root);
            iters.push(successors(edges, root));
            state.put(root, 1);
            while (!stack.isEmpty()) {
                Iterator<K> it = iters.peek();
                if (it.hasNext()) {
                    K next = it.next();
                    Integer s = state.get(next);
                    if (s == null) {
                        state.put(next, 1);
                        stack.push(next);
                        iters.push(successors(edges, next));
                    } else if (s == 1) {
                        List<K> cycle = new ArrayList<>();
                        for (K k : stack) {
                            cycle.add(0, k);
                            if (k.equals(next)) {
                                break;
                            }
                        }
                        cycle.add(next);
                        return cycle;
                    }
                } else {
                    state.put(stack.pop(), 2);
                    iters.pop();
                }
            }
        }
        return List.of();
    }

    private static <K> Iterator<K> successors(Map<K, ? extends Collection<K>> edges, K node) {
        Collection<K> next = edges.get(node);
        return next == null ? Collections.emptyIterator() : next.iterator();
    }
}
