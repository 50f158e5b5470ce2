package dev.marcus.core.lease;

import dev.marcus.core.event.EventRelay;
import dev.marcus.core.model.Task;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.Telemetry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes back the tasks of agents that went silent. Every process may run one; the store recovers each expired task
 * exactly once, so running several is safe. {@code request_next_task} also sweeps before it claims, so recovery
 * does not wait for the timer.
 */
@Singleton
public final class LeaseSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseSweeper.class);

    private final StorageBackend storage;
    private final Clock clock;
    private final LeasePolicy policy;
    private final EventRelay relay;
    private ScheduledExecutorService timer;
    private volatile long lastSweep;
    private final Telemetry telemetry;

    public LeaseSweeper(StorageBackend storage, Clock clock, LeasePolicy policy, EventRelay relay) {
        this(storage, clock, policy, relay, Telemetry.NONE);
    }

    /** @param telemetry hears how many tasks each sweep of this process took back */
    @Inject
    public LeaseSweeper(StorageBackend storage, Clock clock, LeasePolicy policy, EventRelay relay, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.storage = storage;
        this.clock = clock;
        this.policy = policy;
        this.relay = relay;
    }

    /**
     * Sweeps unless this process swept less than a second ago (or a quarter of the sweep interval, if shorter).
     * {@code request_next_task} calls this, so recovery does not wait for the timer, yet a busy server does not open a
     * write transaction for it on every request.
     */
    public List<Task> sweepIfDue() {
        long now = System.nanoTime();
        long minGap = Math.min(1_000_000_000L, policy.sweepInterval().toNanos() / 4);
        long last = lastSweep;
        if (last != 0 && now - last < minGap) {
            return List.of();
        }
        return sweep();
    }

    /** Recovers every expired lease now. */
    public List<Task> sweep() {
        lastSweep = System.nanoTime();
        List<Task> recovered = storage.recoverExpiredLeases(clock.now());
        for (Task t : recovered) {
            LOG.info("recovered task {} ('{}') from silent agent {}", t.id(), t.name(),
                    t.recoveryInfo() == null ? "?" : t.recoveryInfo().previousAgent());
        }
        if (!recovered.isEmpty()) {
            telemetry.leasesRecovered(recovered.size());
            relay.poke();
        }
        return recovered;
    }

    /** Sweeps every {@link LeasePolicy#sweepInterval()} on a daemon thread until closed. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "marcus-lease-sweeper");
            t.setDaemon(true);
            return t;
        });
        long every = policy.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.warn("lease sweep failed: {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
