package dev.plexsrc.connection.user;

import static dev.plexsrc.connection.Connections.ADD_USER;
import static dev.plexsrc.connection.Connections.CHANGE_USER;
import static dev.plexsrc.connection.Connections.DELETE_USER;
import static dev.plexsrc.connection.Connections.FORBIDDEN;
import static dev.plexsrc.connection.Connections.USERS;
import static dev.plexsrc.connection.Connections.VIEW_USER;
import static dev.plexsrc.connection.Connections.body;
import static dev.plexsrc.connection.Connections.createUser;
import static dev.plexsrc.connection.Connections.fetch;
import static dev.plexsrc.connection.Connections.ok;
import static dev.plexsrc.connection.Connections.pk;
import static dev.plexsrc.connection.Connections.pks;
import static dev.plexsrc.connection.Connections.user;
import static dev.plexsrc.connection.Connections.userUsedBy;
import static dev.plexsrc.connection.Connections.with;
import static dev.plexsrc.connection.Connections.without;
import static dev.plexsrc.testing.Api.NOT_FOUND;
import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.parse;
import static dev.plexsrc.testing.Api.sameJson;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Without {@code view_userplexsourceconnection} a caller sees, edits and deletes
 * only their own user connections; everybody else's answer 404, never 403.
 */
@QuarkusTest
class UserConnectionOwnershipTest {

    private static final int ME = 7;
    private static final int THEM = 8;

    /** User 7 on source "plex". */
    private JsonNode minePlex;
    /** User 7 on source "other". */
    private JsonNode mineOther;
    /** User 8 on source "plex". */
    private JsonNode theirs;

    @BeforeEach
    void fixture() {
        Connections.truncate();
        createSource("plex");
        createSource("other");
        minePlex = createUser("plex", ME, "me-on-plex", "t1");
        mineOther = createUser("other", ME, "me-on-other", "t2");
        theirs = createUser("plex", THEM, "them-on-plex", "t3");
    }

    private static String me() {
        return Tokens.user(ME);
    }

    @Test
    void ownerListsOnlyTheirOwnConnections() {
        JsonNode page = ok(as(me()).get(USERS));
        assertEquals(2, page.get("pagination").get("count").asInt(), page::toString);
        // default order: source slug, then pk
        assertEquals(List.of(pk(mineOther), pk(minePlex)), pks(page));
        assertEquals(mineOther, page.get("results").get(0));
        assertEquals(minePlex, page.get("results").get(1));
    }

    @Test
    void filtersAndSearchCannotRevealOthersConnections() {
        JsonNode byUser = ok(as(me()).queryParam("user", THEM).get(USERS));
        assertEquals(0, byUser.get("pagination").get("count").asInt(), byUser::toString);
        assertEquals(List.of(), pks(byUser));

        JsonNode bySearch = ok(as(me()).queryParam("search", "them-on-plex").get(USERS));
        assertEquals(0, bySearch.get("pagination").get("count").asInt(), bySearch::toString);

        JsonNode bySlug = ok(as(me()).queryParam("source__slug", "plex").get(USERS));
        assertEquals(List.of(pk(minePlex)), pks(bySlug));
        assertEquals(1, bySlug.get("pagination").get("count").asInt(), bySlug::toString);
    }

    @Test
    void ownerMayReadUpdateAndDeleteTheirOwnWithoutAnyPermission() {
        int id = pk(minePlex);
        as(me()).get(user(id)).then().log().ifValidationFails().statusCode(200).body(sameJson(minePlex));
        as(me()).get(userUsedBy(id)).then().log().ifValidationFails().statusCode(200).body(sameJson("[]"));

        JsonNode patched = parse(as(me()).body(body("identifier", "patched-by-me")).patch(user(id))
                .then().log().ifValidationFails().statusCode(200).extract().asString());
        assertEquals(without(with(minePlex, "{\"identifier\":\"patched-by-me\"}"), "last_updated"),
                without(patched, "last_updated"));

        as(me()).body(body("identifier", "put-by-me", "plex_token", "t9")).put(user(id))
                .then().log().ifValidationFails().statusCode(200)
                .body("identifier", equalTo("put-by-me")).body("user", equalTo(ME));
        assertEquals("put-by-me", fetch(user(id)).get("identifier").asText());

        as(me()).delete(user(id)).then().log().ifValidationFails().statusCode(204).body(emptyString());
        asAdmin().get(user(id)).then().statusCode(404).body(sameJson(NOT_FOUND));
    }

    @Test
    void ownerCannotHandTheirConnectionToSomeoneElse() {
        int id = pk(minePlex);
        as(me()).body(body("user", THEM, "identifier", "still-mine")).patch(user(id))
                .then().log().ifValidationFails().statusCode(200).body("user", equalTo(ME));
        as(me()).body(body("user", THEM, "identifier", "still-mine-2", "plex_token", "t")).put(user(id))
                .then().log().ifValidationFails().statusCode(200).body("user", equalTo(ME));
        as(me()).get(user(id)).then().statusCode(200).body("user", equalTo(ME)).body("identifier", equalTo("still-mine-2"));
    }

    @Test
    void othersConnectionsAnswer404ForEveryMethod() {
        assertHidden(me());
    }

    @Test
    void changeAndDeleteWithoutViewStillSeeOnlyTheirOwn() {
        String token = Tokens.user(ME, CHANGE_USER, DELETE_USER, ADD_USER);
        assertHidden(token);
        JsonNode page = ok(as(token).get(USERS));
        assertEquals(List.of(pk(mineOther), pk(minePlex)), pks(page));
    }

    /** Every method on user 8's connection answers 404 to {@code token}, which changes nothing. */
    private void assertHidden(String token) {
        int id = pk(theirs);
        as(token).get(user(id)).then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
        as(token).get(userUsedBy(id)).then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
        as(token).body(body("identifier", "hijacked")).patch(user(id))
                .then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
        as(token).body(body("identifier", "hijacked", "plex_token", "evil")).put(user(id))
                .then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
        as(token).delete(user(id)).then().log().ifValidationFails().statusCode(404).body(sameJson(NOT_FOUND));
        assertEquals(theirs, fetch(user(id)));
        assertEquals("3", Tables.queryString("SELECT count(*) FROM user_plex_source_connection"));
    }

    @Test
    void adminSeesEveryConnection() {
        JsonNode page = ok(asAdmin().get(USERS));
        assertEquals(3, page.get("pagination").get("count").asInt(), page::toString);
        assertEquals(List.of(pk(mineOther), pk(minePlex), pk(theirs)), pks(page));
        asAdmin().get(user(pk(theirs))).then().statusCode(200).body(sameJson(theirs));
    }

    @Test
    void viewPermissionSeesAllButMayNotChangeOthers() {
        String token = Tokens.user(ME, VIEW_USER);
        JsonNode page = ok(as(token).get(USERS));
        assertEquals(3, page.get("pagination").get("count").asInt(), page::toString);
        assertEquals(List.of(pk(mineOther), pk(minePlex), pk(theirs)), pks(page));

        int id = pk(theirs);
        as(token).get(user(id)).then().log().ifValidationFails().statusCode(200).body(sameJson(theirs));
        as(token).get(userUsedBy(id)).then().log().ifValidationFails().statusCode(200).body(sameJson("[]"));
        as(token).body(body("identifier", "hijacked")).patch(user(id))
                .then().log().ifValidationFails().statusCode(403).body(sameJson(FORBIDDEN));
        as(token).body(body("identifier", "hijacked", "plex_token", "evil")).put(user(id))
                .then().log().ifValidationFails().statusCode(403).body(sameJson(FORBIDDEN));
        as(token).delete(user(id)).then().log().ifValidationFails().statusCode(403).body(sameJson(FORBIDDEN));
        assertEquals(theirs, fetch(user(id)));

        // their own connection stays editable
        as(token).body(body("identifier", "mine-still")).patch(user(pk(minePlex)))
                .then().log().ifValidationFails().statusCode(200).body("identifier", equalTo("mine-still"));
    }

    @Test
    void viewWithChangeMayUpdateOthersButNotDelete() {
        String token = Tokens.user(ME, VIEW_USER, CHANGE_USER);
        int id = pk(theirs);
        as(token).body(body("identifier", "changed")).patch(user(id))
                .then().log().ifValidationFails().statusCode(200).body("identifier", equalTo("changed"))
                .body("user", equalTo(THEM));
        as(token).body(body("identifier", "changed-again", "plex_token", "t")).put(user(id))
                .then().log().ifValidationFails().statusCode(200).body("identifier", equalTo("changed-again"))
                .body("user", equalTo(THEM));
        as(token).delete(user(id)).then().log().ifValidationFails().statusCode(403).body(sameJson(FORBIDDEN));
        assertEquals("changed-again", fetch(user(id)).get("identifier").asText());
    }

    @Test
    void viewWithDeleteMayDeleteOthers() {
        String token = Tokens.user(ME, VIEW_USER, DELETE_USER);
        int id = pk(theirs);
        as(token).body(body("identifier", "changed")).patch(user(id))
                .then().log().ifValidationFails().statusCode(403).body(sameJson(FORBIDDEN));
        as(token).delete(user(id)).then().log().ifValidationFails().statusCode(204).body(emptyString());
        asAdmin().get(user(id)).then().statusCode(404).body(sameJson(NOT_FOUND));
    }

    @Test
    void theOtherUserSeesOnlyTheirOne() {
        JsonNode page = ok(as(Tokens.user(THEM)).get(USERS));
        assertEquals(List.of(pk(theirs)), pks(page));
        assertEquals(1, page.get("pagination").get("count").asInt(), page::toString);
        as(Tokens.user(THEM)).get(user(pk(minePlex))).then().statusCode(404).body(sameJson(NOT_FOUND));
        JsonNode nobody = ok(as(Tokens.user(99)).get(USERS));
        assertEquals(0, nobody.get("pagination").get("count").asInt(), nobody::toString);
        assertEquals(List.of(), pks(nobody));
    }
}
