package dev.plexsrc.connection.user;

import static dev.plexsrc.connection.Connections.ADD_USER;
import static dev.plexsrc.connection.Connections.CHANGE_USER;
import static dev.plexsrc.connection.Connections.DATETIME;
import static dev.plexsrc.connection.Connections.DELETE_USER;
import static dev.plexsrc.connection.Connections.FORBIDDEN;
import static dev.plexsrc.connection.Connections.NOT_PROVIDED;
import static dev.plexsrc.connection.Connections.USERS;
import static dev.plexsrc.connection.Connections.USER_DUPLICATE;
import static dev.plexsrc.connection.Connections.USER_KEYS;
import static dev.plexsrc.connection.Connections.SOURCE_KEYS;
import static dev.plexsrc.connection.Connections.VIEW_USER;
import static dev.plexsrc.connection.Connections.backdate;
import static dev.plexsrc.connection.Connections.body;
import static dev.plexsrc.connection.Connections.createUser;
import static dev.plexsrc.connection.Connections.fetch;
import static dev.plexsrc.connection.Connections.nested;
import static dev.plexsrc.connection.Connections.pk;
import static dev.plexsrc.connection.Connections.user;
import static dev.plexsrc.connection.Connections.userUsedBy;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** User connections: create, retrieve, update, delete, validation, immutability and the hidden plex_token. */
@QuarkusTest
class UserConnectionResourceTest {

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
        return Long.parseLong(Tables.queryString("SELECT count(*) FROM user_plex_source_connection"));
    }

    private static String storedToken(int pk) {
        return Tables.queryString("SELECT plex_token FROM user_plex_source_connection WHERE id = " + pk);
    }

    // --- create ----------------------------------------------------------------------------

    @Test
    void createReturns201WithTheSpecShape() {
        String response = asAdmin()
                .body(body("identifier", "plex-id-1", "plex_token", "PLAIN-user-token-1", "source", plexPk(), "user", 5))
                .post(USERS)
                .then().log().ifValidationFails().statusCode(201).extract().asString();
        JsonNode created = parse(response);

        assertEquals(USER_KEYS, keys(created));
        assertTrue(created.get("pk").isInt(), "pk is an integer: " + created.get("pk"));
        assertTrue(created.get("user").isInt(), "user is an integer: " + created.get("user"));
        assertEquals(5, created.get("user").asInt());
        assertEquals("plex-id-1", created.get("identifier").asText());
        assertTrue(created.get("created").asText().matches(DATETIME), "created: " + created.get("created"));
        assertTrue(created.get("last_updated").asText().matches(DATETIME), "last_updated: " + created.get("last_updated"));
        assertEquals(SOURCE_KEYS, keys(created.get("source")));
        assertEquals(nested(fetchSource("plex")), created.get("source"));
        assertEquals(parse(json("""
                {'name': 'Source plex', 'slug': 'plex', 'enabled': true, 'authentication_flow': null,
                 'enrollment_flow': null, 'user_property_mappings': [], 'group_property_mappings': [],
                 'component': 'ak-source-plex-form', 'verbose_name': 'Plex Source',
                 'verbose_name_plural': 'Plex Sources', 'meta_model_name': 'authentik_sources_plex.plexsource',
                 'policy_engine_mode': 'any', 'user_matching_mode': 'identifier', 'managed': null,
                 'user_path_template': 'goauthentik.io/sources/%(slug)s', 'icon': '/static/authentik/sources/plex.svg'}
                """)), without(created.get("source"), "pk"));
        assertEquals(plexPk(), created.get("source").get("pk").asText());
        assertEquals(1, count());
    }

    @Test
    void sourceMayBeGivenBySlug() {
        asAdmin().body(body("identifier", "by-slug", "plex_token", "t", "source", "plex", "user", 5)).post(USERS)
                .then().log().ifValidationFails().statusCode(201)
                .body("source.pk", equalTo(plexPk()))
                .body("source.slug", equalTo("plex"))
                .body("identifier", equalTo("by-slug"));
    }

    @Test
    void userDefaultsToTheCallersOwnId() {
        as(Tokens.user(9, ADD_USER)).body(body("identifier", "mine", "plex_token", "t", "source", "plex")).post(USERS)
                .then().log().ifValidationFails().statusCode(201).body("user", equalTo(9));
        asAdmin().body(body("identifier", "admins", "plex_token", "t", "source", createSource("other").get("pk").asText()))
                .post(USERS)
                .then().log().ifValidationFails().statusCode(201).body("user", equalTo(1));
    }

    @Test
    void callerWithAddPermissionMaySetTheUser() {
        as(Tokens.user(9, ADD_USER)).body(body("identifier", "theirs", "plex_token", "t", "source", "plex", "user", 12))
                .post(USERS)
                .then().log().ifValidationFails().statusCode(201).body("user", equalTo(12));
    }

    @Test
    void createNeedsTheAddPermission() {
        String request = body("identifier", "x", "plex_token", "t", "source", "plex");
        as(Tokens.user(7)).body(request).post(USERS)
                .then().log().ifValidationFails().statusCode(403).body(sameJson(FORBIDDEN));
        as(Tokens.user(7, VIEW_USER, CHANGE_USER, DELETE_USER, "authentik_sources_plex.add_plexsource"))
                .body(request).post(USERS)
                .then().log().ifValidationFails().statusCode(403).body(sameJson(FORBIDDEN));
        as(Tokens.user(7, "authentik_sources_plex.add_groupplexsourceconnection")).body(request).post(USERS)
                .then().log().ifValidationFails().statusCode(403).body(sameJson(FORBIDDEN));
        assertEquals(0, count());
    }

    @Test
    void missingFieldsAreAllReported() {
        asAdmin().body("{}").post(USERS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'identifier':['This field is required.'],'plex_token':['This field is required.'],"
                        + "'source':['This field is required.']}")));
        assertEquals(0, count());
    }

    @Test
    void blankIdentifierAndTokenAreRejected() {
        asAdmin().body(body("identifier", "", "plex_token", "", "source", "plex")).post(USERS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'identifier':['This field may not be blank.'],"
                        + "'plex_token':['This field may not be blank.']}")));
        assertEquals(0, count());
    }

    @Test
    void unknownSourceUuidIsRejected() {
        asAdmin().body(body("identifier", "x", "plex_token", "t", "source", MISSING_SOURCE_UUID)).post(USERS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson("{\"source\":[\"Invalid pk \\\"" + MISSING_SOURCE_UUID + "\\\" - object does not exist.\"]}"));
        assertEquals(0, count());
    }

    @Test
    void unknownSourceSlugIsRejected() {
        asAdmin().body(body("identifier", "x", "plex_token", "t", "source", "nope")).post(USERS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'source':['Object with slug=nope does not exist.']}")));
        assertEquals(0, count());
    }

    @Test
    void nonIntegerUserIsRejected() {
        asAdmin().body(body("identifier", "x", "plex_token", "t", "source", "plex", "user", "abc")).post(USERS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'user':['A valid integer is required.']}")));
        assertEquals(0, count());
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        asAdmin().body(body("plex_token", "", "source", "nope", "user", "abc")).post(USERS)
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'identifier':['This field is required.'],"
                        + "'plex_token':['This field may not be blank.'],"
                        + "'source':['Object with slug=nope does not exist.'],"
                        + "'user':['A valid integer is required.']}")));
        assertEquals(0, count());
    }

    @Test
    void secondConnectionForTheSameUserAndSourceIsRejected() {
        createUser("plex", 5, "first", "t1");
        asAdmin().body(body("identifier", "second", "plex_token", "t2", "source", plexPk(), "user", 5)).post(USERS)
                .then().log().ifValidationFails().statusCode(400).body(sameJson(USER_DUPLICATE));
        asAdmin().body(body("identifier", "first", "plex_token", "t1", "source", "plex", "user", 5)).post(USERS)
                .then().log().ifValidationFails().statusCode(400).body(sameJson(USER_DUPLICATE));
        assertEquals(1, count());

        createUser("plex", 6, "first", "t1");
        createUser(createSource("other").get("pk").asText(), 5, "first", "t1");
        assertEquals(3, count());
    }

    // --- retrieve --------------------------------------------------------------------------

    @Test
    void retrieveReturnsTheCreatedConnection() {
        JsonNode created = createUser("plex", 5, "kept", "t");
        asAdmin().get(user(pk(created))).then().log().ifValidationFails()
                .statusCode(200).body(sameJson(created));
        assertEquals(USER_KEYS, keys(fetch(user(pk(created)))));
    }

    @Test
    void nestedSourceFollowsChangesOfTheSource() {
        JsonNode created = createUser("plex", 5, "kept", "t");
        asAdmin().body(json("{'name':'Renamed','enabled':false}")).patch(source("plex")).then().statusCode(200);
        JsonNode now = fetch(user(pk(created)));
        assertEquals(nested(fetchSource("plex")), now.get("source"));
        assertEquals("Renamed", now.get("source").get("name").asText());
        assertFalse(now.get("source").get("enabled").asBoolean());
    }

    @Test
    void unknownOrNonIntegerIdIsNotFound() {
        createUser("plex", 5, "kept", "t");
        for (String id : new String[] { "999999", "abc", "1.5", "-1" }) {
            asAdmin().get(user(id)).then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
            asAdmin().body(body("identifier", "x", "plex_token", "t")).put(user(id))
                    .then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
            asAdmin().body(body("identifier", "x")).patch(user(id))
                    .then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
            asAdmin().delete(user(id)).then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
            asAdmin().get(userUsedBy(id)).then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
        }
        assertEquals(1, count());
    }

    @Test
    void usedByIsAlwaysEmpty() {
        JsonNode created = createUser("plex", 5, "kept", "t");
        asAdmin().get(userUsedBy(pk(created))).then().log().ifValidationFails().statusCode(200).body(sameJson("[]"));
    }

    // --- update ----------------------------------------------------------------------------

    @Test
    void putRequiresIdentifierAndPlexToken() {
        JsonNode created = createUser("plex", 5, "kept", "t");
        asAdmin().body("{}").put(user(pk(created)))
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'identifier':['This field is required.'],'plex_token':['This field is required.']}")));
        asAdmin().body(body("identifier", "", "plex_token", "")).put(user(pk(created)))
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'identifier':['This field may not be blank.'],"
                        + "'plex_token':['This field may not be blank.']}")));
        assertEquals(created, fetch(user(pk(created))));
    }

    @Test
    void putChangesIdentifierAndTokenButNeverUserOrSource() {
        JsonNode created = createUser("plex", 5, "old-id", "PLAIN-old-token");
        int id = pk(created);
        String other = createSource("other").get("pk").asText();
        String storedBefore = storedToken(id);

        String response = asAdmin()
                .body(body("identifier", "new-id", "plex_token", "PLAIN-new-token", "user", 99, "source", other))
                .put(user(id))
                .then().log().ifValidationFails().statusCode(200).extract().asString();

        JsonNode updated = parse(response);
        assertEquals(USER_KEYS, keys(updated));
        assertEquals(without(with(created, "{\"identifier\":\"new-id\"}"), "last_updated"), without(updated, "last_updated"));
        assertEquals(updated, fetch(user(id)));
        String storedAfter = storedToken(id);
        assertNotEquals(storedBefore, storedAfter, "PUT replaces the stored token");
        assertFalse(storedAfter.contains("PLAIN-new-token"), "stored column holds the plain token: " + storedAfter);
    }

    @Test
    void patchChangesOnlyThePresentFields() {
        JsonNode created = createUser("plex", 5, "old-id", "PLAIN-old-token");
        int id = pk(created);
        String storedBefore = storedToken(id);

        JsonNode patched = parse(asAdmin().body(body("identifier", "new-id")).patch(user(id))
                .then().log().ifValidationFails().statusCode(200).extract().asString());
        assertEquals(without(with(created, "{\"identifier\":\"new-id\"}"), "last_updated"), without(patched, "last_updated"));
        assertEquals(patched, fetch(user(id)));
        assertEquals(storedBefore, storedToken(id), "PATCH without plex_token keeps the stored token");

        JsonNode tokenOnly = parse(asAdmin().body(body("plex_token", "PLAIN-patched-token")).patch(user(id))
                .then().log().ifValidationFails().statusCode(200).extract().asString());
        assertEquals(without(patched, "last_updated"), without(tokenOnly, "last_updated"));
        String storedAfter = storedToken(id);
        assertNotEquals(storedBefore, storedAfter, "PATCH with plex_token replaces the stored token");
        assertFalse(storedAfter.contains("PLAIN-patched-token"), "stored column holds the plain token: " + storedAfter);
    }

    @Test
    void emptyPatchChangesNothing() {
        JsonNode created = createUser("plex", 5, "kept", "t");
        JsonNode patched = parse(asAdmin().body("{}").patch(user(pk(created)))
                .then().log().ifValidationFails().statusCode(200).extract().asString());
        assertEquals(without(created, "last_updated"), without(patched, "last_updated"));
    }

    @Test
    void patchIgnoresUserAndSource() {
        JsonNode created = createUser("plex", 5, "kept", "t");
        int id = pk(created);
        String other = createSource("other").get("pk").asText();

        JsonNode patched = parse(asAdmin().body(body("user", 99, "source", other)).patch(user(id))
                .then().log().ifValidationFails().statusCode(200).extract().asString());
        assertEquals(without(created, "last_updated"), without(patched, "last_updated"));
        asAdmin().body(body("source", "other", "identifier", "renamed")).patch(user(id))
                .then().log().ifValidationFails().statusCode(200)
                .body("source.slug", equalTo("plex")).body("user", equalTo(5)).body("identifier", equalTo("renamed"));
        JsonNode now = fetch(user(id));
        assertEquals(5, now.get("user").asInt());
        assertEquals(plexPk(), now.get("source").get("pk").asText());
    }

    @Test
    void patchAndPutValidateWhatIsPresent() {
        JsonNode created = createUser("plex", 5, "kept", "t");
        asAdmin().body(body("identifier", "", "plex_token", "")).patch(user(pk(created)))
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'identifier':['This field may not be blank.'],"
                        + "'plex_token':['This field may not be blank.']}")));
        asAdmin().body(body("identifier", null)).patch(user(pk(created)))
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'identifier':['This field may not be null.']}")));
        assertEquals(created, fetch(user(pk(created))));
    }

    @Test
    void updatesMoveLastUpdatedButNotCreated() {
        JsonNode created = createUser("plex", 5, "kept", "t");
        int id = pk(created);
        backdate("user_plex_source_connection", id);
        Instant past = Instant.parse("2020-01-02T03:04:05Z");
        JsonNode backdated = fetch(user(id));
        assertEquals(past, Instant.parse(backdated.get("created").asText()));
        assertEquals(past, Instant.parse(backdated.get("last_updated").asText()));

        JsonNode patched = parse(asAdmin().body(body("identifier", "patched")).patch(user(id))
                .then().statusCode(200).extract().asString());
        assertEquals(past, Instant.parse(patched.get("created").asText()));
        Instant afterPatch = Instant.parse(patched.get("last_updated").asText());
        assertTrue(afterPatch.isAfter(past), "PATCH moves last_updated: " + afterPatch);
        assertEquals(patched, fetch(user(id)));

        backdate("user_plex_source_connection", id);
        JsonNode put = parse(asAdmin().body(body("identifier", "put", "plex_token", "t2")).put(user(id))
                .then().statusCode(200).extract().asString());
        assertEquals(past, Instant.parse(put.get("created").asText()));
        assertTrue(Instant.parse(put.get("last_updated").asText()).isAfter(past), "PUT moves last_updated: " + put);
    }

    // --- plex_token --------------------------------------------------------------------------

    @Test
    void plexTokenIsNeverReturnedAndStoredEncrypted() {
        String token = "PLAIN-secret-user-token-4242";
        JsonNode created = createUser("plex", 5, "secretive", token);
        int id = pk(created);
        assertFalse(created.has("plex_token"), "create returned plex_token: " + created);

        String stored = storedToken(id);
        assertNotNull(stored);
        assertFalse(stored.isEmpty(), "a token is stored");
        assertFalse(stored.contains(token), "stored column holds the plain token: " + stored);
        assertFalse(stored.contains("secret-user-token"), "stored column holds part of the plain token: " + stored);

        assertNoToken(asAdmin().get(user(id)), token);
        assertNoToken(asAdmin().get(USERS), token);
        assertNoToken(as(Tokens.user(5)).get(user(id)), token);
        assertNoToken(as(Tokens.user(5)).get(USERS), token);
        assertNoToken(asAdmin().body(body("identifier", "secretive-2")).patch(user(id)), token);
        assertNoToken(asAdmin().body(body("identifier", "secretive-3", "plex_token", token)).put(user(id)), token);
        assertNoToken(asAdmin().body(body("plex_token", token + "-b")).patch(user(id)), token);
        assertFalse(storedToken(id).contains(token), "stored column holds the plain token after update");
    }

    private static void assertNoToken(Response response, String token) {
        assertEquals(200, response.statusCode(), response::asString);
        String text = response.asString();
        assertFalse(text.contains("plex_token"), "response has a plex_token key: " + text);
        assertFalse(text.contains(token), "response contains the token: " + text);
    }

    // --- delete ------------------------------------------------------------------------------

    @Test
    void deleteAnswers204ThenTheConnectionIsGone() {
        JsonNode created = createUser("plex", 5, "doomed", "t");
        JsonNode kept = createUser("plex", 6, "kept", "t");
        asAdmin().delete(user(pk(created))).then().statusCode(204).body(emptyString());
        asAdmin().get(user(pk(created))).then().statusCode(404).body(sameJson(NOT_FOUND));
        asAdmin().delete(user(pk(created))).then().statusCode(404).body(sameJson(NOT_FOUND));
        assertEquals(1, count());
        assertEquals(kept, fetch(user(pk(kept))));
        assertEquals(plex, fetchSource("plex"), "deleting a connection leaves its source alone");
    }

    // --- paths and authentication ------------------------------------------------------------

    @Test
    void pathsWorkWithoutTrailingSlash() {
        String base = "/api/v3/sources/user_connections/plex";
        int id = asAdmin().body(body("identifier", "bare", "plex_token", "t", "source", "plex", "user", 5)).post(base)
                .then().log().ifValidationFails().statusCode(201).extract().path("pk");
        asAdmin().get(base).then().log().ifValidationFails()
                .statusCode(200).body("pagination.count", equalTo(1)).body("results[0].pk", equalTo(id));
        asAdmin().get(base + "/" + id).then().statusCode(200).body("identifier", equalTo("bare"));
        asAdmin().body(body("identifier", "bare-2")).patch(base + "/" + id)
                .then().statusCode(200).body("identifier", equalTo("bare-2"));
        asAdmin().body(body("identifier", "bare-3", "plex_token", "t")).put(base + "/" + id)
                .then().statusCode(200).body("identifier", equalTo("bare-3"));
        asAdmin().get(base + "/" + id + "/used_by").then().statusCode(200).body(sameJson("[]"));
        asAdmin().delete(base + "/" + id).then().statusCode(204);
        asAdmin().get(base + "/" + id).then().statusCode(404).body(sameJson(NOT_FOUND));
    }

    @Test
    void everyEndpointNeedsAToken() {
        JsonNode created = createUser("plex", 5, "guarded", "t");
        int id = pk(created);
        String create = body("identifier", "anon", "plex_token", "t", "source", "plex", "user", 5);
        unauthorized(given().contentType(ContentType.JSON).get(USERS).then());
        unauthorized(given().contentType(ContentType.JSON).body(create).post(USERS).then());
        unauthorized(given().contentType(ContentType.JSON).get(user(id)).then());
        unauthorized(given().contentType(ContentType.JSON).body(create).put(user(id)).then());
        unauthorized(given().contentType(ContentType.JSON).body(body("identifier", "anon")).patch(user(id)).then());
        unauthorized(given().contentType(ContentType.JSON).delete(user(id)).then());
        unauthorized(given().contentType(ContentType.JSON).get(userUsedBy(id)).then());
        unauthorized(given().contentType(ContentType.JSON).get(user(999999)).then());
        assertEquals(created, fetch(user(id)));
        assertEquals(1, count());
    }

    private static void unauthorized(ValidatableResponse response) {
        response.log().ifValidationFails().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body(sameJson(NOT_PROVIDED));
    }
}
