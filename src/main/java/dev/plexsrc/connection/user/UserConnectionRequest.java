package dev.plexsrc.connection.user;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.connection.ConnectionRequest;
import dev.plexsrc.connection.SourceReference;
import dev.plexsrc.input.JsonFields;
import dev.plexsrc.input.Validated;

/** A validated write to a user connection; {@code source} and {@code user} are read on create only. */
public record UserConnectionRequest(
        String identifier,
        @JsonProperty("plex_token") String plexToken,
        String source,
        Integer user) implements ConnectionRequest<Integer> {

    /** A create: identifier, plex_token and source are required; user defaults to the caller. */
    static Validated<UserConnectionRequest> forCreate(JsonNode body, Optional<Integer> callerId) {
        JsonFields fields = JsonFields.of(body);
        fields.require("identifier", "plex_token", SourceReference.FIELD);
        Integer user = fields.present("user") ? fields.integer("user") : callerId.orElse(null);
        if (!fields.present("user") && user == null) {
            fields.require("user");
        }
        UserConnectionRequest request = new UserConnectionRequest(fields.string("identifier", JsonFields.INDEXED_TEXT_MAX_LENGTH),
                fields.string("plex_token"), fields.string(SourceReference.FIELD), user);
        return new Validated<>(request, fields.errors());
    }

    /** A PUT ({@code full}) or PATCH: user and source cannot change, so they are not read. */
    static Validated<UserConnectionRequest> forUpdate(JsonNode body, boolean full) {
        JsonFields fields = JsonFields.of(body);
        if (full) {
            fields.require("identifier", "plex_token");
        }
        UserConnectionRequest request = new UserConnectionRequest(fields.string("identifier", JsonFields.INDEXED_TEXT_MAX_LENGTH),
                fields.string("plex_token"), null, null);
        return new Validated<>(request, fields.errors());
    }

    @Override
    public Integer owner() {
        return user;
    }
}
