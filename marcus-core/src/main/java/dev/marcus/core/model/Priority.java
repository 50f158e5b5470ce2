package dev.marcus.core.model;

/** Task priority and its weight in ranking. */
public enum Priority implements WireEnum {
    LOW(0.2), MEDIUM(0.5), HIGH(0.8), URGENT(1.0);

    private final double weight;

    Priority(double weight) {
        this.weight = weight;
    }

    /** Ranking weight: urgent 1.0, high 0.8, medium 0.5, low 0.2. */
    public double weight() {
        return weight;
    }

    public static Priority parse(String field, String raw) {
        return WireEnum.parse(Priority.class, field, raw);
    }
}
