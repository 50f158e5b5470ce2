/**
 * Leases: how long a claimed task stays an agent's ({@link dev.marcus.core.lease.LeasePolicy}) and the sweep that hands
 * the work of silent agents back ({@link dev.marcus.core.lease.LeaseSweeper}). The use cases in
 * {@code dev.marcus.core.service} apply them; this package never calls a use case.
 */
package dev.marcus.core.lease;
