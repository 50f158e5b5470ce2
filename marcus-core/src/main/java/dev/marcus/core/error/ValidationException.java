package dev.marcus.core.error;

/** Bad input. Always names the field and says what is wrong with it; nothing was changed. */
public final class ValidationException extends MarcusException {
    private final String field;

    public ValidationException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public String code() {
        return "invalid_argument";
    }
}
