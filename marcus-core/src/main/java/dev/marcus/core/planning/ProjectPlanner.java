package dev.marcus.core.planning;

/** Turns a description of work into a plan. Implementations must not write anything; the caller validates the plan. */
public interface ProjectPlanner {

    /**
     * @param description the user's text
     * @throws dev.marcus.core.error.ValidationException naming {@code description} when no plan can be made of it
     */
    ProjectPlan plan(String description);

    /** A short name, e.g. {@code outline}. */
    String name();
}
