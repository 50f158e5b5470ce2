package dev.marcus.core.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcus.core.error.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The offline planner over the corpus in {@code src/test/resources/planning} (see its README): every description is
 * planned (none refused but the explicit cycles and the text without work), and the dependency edges are scored
 * against the edges a reader means.
 *
 * <p>Scoring, on units (the tasks a reader expects; a planned task belongs to the unit whose phrase its name contains,
 * else its name and details together):
 * the plan's order between units is its transitive closure projected on units. <b>Precision</b> = the share of the
 * plan's direct unit edges (those not implied by two others) that the expected graph implies; <b>recall</b> = the
 * share of the expected direct edges that the plan implies. A redundant but correct edge costs nothing; an order the
 * reader does not mean costs precision; a missing order costs recall. Totals are summed over the corpus.
 */
class PlannerCorpusTest {
    static final double MIN_PRECISION = 0.9;
    static final double MIN_RECALL = 0.8;

    record Entry(String name, String text, Map<String, String> units, Set<List<String>> edges, List<String> refused) {
    }

    record Score(int planned, int plannedRight, int expected, int expectedFound, int unitsMissing, List<String> wrong,
                 List<String> missed, List<String> warnings) {
    }

    @Test
    void corpus_isPlannedWithHighPrecisionAndRecall_andOnlyCyclesAndEmptyTextsAreRefused() {
        List<Entry> corpus = load();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
        OfflinePlanner planner = new OfflinePlanner();
        int planned = 0;
        int plannedRight = 0;
        int expected = 0;
        int expectedFound = 0;
        List<String> refusedWrongly = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (Entry e : corpus) {
            if (!e.refused().isEmpty()) {
                try {
                    planner.plan(e.text());
                    refusedWrongly.add(e.name() + ": was planned, should be refused");
                } catch (ValidationException ex) {
                    for (String word : e.refused()) {
                        if (!ex.getMessage().toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT))) {
                            refusedWrongly.add(e.name() + ": refusal '" + ex.getMessage() + "' does not name '" + word + "'");
                        }
                    }
                    report.append(String.format(Locale.ROOT, "%-34s refused: %s%n", e.name(), ex.getMessage()));
                }
                continue;
            }
            ProjectPlan plan;
            try {
                plan = planner.plan(e.text());
                PlanValidator.check(plan, "offline");
            } catch (ValidationException ex) {
                refusedWrongly.add(e.name() + ": refused: " + ex.getMessage());
                continue;
            }
            Score s = score(e, plan);
            planned += s.planned();
            plannedRight += s.plannedRight();
            expected += s.expected();
            expectedFound += s.expectedFound();
            report.append(String.format(Locale.ROOT, "%-34s precision %d/%d, recall %d/%d%s%s%s%s%n", e.name(),
                    s.plannedRight(), s.planned(), s.expectedFound(), s.expected(),
                    s.unitsMissing() > 0 ? ", " + s.unitsMissing() + " unit(s) not found" : "",
                    s.wrong().isEmpty() ? "" : "\n      not meant: " + s.wrong(),
                    s.missed().isEmpty() ? "" : "\n      missed:    " + s.missed(),
                    s.warnings().isEmpty() ? "" : "\n      warnings:  " + s.warnings()));
        }
        double precision = planned == 0 ? 1 : (double) plannedRight / planned;
        double recall = expected == 0 ? 1 : (double) expectedFound / expected;
        System.out.print(report);
        System.out.printf(Locale.ROOT, "FIGURE planner corpus: %d descriptions, precision %.3f (%d/%d edges), recall %.3f (%d/%d edges)%n",
                corpus.size(), precision, plannedRight, planned, recall, expectedFound, expected);
        assertThat(refusedWrongly).as("descriptions refused or planned wrongly").isEmpty();
        assertThat(precision).as("precision of dependency edges").isGreaterThanOrEqualTo(MIN_PRECISION);
        assertThat(recall).as("recall of dependency edges").isGreaterThanOrEqualTo(MIN_RECALL);
    }

    /** Prints the planning time of the corpus's longest description (a figure, not an assertion). */
    @Test
    void figure_planningTimeOfTheLongestDescription() {
        Entry longest = load().stream().filter(e -> e.refused().isEmpty())
                .max(java.util.Comparator.comparingInt(e -> e.text().length())).orElseThrow();
        OfflinePlanner planner = new OfflinePlanner();
        long cold = System.nanoTime();
        ProjectPlan plan = planner.plan(longest.text());
        double coldMs = (System.nanoTime() - cold) / 1e6;
        for (int i = 0; i < 20; i++) {
            planner.plan(longest.text());
        }
        int runs = 50;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            planner.plan(longest.text());
        }
        double warm = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf(Locale.ROOT, "FIGURE planning the longest corpus description (%s, %d lines, %d tasks): "
                        + "%.2f ms warm (mean of %d), %.1f ms first run%n", longest.name(), longest.text().split("\n").length,
                plan.tasks().size(), warm, runs, coldMs);
        assertThat(plan.tasks()).isNotEmpty();
    }

    static Score score(Entry e, ProjectPlan plan) {
        Map<String, PlannedTask> byKey = new HashMap<>();
        plan.tasks().forEach(t -> byKey.put(t.key(), t));
        Map<String, String> unitOf = new HashMap<>();
        Set<String> found = new HashSet<>();
        for (PlannedTask t : plan.tasks()) {
            // by the name; a planner that split "Webhook: mark invoices paid" into name and details is read whole
            String best = unit(e, t.name());
            if (best == null && !t.description().isBlank()) {
                best = unit(e, t.name() + " " + t.description());
            }
            if (best != null) {
                unitOf.put(t.key(), best);
                found.add(best);
            }
        }
        // the plan's order between units: a before b when b waits for a, directly or not
        Set<List<String>> order = new HashSet<>();
        for (PlannedTask t : plan.tasks()) {
            String v = unitOf.get(t.key());
            if (v == null) {
                continue;
            }
            for (String k : upstream(t, byKey)) {
                String u = unitOf.get(k);
                if (u != null && !u.equals(v)) {
                    order.add(List.of(u, v));
                }
            }
        }
        Set<List<String>> plannedDirect = direct(order);
        Set<List<String>> expectedClosure = closure(e.edges());
        Set<List<String>> expectedDirect = direct(expectedClosure);
        expectedDirect.retainAll(e.edges()); // the reader's own edges, less those two others already imply
        List<String> wrong = new ArrayList<>();
        int right = 0;
        for (List<String> edge : plannedDirect) {
            if (expectedClosure.contains(edge)) {
                right++;
            } else {
                wrong.add(edge.get(0) + "->" + edge.get(1));
            }
        }
        List<String> missed = new ArrayList<>();
        int foundEdges = 0;
        for (List<String> edge : expectedDirect) {
            if (order.contains(edge)) {
                foundEdges++;
            } else {
                missed.add(edge.get(0) + "->" + edge.get(1));
            }
        }
        int missing = (int) e.units().keySet().stream().filter(u -> !found.contains(u)).count();
        return new Score(plannedDirect.size(), right, expectedDirect.size(), foundEdges, missing, wrong, missed,
                plan.warnings());
    }

    private static String unit(Entry e, String text) {
        String name = " " + norm(text) + " ";
        String best = null;
        for (Map.Entry<String, String> u : e.units().entrySet()) {
            if (name.contains(" " + norm(u.getValue()) + " ")
                    && (best == null || u.getValue().length() > e.units().get(best).length())) {
                best = u.getKey();
            }
        }
        return best;
    }

    private static Set<String> upstream(PlannedTask t, Map<String, PlannedTask> byKey) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(t.dependsOn());
        while (!todo.isEmpty()) {
            String k = todo.pop();
            if (seen.add(k)) {
                todo.addAll(byKey.get(k).dependsOn());
            }
        }
        return seen;
    }

    private static Set<List<String>> closure(Set<List<String>> edges) {
        Map<String, Set<String>> next = new HashMap<>();
        for (List<String> e : edges) {
            next.computeIfAbsent(e.get(0), k -> new LinkedHashSet<>()).add(e.get(1));
        }
        Set<List<String>> out = new HashSet<>();
        for (String from : next.keySet()) {
            Deque<String> todo = new ArrayDeque<>(next.get(from));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String v = todo.pop();
                if (seen.add(v)) {
                    out.add(List.of(from, v));
                    todo.addAll(next.getOrDefault(v, Set.of()));
                }
            }
        }
        return out;
    }

    /** The pairs of a transitive relation not implied by two others through a third unit. */
    private static Set<List<String>> direct(Set<List<String>> relation) {
        Set<String> nodes = new HashSet<>();
        relation.forEach(e -> nodes.addAll(e));
        Set<List<String>> out = new HashSet<>();
        for (List<String> e : relation) {
            boolean implied = false;
            for (String w : nodes) {
                if (!w.equals(e.get(0)) && !w.equals(e.get(1)) && relation.contains(List.of(e.get(0), w))
                        && relation.contains(List.of(w, e.get(1)))) {
                    implied = true;
                    break;
                }
            }
            if (!implied) {
                out.add(e);
            }
        }
        return out;
    }

    static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    static List<Entry> load() {
        try {
            Path dir = Path.of(PlannerCorpusTest.class.getResource("/planning").toURI());
            List<Entry> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.md")).sorted().toList()) {
                    out.add(parse(f.getFileName().toString().replace(".md", ""), Files.readString(f)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Entry parse(String name, String content) {
        int cut = content.indexOf("\n=== expected\n");
        if (cut < 0) {
            throw new IllegalStateException(name + ": no '=== expected' line");
        }
        String text = content.substring(0, cut + 1);
        Map<String, String> units = new LinkedHashMap<>();
        Set<List<String>> edges = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        for (String line : content.substring(cut + 14).split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("unit ")) {
                int colon = l.indexOf(':');
                units.put(l.substring(5, colon).strip(), l.substring(colon + 1).strip());
            } else if (l.startsWith("refused:")) {
                for (String w : l.substring(8).split(",")) {
                    refused.add(w.strip());
                }
            } else if (l.contains("->")) {
                String from = l.substring(0, l.indexOf("->")).strip();
                for (String to : l.substring(l.indexOf("->") + 2).split(",")) {
                    String t = to.strip();
                    if (!units.containsKey(from) || !units.containsKey(t)) {
                        throw new IllegalStateException(name + ": edge '" + l + "' names a unit not declared");
                    }
                    edges.add(List.of(from, t));
                }
            } else {
                throw new IllegalStateException(name + ": cannot read '" + l + "'");
            }
        }
        return new Entry(name, text, units, edges, refused);
    }
}
