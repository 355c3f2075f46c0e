package dev.plexsrc.connection.group;

import static dev.plexsrc.connection.Connections.ADD_GROUP;
import static dev.plexsrc.connection.Connections.ADD_USER;
import static dev.plexsrc.connection.Connections.CHANGE_GROUP;
import static dev.plexsrc.connection.Connections.DATETIME;
import static dev.plexsrc.connection.Connections.DELETE_GROUP;
import static dev.plexsrc.connection.Connections.FORBIDDEN;
import static dev.plexsrc.connection.Connections.GROUPS;
import static dev.plexsrc.connection.Connections.GROUP_DUPLICATE;
import static dev.plexsrc.connection.Connections.GROUP_KEYS;
import static dev.plexsrc.connection.Connections.NOT_PROVIDED;
import static dev.plexsrc.connection.Connections.SOURCE_KEYS;
import static dev.plexsrc.connection.Connections.VIEW_GROUP;
import static dev.plexsrc.connection.Connections.VIEW_USER;
import static dev.plexsrc.connection.Connections.backdate;
import static dev.plexsrc.connection.Connections.body;
import static dev.plexsrc.connection.Connections.createGroup;
import static dev.plexsrc.connection.Connections.fetch;
import static dev.plexsrc.connection.Connections.group;
import static dev.plexsrc.connection.Connections.groupUsedBy;
import static dev.plexsrc.connection.Connections.nested;
import static dev.plexsrc.connection.Connections.pk;
import static dev.plexsrc.connection.Connections.with;
import static dev.plexsrc.connection.Connections.without;
import static dev.plexsrc.testing.Api.NOT_FOUND;
import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.fetchSource;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.keys;
import static dev.plexsrc.testing.Api.parse;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.source;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Group connections: CRUD, validation, immutability and the permission-only access rules. */
@QuarkusTest
class GroupConnectionResourceTest {

    private static final String ADMINS = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final String STAFF = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String MISSING_SOURCE_UUID = "9d1c2b3a-4e5f-4a6b-8c7d-0e1f2a3b4c5d";

    private JsonNode plex;

    @BeforeEach
    void oneSource() {
        Connections.truncate();
        plex = createSource("plex");
    }

    private String plexPk() {
        return plex.get("pk").asText();
    }

    private static long count() {
        return Long.parseLong(Tables.queryString("SELECT count(*) FROM group_plex_source_connection"));
    }

    // --- create ----------------------------------------------------------------------------

    @Test
    void createReturns201WithTheSpecShape() {
        JsonNode created = parse(asAdmin().body(body("group", ADMINS, "source", plexPk(), "identifier", "plex-admins"))
                .post(GROUPS)
                .then().log().ifValidationFails().statusCode(201).extract().asString());

        assertEquals(GROUP_KEYS, keys(created));
        assertTrue(created.get("pk").isInt(), "pk is an integer: " + created.get("pk"));
        assertEquals(ADMINS, created.get("group").asText());
        assertEquals("plex-admins", created.get("identifier").asText());
        assertTrue(created.get("created").asText().matches(DATETIME), "created: " + created.get("created"));
        assertTrue(created.get("last_updated").asText().matches(DATETIME), "last_updated: " + created.get("last_updated"));
        assertEquals(SOURCE_KEYS, keys(created.get("source")));
        assertEquals(nested(fetchSource("plex")), created.get("source"));
        assertEquals(1, count());
    }

    @Test
    void sourceMayBeGivenBySlug() {
        asAdmin().body(body("group", ADMINS, "source", "plex", "identifier", "by-slug")).post(GROUPS)
                .then().log().ifValidationFails().statusCode(201)
                .body("source.pk", equalTo(plexPk())).body("group", equalTo(ADMINS));
    }

    @Test
    void missingFieldsAreAllReported() {
        asAdmin().body("{}").post(GROUPS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'group':['This field is required.'],'source':['This field is required.'],"
                        + "'identifier':['This field is required.']}")));
        assertEquals(0, count());
    }

    @Test
    void invalidGroupUuidIsRejectedTogetherWithOtherErrors() {
        asAdmin().body(body("group", "nope", "source", "plex", "identifier", "x")).post(GROUPS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'group':['Must be a valid UUID.']}")));
        asAdmin().body(body("group", "nope", "source", "missing", "identifier", "")).post(GROUPS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'group':['Must be a valid UUID.'],"
                        + "'source':['Object with slug=missing does not exist.'],"
                        + "'identifier':['This field may not be blank.']}")));
        assertEquals(0, count());
    }

    @Test
    void unknownSourceIsRejected() {
        asAdmin().body(body("group", ADMINS, "source", MISSING_SOURCE_UUID, "identifier", "x")).post(GROUPS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson("{\"source\":[\"Invalid pk \\\"" + MISSING_SOURCE_UUID + "\\\" - object does not exist.\"]}"));
        asAdmin().body(body("group", ADMINS, "source", "nope", "identifier", "x")).post(GROUPS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'source':['Object with slug=nope does not exist.']}")));
        assertEquals(0, count());
    }

    @Test
    void secondConnectionForTheSameGroupAndSourceIsRejected() {
        createGroup("plex", ADMINS, "first");
        asAdmin().body(body("group", ADMINS, "source", plexPk(), "identifier", "second")).post(GROUPS)
                .then().log().ifValidationFails().statusCode(400).body(sameJson(GROUP_DUPLICATE));
        asAdmin().body(body("group", ADMINS, "source", "plex", "identifier", "first")).post(GROUPS)
                .then().log().ifValidationFails().statusCode(400).body(sameJson(GROUP_DUPLICATE));
        assertEquals(1, count());
        createGroup("plex", STAFF, "first");
        createGroup(createSource("other").get("pk").asText(), ADMINS, "first");
        assertEquals(3, count());
    }

    // --- retrieve, update, delete -------------------------------------------------------------

    @Test
    void retrieveReturnsTheCreatedConnection() {
        JsonNode created = createGroup("plex", ADMINS, "kept");
        asAdmin().get(group(pk(created))).then().log().ifValidationFails().statusCode(200).body(sameJson(created));
        assertEquals(GROUP_KEYS, keys(fetch(group(pk(created)))));
        asAdmin().get(groupUsedBy(pk(created))).then().log().ifValidationFails().statusCode(200).body(sameJson("[]"));
    }

    @Test
    void nestedSourceFollowsChangesOfTheSource() {
        JsonNode created = createGroup("plex", ADMINS, "kept");
        asAdmin().body(json("{'name':'Renamed'}")).patch(source("plex")).then().statusCode(200);
        assertEquals(nested(fetchSource("plex")), fetch(group(pk(created))).get("source"));
    }

    @Test
    void unknownOrNonIntegerIdIsNotFound() {
        createGroup("plex", ADMINS, "kept");
        for (String id : new String[] { "999999", "abc", "1.5", ADMINS }) {
            asAdmin().get(group(id)).then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
            asAdmin().body(body("identifier", "x")).put(group(id))
                    .then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
            asAdmin().body(body("identifier", "x")).patch(group(id))
                    .then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
            asAdmin().delete(group(id)).then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
            asAdmin().get(groupUsedBy(id)).then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
        }
        assertEquals(1, count());
    }

    @Test
    void putRequiresIdentifier() {
        JsonNode created = createGroup("plex", ADMINS, "kept");
        asAdmin().body("{}").put(group(pk(created)))
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'identifier':['This field is required.']}")));
        asAdmin().body(body("identifier", "")).put(group(pk(created)))
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'identifier':['This field may not be blank.']}")));
        assertEquals(created, fetch(group(pk(created))));
    }

    @Test
    void putChangesIdentifierButNeverGroupOrSource() {
        JsonNode created = createGroup("plex", ADMINS, "old");
        int id = pk(created);
        String other = createSource("other").get("pk").asText();
        JsonNode updated = parse(asAdmin().body(body("identifier", "new", "group", STAFF, "source", other)).put(group(id))
                .then().log().ifValidationFails().statusCode(200).extract().asString());
        assertEquals(GROUP_KEYS, keys(updated));
        assertEquals(without(with(created, "{\"identifier\":\"new\"}"), "last_updated"), without(updated, "last_updated"));
        assertEquals(updated, fetch(group(id)));
    }

    @Test
    void patchChangesOnlyThePresentFieldsAndIgnoresGroupAndSource() {
        JsonNode created = createGroup("plex", ADMINS, "old");
        int id = pk(created);
        String other = createSource("other").get("pk").asText();

        JsonNode ignored = parse(asAdmin().body(body("group", STAFF, "source", other)).patch(group(id))
                .then().log().ifValidationFails().statusCode(200).extract().asString());
        assertEquals(without(created, "last_updated"), without(ignored, "last_updated"));

        JsonNode patched = parse(asAdmin().body(body("identifier", "new", "source", "other")).patch(group(id))
                .then().log().ifValidationFails().statusCode(200).extract().asString());
        assertEquals(without(with(created, "{\"identifier\":\"new\"}"), "last_updated"), without(patched, "last_updated"));
        assertEquals(patched, fetch(group(id)));
        assertEquals(ADMINS, patched.get("group").asText());
        assertEquals(plexPk(), patched.get("source").get("pk").asText());
    }

    @Test
    void updatesMoveLastUpdatedButNotCreated() {
        int id = pk(createGroup("plex", ADMINS, "kept"));
        Instant past = Instant.parse("2020-01-02T03:04:05Z");
        backdate("group_plex_source_connection", id);
        JsonNode patched = parse(asAdmin().body(body("identifier", "patched")).patch(group(id))
                .then().statusCode(200).extract().asString());
        assertEquals(past, Instant.parse(patched.get("created").asText()));
        assertTrue(Instant.parse(patched.get("last_updated").asText()).isAfter(past), "PATCH moves last_updated: " + patched);

        backdate("group_plex_source_connection", id);
        JsonNode put = parse(asAdmin().body(body("identifier", "put")).put(group(id))
                .then().statusCode(200).extract().asString());
        assertEquals(past, Instant.parse(put.get("created").asText()));
        assertTrue(Instant.parse(put.get("last_updated").asText()).isAfter(past), "PUT moves last_updated: " + put);
        assertEquals(put, fetch(group(id)));
    }

    @Test
    void deleteAnswers204ThenTheConnectionIsGone() {
        JsonNode doomed = createGroup("plex", ADMINS, "doomed");
        JsonNode kept = createGroup("plex", STAFF, "kept");
        asAdmin().delete(group(pk(doomed))).then().statusCode(204).body(emptyString());
        asAdmin().get(group(pk(doomed))).then().statusCode(404).body(sameJson(NOT_FOUND));
        asAdmin().delete(group(pk(doomed))).then().statusCode(404).body(sameJson(NOT_FOUND));
        assertEquals(1, count());
        assertEquals(kept, fetch(group(pk(kept))));
    }

    @Test
    void pathsWorkWithoutTrailingSlash() {
        String base = "/api/v3/sources/group_connections/plex";
        int id = asAdmin().body(body("group", ADMINS, "source", "plex", "identifier", "bare")).post(base)
                .then().log().ifValidationFails().statusCode(201).extract().path("pk");
        asAdmin().get(base).then().statusCode(200).body("pagination.count", equalTo(1)).body("results[0].pk", equalTo(id));
        asAdmin().get(base + "/" + id).then().statusCode(200).body("identifier", equalTo("bare"));
        asAdmin().body(body("identifier", "bare-2")).patch(base + "/" + id)
                .then().statusCode(200).body("identifier", equalTo("bare-2"));
        asAdmin().body(body("identifier", "bare-3")).put(base + "/" + id)
                .then().statusCode(200).body("identifier", equalTo("bare-3"));
        asAdmin().get(base + "/" + id + "/used_by").then().statusCode(200).body(sameJson("[]"));
        asAdmin().delete(base + "/" + id).then().statusCode(204);
        asAdmin().get(base + "/" + id).then().statusCode(404).body(sameJson(NOT_FOUND));
    }

    // --- permissions -------------------------------------------------------------------------

    @Test
    void callerWithoutPermissionsMayDoNothing() {
        JsonNode existing = createGroup("plex", ADMINS, "existing");
        assertAccess(Tokens.user(7), existing, 403, 403, 403, 403, 403);
        // user-connection permissions grant nothing here
        assertAccess(Tokens.user(7, VIEW_USER, ADD_USER, "authentik_sources_plex.change_userplexsourceconnection",
                "authentik_sources_plex.delete_userplexsourceconnection", "authentik_sources_plex.view_plexsource"),
                existing, 403, 403, 403, 403, 403);
        assertEquals(existing, fetch(group(pk(existing))));
        assertEquals(1, count());
    }

    @Test
    void viewMayOnlyRead() {
        JsonNode existing = createGroup("plex", ADMINS, "existing");
        assertAccess(Tokens.user(7, VIEW_GROUP), existing, 200, 403, 403, 403, 403);
        assertEquals(existing, fetch(group(pk(existing))));
    }

    @Test
    void addMayOnlyCreate() {
        JsonNode existing = createGroup("plex", ADMINS, "existing");
        assertAccess(Tokens.user(7, ADD_GROUP), existing, 403, 201, 403, 403, 403);
        assertEquals(2, count());
    }

    @Test
    void changeMayOnlyUpdate() {
        JsonNode existing = createGroup("plex", ADMINS, "existing");
        assertAccess(Tokens.user(7, CHANGE_GROUP), existing, 403, 403, 200, 200, 403);
        assertEquals("put", fetch(group(pk(existing))).get("identifier").asText());
    }

    @Test
    void deleteMayOnlyDelete() {
        JsonNode existing = createGroup("plex", ADMINS, "existing");
        assertAccess(Tokens.user(7, DELETE_GROUP), existing, 403, 403, 403, 403, 204);
        assertEquals(0, count());
    }

    @Test
    void everyPermissionTogetherMayDoEverything() {
        JsonNode existing = createGroup("plex", ADMINS, "existing");
        assertAccess(Tokens.user(7, VIEW_GROUP, ADD_GROUP, CHANGE_GROUP, DELETE_GROUP), existing, 200, 201, 200, 200, 204);
        assertEquals(1, count());
    }

    /**
     * Read (list, retrieve, used_by), create (a new group on the same source), PATCH, PUT and DELETE
     * of {@code existing}, each expected to answer the given status; refusals answer 403 with the fixed body.
     */
    private static void assertAccess(String token, JsonNode existing, int read, int create, int patch, int put, int delete) {
        int id = pk(existing);
        expect(as(token).get(GROUPS).then(), read);
        expect(as(token).get(group(id)).then(), read);
        expect(as(token).get(groupUsedBy(id)).then(), read);
        expect(as(token).body(body("group", STAFF, "source", "plex", "identifier", "new")).post(GROUPS).then(), create);
        expect(as(token).body(body("identifier", "patched")).patch(group(id)).then(), patch);
        expect(as(token).body(body("identifier", "put")).put(group(id)).then(), put);
        expect(as(token).delete(group(id)).then(), delete);
    }

    private static void expect(ValidatableResponse response, int status) {
        response.log().ifValidationFails().statusCode(status);
        if (status == 403) {
            response.body(sameJson(FORBIDDEN));
        }
    }

    @Test
    void everyEndpointNeedsAToken() {
        JsonNode created = createGroup("plex", ADMINS, "guarded");
        int id = pk(created);
        String create = body("group", STAFF, "source", "plex", "identifier", "anon");
        unauthorized(given().contentType(ContentType.JSON).get(GROUPS).then());
        unauthorized(given().contentType(ContentType.JSON).body(create).post(GROUPS).then());
        unauthorized(given().contentType(ContentType.JSON).get(group(id)).then());
        unauthorized(given().contentType(ContentType.JSON).body(create).put(group(id)).then());
        unauthorized(given().contentType(ContentType.JSON).body(body("identifier", "anon")).patch(group(id)).then());
        unauthorized(given().contentType(ContentType.JSON).delete(group(id)).then());
        unauthorized(given().contentType(ContentType.JSON).get(groupUsedBy(id)).then());
        unauthorized(given().contentType(ContentType.JSON).get(group(999999)).then());
        assertEquals(created, fetch(group(id)));
        assertEquals(1, count());
    }

    private static void unauthorized(ValidatableResponse response) {
        response.log().ifValidationFails().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body(sameJson(NOT_PROVIDED));
    }
}
