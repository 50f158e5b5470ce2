/**
 * Caches of what the use cases read often: project views behind the {@code CacheBackend} port and each project's
 * dependency graph. Both are invalidated by events, so a write through any process is seen by the next read; this
 * package never calls a use case.
 */
package dev.marcus.core.cache;
