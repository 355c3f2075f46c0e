package dev.plexsrc.connection;

import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.input.JsonFields;
import dev.plexsrc.source.PlexSource;
import dev.plexsrc.source.PlexSourceRepository;
import io.smallrye.mutiny.Uni;

/**
 * Resolves the {@code source} field of a connection write, given as the source's pk uuid or its
 * slug; a source that does not exist becomes a field error, in authentik's wording.
 */
@Singleton
public class SourceReference {

    public static final String FIELD = "source";

    private final PlexSourceRepository sources;

    public SourceReference(PlexSourceRepository sources) {
        this.sources = sources;
    }

    /** DRF's message for a pk that names no object. */
    public static String missing(Object pk) {
        return "Invalid pk \"" + pk + "\" - object does not exist.";
    }

    /** The source, or {@code null} with an error recorded; {@code null} input means "not given". */
    public Uni<PlexSource> resolve(String reference, FieldErrors errors) {
        if (reference == null) {
            return Uni.createFrom().nullItem();
        }
        UUID id = JsonFields.toUuid(TextNode.valueOf(reference));
        return sources.find(id, reference).invoke(source -> {
            if (source == null) {
                errors.add(FIELD, id != null ? missing(reference) : "Object with slug=" + reference + " does not exist.");
            }
        });
    }
}
