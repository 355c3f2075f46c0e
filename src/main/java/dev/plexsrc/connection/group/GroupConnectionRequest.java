package dev.plexsrc.connection.group;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.connection.ConnectionRequest;
import dev.plexsrc.connection.SourceReference;
import dev.plexsrc.input.JsonFields;
import dev.plexsrc.input.Validated;

/** A validated write to a group connection; {@code group} and {@code source} are read on create only. */
public record GroupConnectionRequest(UUID group, String source, String identifier) implements ConnectionRequest<UUID> {

    /** A create: group, source and identifier are all required. */
    static Validated<GroupConnectionRequest> forCreate(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        fields.require("group", SourceReference.FIELD, "identifier");
        GroupConnectionRequest request = new GroupConnectionRequest(fields.uuid("group"),
                fields.string(SourceReference.FIELD), fields.string("identifier", JsonFields.INDEXED_TEXT_MAX_LENGTH));
        return new Validated<>(request, fields.errors());
    }

    /** A PUT ({@code full}) or PATCH: only the identifier can change. */
    static Validated<GroupConnectionRequest> forUpdate(JsonNode body, boolean full) {
        JsonFields fields = JsonFields.of(body);
        if (full) {
            fields.require("identifier");
        }
        String identifier = fields.string("identifier", JsonFields.INDEXED_TEXT_MAX_LENGTH);
        return new Validated<>(new GroupConnectionRequest(null, null, identifier), fields.errors());
    }

    @Override
    public UUID owner() {
        return group;
    }
}
