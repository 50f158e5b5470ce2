/**
 * The scheduling core: one analysis of a project's dependency graph (the critical-path method over the unfinished
 * work) with one duration policy, and the rules derived from it (critical path, slack, tail hours, peak parallelism,
 * bottlenecks, the recommended agent count, what is deployment-like, cycles). Every report that speaks of these
 * figures — ranking, board health, metrics, predictions, history, the REST board, the dashboard — reads them from here,
 * so two answers to one question cannot disagree. Depends on the model only; the rules are written out in
 * {@code docs/analytics.md}.
 */
package dev.marcus.core.graph;
