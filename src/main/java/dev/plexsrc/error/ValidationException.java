package dev.plexsrc.error;

/** A 400 answer carrying the errors of one or more fields. */
public class ValidationException extends RuntimeException {

    private final transient FieldErrors errors;

    public ValidationException(FieldErrors errors) {
        super("validation failed", null, false, false);
        this.errors = errors;
    }

    public FieldErrors errors() {
        return errors;
    }
}
