package dev.plexsrc.error;

/** The body of every error that is not about a field: {@code {"detail": "..."}}. */
public record GenericError(String detail) {
}
