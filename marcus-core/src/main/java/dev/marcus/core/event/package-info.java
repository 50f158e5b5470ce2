/**
 * Events inside one process: the relay that stores an event and publishes it to the bus once it is committed
 * ({@link dev.marcus.core.event.EventRelay}), the in-process bus for solo and the listener set that cross-process buses
 * share. Adapters bring the buses that span processes (PostgreSQL, Redis); this package never calls a use case.
 */
package dev.marcus.core.event;
