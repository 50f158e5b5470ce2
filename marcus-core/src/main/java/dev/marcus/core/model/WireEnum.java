package dev.marcus.core.model;

import dev.marcus.core.error.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum with a lower-case wire name, as agents send and receive it. */
public interface WireEnum {
    /** The name used on the wire and in storage, e.g. {@code in_progress}. */
    default String wire() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name (case-insensitive), naming {@code field} and the allowed values on failure. */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException(field, "is required; one of " + allowed(type));
        }
        String wanted = raw.strip().toLowerCase(Locale.ROOT);
        for (E value : type.getEnumConstants()) {
            if (value.wire().equals(wanted)) {
                return value;
            }
        }
        throw new ValidationException(field, "'" + raw + "' is not one of " + allowed(type));
    }

    static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
    }
}
