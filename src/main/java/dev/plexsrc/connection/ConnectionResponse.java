package dev.plexsrc.connection;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.plexsrc.contract.NotIn2024;
import dev.plexsrc.source.SourceRow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What every kind of connection answers alike: its source, and in 2026.8 the source's pk as {@code source}. */
// Jackson reads its annotated accessors (and the contract annotations) reflectively, in a native image too.
@RegisterForReflection
public interface ConnectionResponse {

    /** The source, nested: {@code source_obj} in 2026.8, {@code source} in 2024.8. */
    SourceRow sourceObj();

    @NotIn2024
    @JsonProperty("source")
    default UUID source() {
        return sourceObj().id();
    }
}
