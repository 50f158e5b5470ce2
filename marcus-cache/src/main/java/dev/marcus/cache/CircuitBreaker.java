package dev.marcus.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Takes a failing backend out of the path. Closed: calls go through; after {@code failureThreshold} failures in a
 * row it opens. Open: no call goes through until {@code openFor} has passed; then exactly one caller becomes the
 * half-open probe. The probe's success closes the breaker, its failure opens it again.
 */
public final class CircuitBreaker {
    /** The breaker's position. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openForNanos;
    private final LongSupplier nanoTime;
    private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong openedAt = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();

    public CircuitBreaker(int failureThreshold, Duration openFor) {
        this(failureThreshold, openFor, System::nanoTime);
    }

    CircuitBreaker(int failureThreshold, Duration openFor, LongSupplier nanoTime) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openForNanos = openFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /** May a normal call go through now? False while open or while a probe is out. */
    public boolean allowsCall() {
        return state.get() == State.CLOSED;
    }

    /**
     * True for the one caller that should probe the backend now (the breaker is open and its time is up); that caller
     * must then report {@link #success()} or {@link #failure()}.
     */
    public boolean tryProbe() {
        return state.get() == State.OPEN && nanoTime.getAsLong() - openedAt.get() >= openForNanos
                && state.compareAndSet(State.OPEN, State.HALF_OPEN);
    }

    public void success() {
        failures.set(0);
        state.set(State.CLOSED);
    }

    public void failure() {
        State s = state.get();
        if (s == State.HALF_OPEN || (s == State.CLOSED && failures.incrementAndGet() >= failureThreshold)) {
            open();
        }
    }

    /** Opens the breaker at once (a failure that leaves no doubt, such as a lost subscription). */
    public void open() {
        openedAt.set(nanoTime.getAsLong());
        if (state.getAndSet(State.OPEN) != State.OPEN) {
            opened.incrementAndGet();
        }
    }

    public State state() {
        return state.get();
    }

    /** How many times it has opened since start. */
    public long timesOpened() {
        return opened.get();
    }
}
