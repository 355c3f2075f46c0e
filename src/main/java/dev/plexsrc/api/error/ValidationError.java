package dev.plexsrc.api.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * OpenAPI description of a 400 body: field names map to message lists. The body itself is
 * written from {@link FieldErrors}; this record only names the shape in the document.
 */
@Schema(name = "ValidationError", description = "Validation Error",
        additionalProperties = Schema.True.class)
public record ValidationError(@JsonProperty("non_field_errors") List<String> nonFieldErrors) {
}
