package dev.marcus.core.analytics;

import dev.marcus.core.model.Task;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders shared by the analytics reports. */
final class Reports {
    private Reports() {
    }

    static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** Rounded to {@code places} decimals, for reading (the formulas use full precision). */
    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    static Map<String, Object> taskRef(Task t) {
        Map<String, Object> m = map();
        m.put("id", t.id().value());
        m.put("name", t.name());
        m.put("status", t.status().wire());
        m.put("labels", t.labels());
        m.put("assigned_to", t.assignee() == null ? null : t.assignee().value());
        return m;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Population standard deviation. */
    static double stddev(List<Double> values) {
        double m = mean(values);
        return Math.sqrt(values.stream().mapToDouble(v -> (v - m) * (v - m)).average().orElse(0));
    }
}
