package dev.plexsrc.http;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One object that references the queried one, and what deleting the queried one does to it. */
public record UsedBy(
        String app,
        @JsonProperty("model_name") String modelName,
        String pk,
        String name,
        String action) {

    /** The actions authentik reports; we only ever produce {@code cascade}. */
    public enum UsedByAction { cascade, cascade_many, set_null, set_default }
}
