package dev.plexsrc.input;

import static dev.plexsrc.connection.Connections.GROUPS;
import static dev.plexsrc.connection.Connections.USERS;
import static dev.plexsrc.connection.Connections.body;
import static dev.plexsrc.connection.Connections.createUser;
import static dev.plexsrc.testing.Api.NOT_FOUND;
import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.testing.Tables;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Text PostgreSQL cannot store (NUL, lone surrogates, more than a b-tree index entry holds) is a
 * 400 wherever it enters, and is never stored.
 */
@QuarkusTest
class StorableTextTest {

    private static final List<String> NUL = List.of("Null characters are not allowed.");

    @BeforeEach
    void empty() {
        Connections.truncate();
    }

    @Test
    void nulInASourceFieldIsAFieldError() {
        asAdmin().body("{\"name\":\"\\u0000\",\"slug\":\"x\",\"plex_token\":\"t\"}").post(SOURCES)
                .then().statusCode(400).body(sameJson(Map.of("name", NUL)));
        assertEquals("0", Tables.queryString("SELECT count(*) FROM plex_source"));
    }

    @Test
    void everyFieldWithNulIsReported() {
        asAdmin().body("{\"name\":\"a\\u0000b\",\"slug\":\"x\",\"plex_token\":\"t\\u0000\",\"client_id\":\"\\u0000\","
                + "\"allowed_servers\":[\"ok\",\"s\\u0000\"]}").post(SOURCES)
                .then().statusCode(400).body(sameJson(Map.of("name", NUL, "plex_token", NUL, "client_id", NUL,
                        "allowed_servers", Map.of("1", NUL))));
    }

    @Test
    void nulInAConnectionIdentifierIsAFieldError() {
        String pk = createSource("nul").get("pk").asText();
        asAdmin().body(body("source", pk, "identifier", "\u0000", "plex_token", "t")).post(USERS)
                .then().statusCode(400).body(sameJson(Map.of("identifier", NUL)));
        asAdmin().body(body("source", pk, "group", "33333333-3333-4333-8333-333333333333", "identifier", "a\u0000"))
                .post(GROUPS).then().statusCode(400).body(sameJson(Map.of("identifier", NUL)));
        asAdmin().body(body("source", "nul\u0000", "identifier", "i", "plex_token", "t")).post(USERS)
                .then().statusCode(400).body(sameJson(Map.of("source", NUL)));
        assertEquals("0", Tables.queryString("SELECT count(*) FROM user_plex_source_connection"));
    }

    @Test
    void nulInAnUpdateChangesNothing() {
        createSource("kept");
        int pk = createUser("kept", 7, "plex-7", "t").get("pk").asInt();
        asAdmin().body("{\"name\":\"\\u0000\"}").patch(source("kept"))
                .then().statusCode(400).body(sameJson(Map.of("name", NUL)));
        asAdmin().body("{\"identifier\":\"\\u0000\"}").patch(Connections.user(pk))
                .then().statusCode(400).body(sameJson(Map.of("identifier", NUL)));
        assertEquals("Source kept", Tables.queryString("SELECT name FROM plex_source WHERE slug = 'kept'"));
        assertEquals("plex-7", Tables.queryString("SELECT identifier FROM user_plex_source_connection"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "search", "name", "slug", "client_id" })
    void nulInASourceListParameterIsKeyedByTheParameter(String parameter) {
        asAdmin().queryParam(parameter, "\u0000").get(SOURCES)
                .then().statusCode(400).body(sameJson(Map.of(parameter, NUL)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v3/sources/user_connections/plex/", "/api/v3/sources/group_connections/plex/" })
    void nulInAConnectionListParameterIsKeyedByTheParameter(String list) {
        asAdmin().queryParam("search", "a\u0000").get(list).then().statusCode(400).body(sameJson(Map.of("search", NUL)));
        asAdmin().queryParam("source__slug", "\u0000").get(list)
                .then().statusCode(400).body(sameJson(Map.of("source__slug", NUL)));
    }

    @Test
    void nulInAnOrderingIsIgnoredLikeAnyUnknownField() {
        createSource("ordered");
        asAdmin().queryParam("ordering", "\u0000").get(SOURCES).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "%00", "a%00b", "a.b", "%FF", "caf%C3%A9" })
    void aPathSlugOutsideTheSlugAlphabetIsNotFound(String slug) {
        for (String path : List.of(SOURCES + slug + "/", SOURCES + slug + "/used_by/")) {
            asAdmin().urlEncodingEnabled(false).get(path).then().statusCode(404).body(sameJson(NOT_FOUND));
        }
        asAdmin().urlEncodingEnabled(false).body("{}").patch(SOURCES + slug + "/").then().statusCode(404);
        asAdmin().urlEncodingEnabled(false).delete(SOURCES + slug + "/").then().statusCode(404);
    }

    @Test
    void loneSurrogatesAreRejectedAndAPairIsKept() {
        asAdmin().body("{\"name\":\"\\ud800\",\"slug\":\"s\",\"plex_token\":\"t\",\"client_id\":\"x\\udc01\"}").post(SOURCES)
                .then().statusCode(400).body(sameJson(Map.of("name", List.of("Surrogate characters are not allowed: U+D800."),
                        "client_id", List.of("Surrogate characters are not allowed: U+DC01."))));
        asAdmin().body("{\"name\":\"\\ud83d\\ude00\",\"slug\":\"s\",\"plex_token\":\"t\"}").post(SOURCES)
                .then().statusCode(201);
        assertEquals("\uD83D\uDE00", Tables.queryString("SELECT name FROM plex_source WHERE slug = 's'"));
    }

    @Test
    void indexedTextLongerThanTheLimitIsAFieldError() {
        List<String> tooLong = List.of("Ensure this field has no more than 512 characters.");
        asAdmin().body(body("name", "n".repeat(2700), "slug", "long", "plex_token", "t", "client_id", "c".repeat(3000)))
                .post(SOURCES).then().statusCode(400).body(sameJson(Map.of("name", tooLong, "client_id", tooLong)));
        String pk = createSource("long").get("pk").asText();
        asAdmin().body(body("source", pk, "identifier", "i".repeat(3000), "plex_token", "t")).post(USERS)
                .then().statusCode(400).body(sameJson(Map.of("identifier", tooLong)));
        asAdmin().body(body("source", pk, "group", "33333333-3333-4333-8333-333333333333", "identifier", "i".repeat(513)))
                .post(GROUPS).then().statusCode(400).body(sameJson(Map.of("identifier", tooLong)));
        asAdmin().body("{\"name\":\"" + "n".repeat(513) + "\"}").patch(source("long"))
                .then().statusCode(400).body(sameJson(Map.of("name", tooLong)));
    }

    /** The limit counts characters; 512 of the widest (four UTF-8 bytes) still fit the indexes. */
    @Test
    void theLongestAllowedTextOfFourByteCharactersIsStored() {
        String widest = "\uD83D\uDE00".repeat(512);
        asAdmin().body(body("name", widest, "slug", "wide", "plex_token", "t", "client_id", widest)).post(SOURCES)
                .then().statusCode(201);
        String pk = Tables.queryString("SELECT id FROM plex_source WHERE slug = 'wide'");
        asAdmin().body(body("source", pk, "identifier", widest, "plex_token", "t")).post(USERS).then().statusCode(201);
        asAdmin().body(body("source", pk, "group", "33333333-3333-4333-8333-333333333333", "identifier", widest))
                .post(GROUPS).then().statusCode(201);
        assertEquals("2048", Tables.queryString("SELECT octet_length(name) FROM plex_source WHERE slug = 'wide'"));
    }
}
