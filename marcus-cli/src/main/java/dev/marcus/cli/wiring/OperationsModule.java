package dev.marcus.cli.wiring;

import dagger.Module;
import dagger.Provides;
import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.integration.GithubService;
import dev.marcus.core.integration.WebhookService;
import dev.marcus.core.port.Clock;
import dev.marcus.core.port.IntegrationStore;
import dev.marcus.core.port.JobQueue;
import dev.marcus.core.port.OperationsStore;
import dev.marcus.core.port.SecretBox;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.port.Telemetry;
import dev.marcus.core.event.EventRelay;
import dev.marcus.security.AesGcmSecretBox;
import dev.marcus.storage.sql.SqlStorageBackend;
import jakarta.inject.Singleton;

/**
 * The store's operational ports (job queue, scrape figures, integrations), the secret box and the integration
 * services. Any profile's component may include it: every store Marcus ships is a {@link SqlStorageBackend}.
 */
@Module
public interface OperationsModule {

    private static SqlStorageBackend sql(StorageBackend storage) {
        if (storage instanceof SqlStorageBackend sql) {
            return sql;
        }
        throw new IllegalStateException(storage.describe() + " has no job queue");
    }

    @Provides
    @Singleton
    static JobQueue jobQueue(StorageBackend storage) {
        return sql(storage).jobs();
    }

    @Provides
    @Singleton
    static OperationsStore operations(StorageBackend storage) {
        return sql(storage).operations();
    }

    @Provides
    @Singleton
    static IntegrationStore integrations(StorageBackend storage) {
        return sql(storage).integrations();
    }

    @Provides
    @Singleton
    static TelemetrySwitch telemetrySwitch() {
        return new TelemetrySwitch();
    }

    @Provides
    static Telemetry telemetry(TelemetrySwitch telemetry) {
        return telemetry;
    }

    /** Webhook and GitHub secrets are sealed under {@code MARCUS_SECRET_KEY}, else {@code $MARCUS_HOME/secret.key}. */
    @Provides
    @Singleton
    static SecretBox secrets(MarcusConfig config) {
        return AesGcmSecretBox.fromEnvOrHome(System.getenv("MARCUS_SECRET_KEY"), config.home());
    }

    @Provides
    @Singleton
    static WebhookService webhooks(IntegrationStore store, JobQueue queue, StorageBackend storage, SecretBox secrets,
                                   Clock clock, MarcusConfig config) {
        return new WebhookService(store, queue, storage, secrets, clock, config.ops().webhookAttempts());
    }

    @Provides
    @Singleton
    static GithubService github(IntegrationStore store, StorageBackend storage, SecretBox secrets, Clock clock,
                                EventRelay relay) {
        return new GithubService(store, storage, secrets, clock, relay);
    }
}
