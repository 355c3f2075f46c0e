package dev.plexsrc.connection;

import static dev.plexsrc.connection.Connections.ADD_GROUP;
import static dev.plexsrc.connection.Connections.ADD_USER;
import static dev.plexsrc.connection.Connections.CHANGE_GROUP;
import static dev.plexsrc.connection.Connections.CHANGE_USER;
import static dev.plexsrc.connection.Connections.GROUPS;
import static dev.plexsrc.connection.Connections.USERS;
import static dev.plexsrc.connection.Connections.body;
import static dev.plexsrc.connection.Connections.group;
import static dev.plexsrc.connection.Connections.user;
import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.keys;
import static dev.plexsrc.testing.Api.parse;
import static dev.plexsrc.testing.Api.sameJson;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.contract.Authentik2026Profile;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Connections as authentik 2026.8 answers them, and who may point one where. */
@QuarkusTest
@TestProfile(Authentik2026Profile.class)
class Connection2026Test {

    private static final String GROUP = "8f7e6d5c-4b3a-4921-8a7b-6c5d4e3f2a1b";
    private static final String OTHER_GROUP = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final List<String> SOURCE_KEYS = List.of("pk", "name", "slug", "enabled", "promoted",
            "authentication_flow", "enrollment_flow", "user_property_mappings", "group_property_mappings", "component",
            "verbose_name", "verbose_name_plural", "meta_model_name", "policy_engine_mode", "user_matching_mode",
            "managed", "user_path_template", "icon", "icon_url", "icon_themed_urls");

    private String sourcePk;

    @BeforeEach
    void oneSource() {
        Tables.truncate("user_plex_source_connection", "group_plex_source_connection", "plex_source");
        sourcePk = createSource("Plex", "plex", "promoted", true).get("pk").textValue();
    }

    @Test
    void aUserConnectionCreatedWithThe2026BodyBelongsToTheCallerAndCarriesSourceAndSourceObj() {
        JsonNode created = parse(as(Tokens.user(9, ADD_USER))
                .body(body("source", sourcePk, "identifier", "plex-9", "plex_token", "t")).post(USERS)
                .then().statusCode(201).extract().asString());

        assertEquals(List.of("pk", "user", "source", "source_obj", "identifier", "created", "last_updated"), keys(created));
        assertEquals(9, created.get("user").intValue());
        assertEquals(sourcePk, created.get("source").textValue());
        assertEquals(SOURCE_KEYS, keys(created.get("source_obj")));
        assertEquals(sourcePk, created.get("source_obj").get("pk").textValue());
        assertEquals(true, created.get("source_obj").get("promoted").booleanValue());
        assertEquals("/static/authentik/sources/plex.svg", created.get("source_obj").get("icon_url").textValue());

        JsonNode listed = parse(asAdmin().get(USERS).then().statusCode(200).extract().asString());
        assertEquals(created, listed.get("results").get(0));
    }

    @Test
    void onlyACallerHoldingTheAddPermissionNamesAnotherUserOrAGroup() {
        as(Tokens.user(9)).body(body("source", sourcePk, "identifier", "theirs", "plex_token", "t", "user", 12)).post(USERS)
                .then().statusCode(403).body(sameJson(Connections.FORBIDDEN));
        as(Tokens.user(9)).body(body("source", sourcePk, "group", GROUP, "identifier", "friends")).post(GROUPS)
                .then().statusCode(403).body(sameJson(Connections.FORBIDDEN));
        asAdmin().get(USERS).then().statusCode(200).body("pagination.count", equalTo(0));
        asAdmin().get(GROUPS).then().statusCode(200).body("pagination.count", equalTo(0));

        as(Tokens.user(9, ADD_USER)).body(body("source", sourcePk, "identifier", "theirs", "plex_token", "t", "user", 12))
                .post(USERS).then().statusCode(201).body("user", equalTo(12));
    }

    @Test
    void aGroupConnectionCarriesSourceAndSourceObj() {
        JsonNode created = parse(asAdmin().body(body("source", sourcePk, "group", GROUP, "identifier", "friends"))
                .post(GROUPS).then().statusCode(201).extract().asString());

        assertEquals(List.of("pk", "group", "source", "source_obj", "identifier", "created", "last_updated"), keys(created));
        assertEquals(GROUP, created.get("group").textValue());
        assertEquals(sourcePk, created.get("source").textValue());
        assertEquals(SOURCE_KEYS, keys(created.get("source_obj")));
    }

    @Test
    void aGroupConnectionBodyWithoutGroupAnswers400NamingGroupAndCreatesNothing() {
        as(Tokens.user(3, ADD_GROUP)).body(body("source", sourcePk, "identifier", "friends")).post(GROUPS)
                .then().statusCode(400).body(sameJson(Map.of("group", List.of("This field is required."))));
        asAdmin().get(GROUPS).then().statusCode(200).body("pagination.count", equalTo(0));
    }

    @Test
    void noUpdateMovesAUserConnectionToAnotherUserOrSource() {
        String otherSource = createSource("Other", "other").get("pk").textValue();
        int pk = parse(as(Tokens.user(9, ADD_USER)).body(body("source", sourcePk, "identifier", "plex-9", "plex_token", "t"))
                .post(USERS).then().statusCode(201).extract().asString()).get("pk").intValue();

        as(Tokens.user(1, "admin")).body(body("user", 12, "source", otherSource, "identifier", "moved", "plex_token", "u"))
                .put(user(pk)).then().statusCode(200).body("user", equalTo(9)).body("source", equalTo(sourcePk))
                .body("identifier", equalTo("moved"));
        as(Tokens.user(9, CHANGE_USER)).body(body("user", 12, "source", otherSource)).patch(user(pk))
                .then().statusCode(200).body("user", equalTo(9)).body("source", equalTo(sourcePk));
    }

    @Test
    void noUpdateMovesAGroupConnectionToAnotherGroupOrSource() {
        String otherSource = createSource("Other", "other").get("pk").textValue();
        int pk = parse(asAdmin().body(body("source", sourcePk, "group", GROUP, "identifier", "friends")).post(GROUPS)
                .then().statusCode(201).extract().asString()).get("pk").intValue();

        as(Tokens.user(3, CHANGE_GROUP)).body(body("group", OTHER_GROUP, "source", otherSource, "identifier", "renamed"))
                .put(group(pk)).then().statusCode(200).body("group", equalTo(GROUP)).body("source", equalTo(sourcePk))
                .body("identifier", equalTo("renamed"));
    }
}
