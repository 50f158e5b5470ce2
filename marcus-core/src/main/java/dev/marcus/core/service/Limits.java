package dev.marcus.core.service;

import dev.marcus.core.error.ValidationException;

/**
 * Upper bounds on what clients may send, so that one bad call cannot fill the disk or the memory of every agent
 * that later reads the context.
 */
public record Limits(int nameChars, int textChars, int listItems, long artifactBytes, int tasksPerCall) {

    public static final Limits DEFAULT = new Limits(200, 20_000, 100, 5L * 1024 * 1024, 1_000);

    /** Returns the stripped text, or throws naming the field when it is too long. */
    public String text(String field, String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw new ValidationException(field, "is " + value.length() + " characters long; at most " + max + " are allowed");
        }
        return value.strip();
    }

    public String name(String field, String value) {
        String v = text(field, value, nameChars);
        if (v.isEmpty()) {
            throw new ValidationException(field, "is required and must not be blank");
        }
        return v;
    }

    public String text(String field, String value) {
        return text(field, value, textChars);
    }

    public <T> java.util.List<T> list(String field, java.util.List<T> values) {
        if (values == null) {
            return java.util.List.of();
        }
        if (values.size() > listItems) {
            throw new ValidationException(field, "has " + values.size() + " items; at most " + listItems + " are allowed");
        }
        return values;
    }
}
