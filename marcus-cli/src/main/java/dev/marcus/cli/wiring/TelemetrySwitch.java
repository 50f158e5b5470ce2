package dev.marcus.cli.wiring;

import dev.marcus.core.port.Telemetry;
import java.time.Duration;

/**
 * The {@link Telemetry} every graph injects: it ignores everything until {@code marcus serve} attaches its metrics,
 * so that the many short-lived {@code marcus mcp} processes never load Micrometer.
 */
public final class TelemetrySwitch implements Telemetry {
    private volatile Telemetry target = Telemetry.NONE;

    public void attach(Telemetry telemetry) {
        this.target = telemetry;
    }

    @Override
    public void claimed(Duration took) {
        target.claimed(took);
    }

    @Override
    public void noTask(String reason) {
        target.noTask(reason);
    }

    @Override
    public void leasesRecovered(int count) {
        target.leasesRecovered(count);
    }

    @Override
    public void jobFinished(String kind, boolean ok, Duration took) {
        target.jobFinished(kind, ok, took);
    }
}
