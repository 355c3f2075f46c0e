package dev.plexsrc.security;

import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.fetchSource;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.source;
import static dev.plexsrc.testing.Api.usedBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class AuthorizationTest {

    private static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    private static final String VIEW = "authentik_sources_plex.view_plexsource";
    private static final String ADD = "authentik_sources_plex.add_plexsource";
    private static final String CHANGE = "authentik_sources_plex.change_plexsource";
    private static final String DELETE = "authentik_sources_plex.delete_plexsource";

    private JsonNode existing;

    @BeforeEach
    void oneSource() {
        Tables.truncate("plex_source");
        existing = createSource("existing");
    }

    @Test
    void callerWithoutGroupsMayDoNothing() {
        String token = Tokens.user(7);
        assertList(token, 403);
        assertRetrieve(token, 403);
        assertUsedBy(token, 403);
        assertCreate(token, 403);
        assertPut(token, 403);
        assertPatch(token, 403);
        assertDelete(token, 403);
        assertNothingChanged();
    }

    @Test
    void unrelatedPermissionsGrantNothing() {
        String token = Tokens.user(7, "authentik_sources_plex.view_userplexsourceconnection",
                "authentik_sources_oauth.view_oauthsource", "someone");
        assertList(token, 403);
        assertRetrieve(token, 403);
        assertCreate(token, 403);
        assertPatch(token, 403);
        assertDelete(token, 403);
        assertNothingChanged();
    }

    @Test
    void viewMayListAndRetrieveOnly() {
        String token = Tokens.user(7, VIEW);
        assertList(token, 200);
        assertRetrieve(token, 200);
        assertUsedBy(token, 200);
        assertCreate(token, 403);
        assertPut(token, 403);
        assertPatch(token, 403);
        assertDelete(token, 403);
        assertNothingChanged();
    }

    @Test
    void addMayCreateOnly() {
        String token = Tokens.user(7, ADD);
        assertList(token, 403);
        assertRetrieve(token, 403);
        assertPut(token, 403);
        assertPatch(token, 403);
        assertDelete(token, 403);
        assertNothingChanged();
        assertCreate(token, 201);
        fetchSource("created");
    }

    @Test
    void changeMayUpdateOnly() {
        String token = Tokens.user(7, CHANGE);
        assertList(token, 403);
        assertRetrieve(token, 403);
        assertCreate(token, 403);
        assertDelete(token, 403);
        assertNothingChanged();
        assertPatch(token, 200);
        assertPut(token, 200);
    }

    @Test
    void deleteMayDeleteOnly() {
        String token = Tokens.user(7, DELETE);
        assertList(token, 403);
        assertRetrieve(token, 403);
        assertCreate(token, 403);
        assertPatch(token, 403);
        assertNothingChanged();
        assertDelete(token, 204);
        asAdmin().get(source("existing")).then().statusCode(404);
    }

    @Test
    void viewOnlyCallerDoesNotSeeThePlexTokenKey() {
        String token = Tokens.user(7, VIEW);
        as(token).get(source("existing")).then().log().ifValidationFails().statusCode(200)
                .body("$", hasKey("slug")).body("$", not(hasKey("plex_token")));
        as(token).get(SOURCES).then().log().ifValidationFails().statusCode(200)
                .body("results[0]", hasKey("slug")).body("results[0]", not(hasKey("plex_token")));
    }

    @Test
    void creatorWithoutChangeDoesNotSeeThePlexTokenKey() {
        as(Tokens.user(7, ADD)).body(minimalSource("Made", "made", "creator-token")).post(SOURCES)
                .then().log().ifValidationFails().statusCode(201)
                .body("$", hasKey("slug")).body("$", not(hasKey("plex_token")));
    }

    @Test
    void callerThatMayChangeSeesThePlexToken() {
        String token = Tokens.user(7, VIEW, CHANGE);
        as(token).get(source("existing")).then().log().ifValidationFails().statusCode(200)
                .body("plex_token", equalTo("token-existing"));
        as(token).get(SOURCES).then().log().ifValidationFails().statusCode(200)
                .body("results[0].plex_token", equalTo("token-existing"));
    }

    @Test
    void adminSeesThePlexToken() {
        asAdmin().get(source("existing")).then().statusCode(200).body("plex_token", equalTo("token-existing"));
        asAdmin().get(SOURCES).then().statusCode(200).body("results[0].plex_token", equalTo("token-existing"));
    }

    private static void assertList(String token, int status) {
        expect(status, as(token).get(SOURCES).then().log().ifValidationFails().statusCode(status));
    }

    private static void assertRetrieve(String token, int status) {
        expect(status, as(token).get(source("existing")).then().log().ifValidationFails().statusCode(status));
    }

    private static void assertUsedBy(String token, int status) {
        expect(status, as(token).get(usedBy("existing")).then().log().ifValidationFails().statusCode(status));
    }

    private static void assertCreate(String token, int status) {
        expect(status, as(token).body(minimalSource("Created", "created", "t")).post(SOURCES)
                .then().log().ifValidationFails().statusCode(status));
    }

    private static void assertPut(String token, int status) {
        expect(status, as(token).body(minimalSource("Put", "existing", "token-existing")).put(source("existing"))
                .then().log().ifValidationFails().statusCode(status));
    }

    private static void assertPatch(String token, int status) {
        expect(status, as(token).body("{\"name\":\"Patched\"}").patch(source("existing"))
                .then().log().ifValidationFails().statusCode(status));
    }

    private static void assertDelete(String token, int status) {
        expect(status, as(token).delete(source("existing")).then().log().ifValidationFails().statusCode(status));
    }

    private static void expect(int status, ValidatableResponse response) {
        if (status == 403) {
            response.body(sameJson(FORBIDDEN));
        }
    }

    /** The pre-existing source is as created, and no other source was added. */
    private void assertNothingChanged() {
        assertEquals(existing, fetchSource("existing"));
        assertEquals("1", Tables.queryString("SELECT count(*) FROM plex_source"));
    }
}
