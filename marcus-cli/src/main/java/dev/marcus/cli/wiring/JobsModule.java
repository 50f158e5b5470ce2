package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cli.VersionProvider;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.cli.ops.Backups;
import dev.marcus.cli.ops.EventArchiver;
import dev.marcus.core.integration.WebhookService;
import dev.marcus.core.job.JobRunner;
import dev.marcus.core.job.RecurringJob;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.IntegrationStore;
import dev.marcus.core.port.JobQueue;
import dev.marcus.core.port.OperationsStore;
import dev.marcus.core.port.SecretBox;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.Telemetry;
import dev.marcus.core.lease.LeasePolicy;
import dev.marcus.core.lease.LeaseSweeper;
import dev.marcus.integrations.WebhookDelivery;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * The background jobs and what each one does. The runner is built here in every profile; {@code marcus serve} starts
 * it where {@link BackgroundJobs#enabled} says so. Recurring jobs run once per interval across every process on
 * the store:
 * <ul>
 *   <li>{@value #LEASE_SWEEP}: takes back the tasks of silent agents (every lease sweep interval);</li>
 *   <li>{@value #RETENTION}: archives events older than {@code events.retention_days} to compressed JSON Lines,
 *       and forgets finished one-off jobs and attempts after 7 days (hourly);</li>
 *   <li>{@value #BACKUP}: {@link Backups} every {@code backup.interval_hours}, keeping {@code backup.keep};</li>
 *   <li>{@value #ROLLUP}: daily analytics counts per project and event type (every 5 minutes);</li>
 *   <li>{@link WebhookService#DISPATCH}: new events become webhook deliveries (every 2 seconds), each delivered
 *       as a one-off job with retries ({@link WebhookService#DELIVER}).</li>
 * </ul>
 */
@Module
public interface JobsModule {
    String LEASE_SWEEP = "lease-sweep";
    String RETENTION = "event-retention";
    String BACKUP = "backup";
    String ROLLUP = "analytics-rollup";

    @Provides
    @Singleton
    static JobRunner jobRunner(JobQueue queue, Clock clock, MarcusConfig config, Telemetry telemetry,
                               LeaseSweeper sweeper, LeasePolicy leases, StorageBackend storage,
                               OperationsStore operations, IntegrationStore integrations, SecretBox secrets,
                               WebhookService webhooks) {
        MarcusConfig.Operations ops = config.ops();
        JobRunner runner = new JobRunner(queue, clock, new JobRunner.Settings(ops.jobPoll(), ops.jobWorkers(),
                Duration.ofSeconds(30), Duration.ofHours(1), BackgroundJobs.workerName()), telemetry);
        runner.every(new RecurringJob(LEASE_SWEEP, leases.sweepInterval(), 3, Duration.ofMinutes(2)), job -> {
            sweeper.sweep();
            return null;
        });
        EventArchiver archiver = new EventArchiver(storage, operations, ops.archiveDir());
        runner.every(new RecurringJob(RETENTION, Duration.ofHours(1), 3, Duration.ofMinutes(30)), job -> {
            Instant now = clock.now();
            if (!ops.retention().isZero()) {
                archiver.archiveBefore(now.minus(ops.retention()), 100);
            }
            // the dispatcher alone records 43,200 attempts a day: keep a week of history
            queue.purge(now.minus(Duration.ofDays(7)));
            return null;
        });
        if (!ops.backupEvery().isZero()) {
            Backups backups = new Backups(BackgroundJobs.store(config));
            runner.every(new RecurringJob(BACKUP, ops.backupEvery(), 3, Duration.ofHours(6)), job -> {
                backups.create(ops.backupDir(), ops.backupKeep(), VersionProvider.version());
                return null;
            });
        }
        runner.every(new RecurringJob(ROLLUP, Duration.ofMinutes(5), 3, Duration.ofMinutes(10)), job -> {
            long cursor = job.state() == null ? 0 : Long.parseLong(job.state());
            for (int i = 0; i < 20; i++) {
                long next = operations.rollUp(cursor, 5_000, clock.now());
                if (next == cursor) {
                    break;
                }
                cursor = next;
            }
            return Long.toString(cursor);
        });
        runner.every(new RecurringJob(WebhookService.DISPATCH, Duration.ofSeconds(2), 5, Duration.ofMinutes(2)),
                webhooks::dispatch);
        runner.handle(WebhookService.DELIVER, new WebhookDelivery(integrations, storage, secrets, Duration.ofSeconds(10)));
        return runner;
    }
}
