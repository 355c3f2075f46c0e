package dev.plexsrc.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One object that references the queried one, and what deleting the queried one does to it. */
@Schema(name = "UsedBy", description = "A list of all objects referencing the queried object")
public record UsedBy(
        @Schema(required = true) String app,
        @JsonProperty("model_name") @Schema(required = true) String modelName,
        @Schema(required = true) String pk,
        @Schema(required = true) String name,
        @Schema(required = true, implementation = UsedByAction.class) String action) {

    /** The actions authentik reports; we only ever produce {@code cascade}. */
    @Schema(name = "UsedByActionEnum")
    public enum UsedByAction { cascade, cascade_many, set_null, set_default }
}
