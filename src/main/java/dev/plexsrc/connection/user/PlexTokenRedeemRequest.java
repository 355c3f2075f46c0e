package dev.plexsrc.connection.user;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.input.JsonFields;
import dev.plexsrc.input.Validated;

/** The body of a redeem: the caller's own plex.tv token, required and non-blank. */
public record PlexTokenRedeemRequest(String plexToken) {

    static final String PLEX_TOKEN = "plex_token";

    static Validated<PlexTokenRedeemRequest> read(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        fields.require(PLEX_TOKEN);
        return new Validated<>(new PlexTokenRedeemRequest(fields.string(PLEX_TOKEN)), fields.errors());
    }
}
