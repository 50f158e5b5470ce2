package dev.marcus.web;

import dev.marcus.core.error.ValidationException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;

/** A JSON request body read as an object, with typed accessors that name the field when a value is wrong. */
final class Body {
    private final Map<String, Object> values;

    private Body(Map<String, Object> values) {
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    static Body of(Context ctx) {
        String raw = ctx.body();
        if (raw.isBlank()) {
            return new Body(Map.of());
        }
        try {
            Object parsed = WebJson.MAPPER.readValue(raw, Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new ValidationException("body", "must be a JSON object");
            }
            return new Body((Map<String, Object>) map);
        } catch (JacksonException e) {
            throw new ValidationException("body", "is not valid JSON");
        }
    }

    String string(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new ValidationException(field, "must be a string");
        }
        return s;
    }

    String required(String field) {
        String s = string(field);
        if (s == null || s.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        return s;
    }

    Double number(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw new ValidationException(field, "must be a number");
        }
        return n.doubleValue();
    }

    /** Refuses a field this request does not take, naming it (a typo must not be ignored silently). */
    Body only(Set<String> allowed) {
        for (String field : values.keySet()) {
            if (!allowed.contains(field)) {
                throw new ValidationException(field, "is not a field of this request; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return this;
    }

    /** The array of strings, or {@code null} when the field is absent or null (for partial updates). */
    List<String> stringsOrNull(String field) {
        return values.get(field) == null ? null : strings(field);
    }

    List<String> strings(String field) {
        Object v = values.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new ValidationException(field, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new ValidationException(field, "must be an array of strings");
            }
            out.add(s);
        }
        return out;
    }
}
