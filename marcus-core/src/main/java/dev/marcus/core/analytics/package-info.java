/**
 * Analytics over Marcus's own records: board health and diagnostics, agent-count signals, predictions, metrics,
 * history queries, experiments, usage and cost. Every figure is computed from storage reads (tasks, agents, events,
 * decisions, artifacts, blockers); {@code docs/analytics.md} states the methods and formulas.
 *
 * <p>The services return <em>reports</em>: ordered maps with snake_case keys, ISO-8601 times and numbers rounded for
 * reading, which the MCP tools pass through unchanged.
 */
package dev.marcus.core.analytics;
