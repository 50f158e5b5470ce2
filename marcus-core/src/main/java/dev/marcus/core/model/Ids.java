package dev.marcus.core.model;

import dev.marcus.core.error.ValidationException;
import java.security.SecureRandom;

/** Id rules and generation shared by the typed ids. */
public final class Ids {
    /** Longest id accepted from a client. */
    public static final int MAX_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private Ids() {
    }

    static void check(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required and must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new ValidationException(field, "is " + value.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new ValidationException(field, "must not contain control characters");
            }
        }
    }

    /** A new random id such as {@code task-8k2m4q7z9x1c}: a prefix and 12 base-32 characters (60 bits). */
    public static String random(String prefix) {
        char[] chars = new char[12];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return prefix + "-" + new String(chars);
    }
}
