package dev.marcus.core.error;

/** Something named by id does not exist: an unknown task, agent or project. */
public final class NotFoundException extends MarcusException {
    private final String field;

    /** The message reads {@code field: problem}, like a {@link ValidationException}'s. */
    public NotFoundException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The input field whose value named the missing thing, e.g. {@code task_id}. */
    public String field() {
        return field;
    }

    @Override
    public String code() {
        return "not_found";
    }
}
