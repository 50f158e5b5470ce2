package dev.marcus.mcp;

import dev.marcus.core.error.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of a tool's arguments, built in code, and the check of arguments against it. The same definition
 * is published in {@code tools/list} and enforced on every call, so they cannot drift apart.
 *
 * <pre>{@code
 * ToolSchema.object()
 *     .string("agent_id", "Your agent id", true)
 *     .integer("progress", "0-100", false)
 * }</pre>
 */
public final class ToolSchema {

    /** JSON types a property may have. */
    public enum Type {
        STRING("string"), INTEGER("integer"), NUMBER("number"), BOOLEAN("boolean"), STRING_ARRAY("array"), OBJECT("object");

        final String json;

        Type(String json) {
            this.json = json;
        }
    }

    /** One property; {@code maxLength} is 0 when the server's default text limit applies. */
    public record Property(String name, Type type, String description, boolean required, List<String> allowed,
                           int maxLength, ToolSchema nested) {
    }

    private final Map<String, Property> properties = new LinkedHashMap<>();

    private ToolSchema() {
    }

    /** An object schema without properties yet. */
    public static ToolSchema object() {
        return new ToolSchema();
    }

    public ToolSchema string(String name, String description, boolean required) {
        return add(new Property(name, Type.STRING, description, required, List.of(), 0, null));
    }

    /** A string of at most {@code maxLength} characters. */
    public ToolSchema string(String name, String description, boolean required, int maxLength) {
        return add(new Property(name, Type.STRING, description, required, List.of(), maxLength, null));
    }

    /** A string restricted to {@code allowed} values (case-insensitive on input). */
    public ToolSchema choice(String name, String description, boolean required, List<String> allowed) {
        return add(new Property(name, Type.STRING, description, required, List.copyOf(allowed), 0, null));
    }

    public ToolSchema integer(String name, String description, boolean required) {
        return add(new Property(name, Type.INTEGER, description, required, List.of(), 0, null));
    }

    public ToolSchema number(String name, String description, boolean required) {
        return add(new Property(name, Type.NUMBER, description, required, List.of(), 0, null));
    }

    public ToolSchema bool(String name, String description, boolean required) {
        return add(new Property(name, Type.BOOLEAN, description, required, List.of(), 0, null));
    }

    public ToolSchema strings(String name, String description, boolean required) {
        return add(new Property(name, Type.STRING_ARRAY, description, required, List.of(), 0, null));
    }

    public ToolSchema object(String name, String description, boolean required, ToolSchema nested) {
        return add(new Property(name, Type.OBJECT, description, required, List.of(), 0, nested));
    }

    private ToolSchema add(Property p) {
        if (properties.putIfAbsent(p.name(), p) != null) {
            throw new IllegalArgumentException("property '" + p.name() + "' is declared twice");
        }
        return this;
    }

    public Map<String, Property> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** Names of the required properties, in declaration order. */
    public List<String> required() {
        return properties.values().stream().filter(Property::required).map(Property::name).toList();
    }

    /**
     * The JSON Schema as a map, as MCP's {@code inputSchema} wants it.
     *
     * @param defaultMaxLength the length limit published for strings without their own
     */
    public Map<String, Object> toJsonSchema(int defaultMaxLength) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (Property p : properties.values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", p.type().json);
            if (p.description() != null && !p.description().isEmpty()) {
                s.put("description", p.description());
            }
            switch (p.type()) {
                case STRING -> {
                    if (!p.allowed().isEmpty()) {
                        s.put("enum", p.allowed());
                    } else {
                        s.put("maxLength", p.maxLength() > 0 ? p.maxLength() : defaultMaxLength);
                    }
                }
                case STRING_ARRAY -> s.put("items", Map.of("type", "string", "maxLength", defaultMaxLength));
                case OBJECT -> {
                    if (p.nested() != null) {
                        s.putAll(p.nested().toJsonSchema(defaultMaxLength));
                    }
                }
                default -> {
                }
            }
            props.put(p.name(), s);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", props);
        if (!required().isEmpty()) {
            schema.put("required", required());
        }
        return schema;
    }

    /**
     * Checks arguments against this schema: required properties present, every declared property of the right
     * type, every string (declared or not, nested or not) within its length limit.
     *
     * @param prefix field-name prefix for nested objects, e.g. {@code options.}
     * @throws ValidationException naming the first offending field
     */
    public void check(Map<String, Object> args, int defaultMaxLength, String prefix) {
        for (Property p : properties.values()) {
            Object v = args.get(p.name());
            if (v == null) {
                if (p.required()) {
                    throw new ValidationException(prefix + p.name(), "is required");
                }
                continue;
            }
            checkType(prefix + p.name(), p, v, defaultMaxLength);
        }
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (!properties.containsKey(e.getKey())) {
                checkSizes(prefix + e.getKey(), e.getValue(), defaultMaxLength, 0);
            }
        }
    }

    private static void checkType(String field, Property p, Object v, int defaultMax) {
        switch (p.type()) {
            case STRING -> {
                if (!(v instanceof String s)) {
                    throw Arguments.mistyped(field, "a string", v);
                }
                int max = p.maxLength() > 0 ? p.maxLength() : defaultMax;
                if (s.length() > max) {
                    throw tooLong(field, s.length(), max);
                }
                if (!p.allowed().isEmpty() && p.allowed().stream().noneMatch(a -> a.equalsIgnoreCase(s.strip()))) {
                    throw new ValidationException(field, "'" + Arguments.abbreviate(s) + "' is not one of "
                            + String.join(", ", p.allowed()));
                }
            }
            case INTEGER -> Arguments.toLong(field, v);
            case NUMBER -> Arguments.toDouble(field, v);
            case BOOLEAN -> {
                if (!(v instanceof Boolean)) {
                    throw Arguments.mistyped(field, "true or false", v);
                }
            }
            case STRING_ARRAY -> {
                if (!(v instanceof List<?> list)) {
                    throw Arguments.mistyped(field, "an array of strings", v);
                }
                List<Object> items = new ArrayList<>(list);
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    if (!(item instanceof String s)) {
                        throw Arguments.mistyped(field + "[" + i + "]", "a string", item);
                    }
                    if (s.length() > defaultMax) {
                        throw tooLong(field + "[" + i + "]", s.length(), defaultMax);
                    }
                }
            }
            case OBJECT -> {
                if (!(v instanceof Map<?, ?> m)) {
                    throw Arguments.mistyped(field, "an object", v);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) m;
                if (p.nested() != null) {
                    p.nested().check(nested, defaultMax, field + ".");
                } else {
                    checkSizes(field, nested, defaultMax, 0);
                }
            }
        }
    }

    /** Refuses any string over the limit inside an undeclared value, however deeply nested. */
    private static void checkSizes(String field, Object v, int max, int depth) {
        if (depth > 32) {
            throw new ValidationException(field, "is nested too deeply");
        }
        if (v instanceof String s && s.length() > max) {
            throw tooLong(field, s.length(), max);
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                checkSizes(field + "." + e.getKey(), e.getValue(), max, depth + 1);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                checkSizes(field + "[" + i + "]", l.get(i), max, depth + 1);
            }
        }
    }

    private static ValidationException tooLong(String field, int length, int max) {
        return new ValidationException(field, "is " + length + " characters long; at most " + max + " are allowed");
    }
}
