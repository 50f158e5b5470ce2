package dev.marcus.cli.wiring;

import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.core.port.CacheBackend;
import dev.marcus.core.port.EventBus;
import dev.marcus.core.port.FeatureFlags;
import dev.marcus.core.port.StorageBackend;
import dev.marcus.core.service.AgentService;
import dev.marcus.core.service.AssignmentService;
import dev.marcus.core.event.EventRelay;
import dev.marcus.core.lease.LeaseSweeper;
import dev.marcus.core.service.ContextService;
import dev.marcus.core.service.ProgressService;
import dev.marcus.core.service.ProjectService;
import dev.marcus.mcp.ToolCatalog;

/**
 * What every profile's component offers the commands. Each profile is its own Dagger component extending this
 * interface, so each graph is checked at compile time and choosing a profile is one {@code switch} ({@link Profiles}).
 */
public interface MarcusGraph {
    MarcusConfig config();

    StorageBackend storage();

    CacheBackend cache();

    EventBus eventBus();

    FeatureFlags features();

    EventRelay relay();

    LeaseSweeper sweeper();

    ProjectService projects();

    AgentService agents();

    AssignmentService assignments();

    ProgressService progress();

    ContextService context();

    ToolCatalog tools();

    /** Users, sessions, API tokens and the audit trail (built on first use). */
    dev.marcus.core.account.AccountService accounts();

    /** The background jobs of this process (started by {@code serve} where {@link BackgroundJobs#enabled}). */
    dev.marcus.core.job.JobRunner jobs();

    /** Where the core's counters go; {@code serve} attaches its metrics. */
    TelemetrySwitch telemetry();

    /** Scrape figures, roll-ups and event housekeeping. */
    dev.marcus.core.port.OperationsStore operations();

    /** Outbound webhooks of projects. */
    dev.marcus.core.integration.WebhookService webhooks();

    /** The inbound GitHub webhook. */
    dev.marcus.core.integration.GithubService github();

    /** Stops background work and closes resources in the reverse order of their creation. Idempotent. */
    default void shutdown() {
        Closer.closeAll(jobs(), sweeper(), relay(), eventBus(), cache(), storage());
    }
}
