package dev.plexsrc.change;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code data} of a change event. {@code object} is left out for a delete, and when the object
 * no longer exists or is no longer visible by the time the event is sent (its delete follows).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
record ChangeEvent(String model, String action, String pk, OffsetDateTime time, Object object) {
}
