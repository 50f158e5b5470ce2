package dev.marcus.core.model;

import dev.marcus.core.error.ValidationException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
        Map<String, Object> byWire = Lookup.BY_WIRE.get(type);
        Object exact = byWire.get(raw); // the common case: stored values and well-behaved clients
        if (exact == null) {
            exact = byWire.get(raw.strip().toLowerCase(Locale.ROOT));
        }
        if (exact != null) {
            return type.cast(exact);
        }
        throw new ValidationException(field, "'" + raw + "' is not one of " + allowed(type));
    }

    /** Wire name to constant, per enum class, built once. */
    final class Lookup {
        static final ClassValue<Map<String, Object>> BY_WIRE = new ClassValue<>() {
            @Override
            protected Map<String, Object> computeValue(Class<?> type) {
                Map<String, Object> m = new HashMap<>();
                for (Object c : type.getEnumConstants()) {
                    m.put(((WireEnum) c).wire(), c);
                }
                return Map.copyOf(m);
            }
        };

        private Lookup() {
        }
    }

    static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
    }
}
