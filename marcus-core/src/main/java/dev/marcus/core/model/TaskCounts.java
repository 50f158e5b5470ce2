package dev.marcus.core.model;

/** Tasks of one project by status. */
public record TaskCounts(int todo, int inProgress, int blocked, int done) {
    public int total() {
        return todo + inProgress + blocked + done;
    }

    /** Completion in percent, one decimal, 0 for an empty project. */
    public double completionPercentage() {
        return total() == 0 ? 0.0 : Math.round(done * 1000.0 / total()) / 10.0;
    }
}
