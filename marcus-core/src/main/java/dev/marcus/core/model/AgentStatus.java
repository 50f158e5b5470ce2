package dev.marcus.core.model;

/** {@code working} while the agent holds a task, {@code available} otherwise. */
public enum AgentStatus implements WireEnum {
    AVAILABLE, WORKING
}
