package dev.plexsrc.api.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of every error that is not about a field: {@code {"detail": "..."}}. */
@Schema(name = "GenericError", description = "Generic API Error")
public record GenericError(@Schema(required = true) String detail) {
}
