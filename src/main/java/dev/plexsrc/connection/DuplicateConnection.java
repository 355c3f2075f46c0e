package dev.plexsrc.connection;

import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.error.ValidationException;

/** A create refused because the owner is connected to the source already: a 400, or a cue to update instead. */
public class DuplicateConnection extends ValidationException {

    public DuplicateConnection(String message) {
        super(new FieldErrors().add(FieldErrors.NON_FIELD_ERRORS, message));
    }
}
