package dev.marcus.cli.wiring;

import dev.marcus.cli.config.MarcusConfig;
import dev.marcus.cli.ops.Backups;
import dev.marcus.core.port.FeatureFlags;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether this process runs the background jobs, and the names it runs them under. */
public final class BackgroundJobs {
    private BackgroundJobs() {
    }

    /**
     * {@code jobs=on}/{@code off} decide; {@code auto} follows the profile's {@link FeatureFlags.Feature#BACKGROUND_JOBS}.
     * Where jobs are off, {@code serve} runs the lease sweeper on its own timer as before.
     */
    public static boolean enabled(MarcusConfig config, FeatureFlags features) {
        return switch (config.ops().jobs()) {
            case "on" -> true;
            case "off" -> false;
            default -> features.isEnabled(FeatureFlags.Feature.BACKGROUND_JOBS);
        };
    }

    /** {@code host:pid}, as the job history shows who ran what. */
    public static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    /** Where the configured store is, for backups and restores. */
    public static Backups.Store store(MarcusConfig config) {
        return config.databaseUrl() != null && config.profile() != MarcusConfig.Profile.SOLO
                ? Backups.Store.postgres(config.databaseUrl(), config.databaseSchema())
                : Backups.Store.sqlite(config.database());
    }
}
