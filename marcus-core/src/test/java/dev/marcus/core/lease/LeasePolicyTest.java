package dev.marcus.core.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcus.core.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeasePolicyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final LeasePolicy policy = LeasePolicy.ofSeconds(60, 300, 900);

    @Test
    void beforeTheFirstReport_theLeaseIsShort() {
        assertThat(policy.expiry(NOW, false, 0)).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void afterReports_theLeaseGrowsWithProgress() {
        assertThat(policy.expiry(NOW, true, 0)).isEqualTo(NOW.plusSeconds(300));
        assertThat(policy.expiry(NOW, true, 50)).isEqualTo(NOW.plusSeconds(600));
        assertThat(policy.expiry(NOW, true, 100)).isEqualTo(NOW.plusSeconds(900));
    }

    @Test
    void maxBelowBase_isRefusedNamingTheSetting() {
        assertThatThrownBy(() -> LeasePolicy.ofSeconds(10, 100, 50))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("lease.max");
    }

    @Test
    void sweepInterval_isAQuarterOfTheInitialLeaseAtMostFifteenSeconds() {
        assertThat(LeasePolicy.ofSeconds(2, 4, 8).sweepInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(LeasePolicy.ofSeconds(600, 900, 3600).sweepInterval()).isEqualTo(Duration.ofSeconds(15));
    }
}
