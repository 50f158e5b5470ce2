package dev.marcus.mcp;

import dev.marcus.core.error.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one tool call, with typed accessors that name the field in every error
 * ({@code progress: expected an integer, got "abc"}). Numbers are accepted as any JSON number kind (an integer sent
 * as {@code 50.0} is 50); a fractional value where an integer is wanted is refused.
 */
public final class Arguments {
    private final Map<String, Object> values;
    private final String prefix;

    public Arguments(Map<String, Object> values) {
        this(values, "");
    }

    private Arguments(Map<String, Object> values, String prefix) {
        this.values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.prefix = prefix;
    }

    /** The raw map, read-only. */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** A required string; blank counts as missing. */
    public String requireString(String name) {
        String s = string(name, null);
        if (s == null || s.isBlank()) {
            throw new ValidationException(prefix + name, "is required and must not be blank");
        }
        return s;
    }

    /** An optional string, {@code fallback} when absent. */
    public String string(String name, String fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw mistyped(prefix + name, "a string", v);
    }

    /** An optional integer in the int range, {@code fallback} (may be null) when absent. */
    public Integer integer(String name, Integer fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        long l = toLong(prefix + name, v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new ValidationException(prefix + name, "is out of range: " + v);
        }
        return (int) l;
    }

    /** An optional long, {@code null} when absent. */
    public Long longValue(String name) {
        Object v = values.get(name);
        return v == null ? null : toLong(prefix + name, v);
    }

    /** An optional number, {@code null} when absent. */
    public Double number(String name) {
        Object v = values.get(name);
        return v == null ? null : toDouble(prefix + name, v);
    }

    public boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw mistyped(prefix + name, "true or false", v);
    }

    /** An optional list of strings, empty when absent. */
    public List<String> strings(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw mistyped(prefix + name, "an array of strings", v);
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw mistyped(prefix + name + "[" + i + "]", "a string", list.get(i));
            }
            out.add(s);
        }
        return out;
    }

    /** An optional nested object, empty when absent; its errors are prefixed with {@code name.}. */
    public Arguments object(String name) {
        Object v = values.get(name);
        if (v == null) {
            return new Arguments(Map.of(), prefix + name + ".");
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw mistyped(prefix + name, "an object", v);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, x) -> copy.put(String.valueOf(k), x));
        return new Arguments(copy, prefix + name + ".");
    }

    static long toLong(String field, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            try {
                return b.longValueExact();
            } catch (ArithmeticException e) {
                throw new ValidationException(field, "is out of range: " + b);
            }
        }
        if (v instanceof Number n) {
            BigDecimal d;
            try {
                d = v instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                throw mistyped(field, "an integer", v);
            }
            try {
                return d.stripTrailingZeros().toBigIntegerExact().longValueExact();
            } catch (ArithmeticException e) {
                throw mistyped(field, "an integer", v);
            }
        }
        throw mistyped(field, "an integer", v);
    }

    static double toDouble(String field, Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw mistyped(field, "a finite number", v);
            }
            return d;
        }
        throw mistyped(field, "a number", v);
    }

    static ValidationException mistyped(String field, String expected, Object got) {
        return new ValidationException(field, "expected " + expected + ", got " + describe(got));
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "\"" + abbreviate(s) + "\"";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        return abbreviate(String.valueOf(v));
    }

    /** At most 40 characters on one line, for echoing input in an error. */
    static String abbreviate(String s) {
        String one = s.replaceAll("[\\r\\n\\t]+", " ");
        return one.length() <= 40 ? one : one.substring(0, 37) + "...";
    }
}
