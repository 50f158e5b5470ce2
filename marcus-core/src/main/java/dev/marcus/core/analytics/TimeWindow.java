package dev.marcus.core.analytics;

import dev.marcus.core.error.ValidationException;
import java.time.Duration;
import java.util.Locale;

/** A look-back window such as {@code 1h}, {@code 24h}, {@code 7d} or {@code 30d}: a number and {@code h} or {@code d}. */
public record TimeWindow(String label, Duration duration) {

    public static TimeWindow parse(String field, String raw) {
        String s = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (s.matches("[1-9][0-9]{0,3}[hd]")) {
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            Duration d = s.endsWith("h") ? Duration.ofHours(n) : Duration.ofDays(n);
            if (d.compareTo(Duration.ofDays(366)) <= 0) {
                return new TimeWindow(s, d);
            }
        }
        throw new ValidationException(field, "'" + raw + "' is not a window such as 1h, 24h, 7d or 30d (at most 366d)");
    }

    public double hours() {
        return duration.toMillis() / 3_600_000.0;
    }
}
