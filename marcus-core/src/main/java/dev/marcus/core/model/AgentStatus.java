package dev.marcus.core.model;

/**
 * {@code working} while the agent holds a task (paused or not), {@code paused} when a human paused it and it holds
 * nothing, {@code available} otherwise.
 */
public enum AgentStatus implements WireEnum {
    AVAILABLE, WORKING, PAUSED
}
