package dev.plexsrc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.plexsrc.contract.AuthentikVersion;

/**
 * Where the documents served in 2024.8 and 2026.8 mode differ, and places where they do not (what
 * plexsrc adds to 2024.8 that authentik 2026.8 has, or adds in both modes); each mode's document
 * test checks its column, so together they check what switching the version changes for a client.
 */
final class OpenApiVersionTraits {

    /** A JSON pointer into the document and its value (JSON text) in each mode; null where absent. */
    record Trait(String pointer, String in2024, String in2026) {
    }

    private static final String SCHEMAS = "/components/schemas/";

    static final List<Trait> TRAITS = List.of(
            new Trait("/info/version", "\"2024.8\"", "\"2026.8\""),
            new Trait(SCHEMAS + "PaginatedPlexSourceList/required",
                    "[\"pagination\", \"results\"]", "[\"autocomplete\", \"pagination\", \"results\"]"),
            new Trait(SCHEMAS + "PaginatedPlexSourceList/properties/autocomplete",
                    null, "{\"$ref\": \"#/components/schemas/Autocomplete\"}"),
            new Trait(SCHEMAS + "PlexSource/properties/slug/maxLength", "50", "255"),
            new Trait(SCHEMAS + "PlexSourceRequest/properties/slug/maxLength", "50", "255"),
            new Trait(SCHEMAS + "PlexSource/properties/icon_url", null, "{\"type\": \"string\", \"readOnly\": true}"),
            new Trait(SCHEMAS + "UserPlexSourceConnection/properties/source",
                    "{\"allOf\": [{\"$ref\": \"#/components/schemas/Source\"}], \"readOnly\": true}",
                    "{\"type\": \"string\", \"format\": \"uuid\"}"),
            new Trait(SCHEMAS + "UserPlexSourceConnectionRequest/required",
                    "[\"identifier\", \"plex_token\"]", "[\"identifier\", \"plex_token\", \"source\"]"),
            new Trait(SCHEMAS + "GroupPlexSourceConnectionRequest/required",
                    "[\"group\", \"source\", \"identifier\"]", "[\"group\", \"source\", \"identifier\"]"),
            new Trait(SCHEMAS + "GroupPlexSourceConnection/properties/identifier/readOnly", "true", null),
            new Trait("/components/parameters/QueryPaginationPage", null,
                    "{\"in\": \"query\", \"name\": \"page\", \"schema\": {\"type\": \"integer\"}, "
                            + "\"description\": \"A page number within the paginated result set.\"}"),
            new Trait(SCHEMAS + "UserPlexSourceConnection/properties/last_updated",
                    "{\"type\": \"string\", \"format\": \"date-time\", \"readOnly\": true}",
                    "{\"type\": \"string\", \"format\": \"date-time\", \"readOnly\": true}"),
            new Trait("/paths/~1sources~1plex~1/get/parameters/10",
                    "{\"in\": \"query\", \"name\": \"pbm_uuid\", \"schema\": {\"type\": \"string\", \"format\": \"uuid\"}}",
                    "{\"in\": \"query\", \"name\": \"pbm_uuid\", \"schema\": {\"type\": \"string\", \"format\": \"uuid\"}}"));

    private OpenApiVersionTraits() {
    }

    /** Checks {@code version}'s column; lists of names ({@code required}) are compared as sets. */
    static void assertTraitsOf(AuthentikVersion version, JsonNode document) {
        for (Trait trait : TRAITS) {
            String expected = version == AuthentikVersion.V2024_8 ? trait.in2024() : trait.in2026();
            JsonNode wanted = expected == null ? MissingNode.getInstance() : parse(expected);
            JsonNode got = document.at(trait.pointer());
            if (wanted.isArray() && got.isArray()) {
                assertEquals(texts(wanted), texts(got), trait.pointer());
            } else {
                assertEquals(wanted, got, trait.pointer());
            }
        }
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
