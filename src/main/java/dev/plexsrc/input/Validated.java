package dev.plexsrc.input;

import dev.plexsrc.error.FieldErrors;

/**
 * A parsed request together with what was wrong in it, so that checks needing the database
 * (uniqueness, references) can add their errors before all of them are reported at once.
 */
public record Validated<T>(T value, FieldErrors errors) {
}
