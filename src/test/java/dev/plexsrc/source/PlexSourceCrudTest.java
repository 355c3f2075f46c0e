package dev.plexsrc.source;

import static dev.plexsrc.testing.Api.NOT_FOUND;
import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.fetchSource;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.keys;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.parse;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.source;
import static dev.plexsrc.testing.Api.usedBy;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.plexsrc.testing.Tables;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PlexSourceCrudTest {

    /** The keys of a source, in the order authentik answers them. */
    private static final List<String> KEY_ORDER = List.of("pk", "name", "slug", "enabled", "authentication_flow",
            "enrollment_flow", "user_property_mappings", "group_property_mappings", "component", "verbose_name",
            "verbose_name_plural", "meta_model_name", "policy_engine_mode", "user_matching_mode", "managed",
            "user_path_template", "icon", "group_matching_mode", "client_id", "allowed_servers", "allow_friends",
            "plex_token");
    private static final String UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    private static final String FLOW = "0b6f8b44-6c3a-4b5e-9f1c-2d7e8a9b0c1d";

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    @Test
    void createReturns201WithEveryDefault() {
        String body = asAdmin().body(minimalSource("Plex", "plex", "owner-token")).post(SOURCES)
                .then().log().ifValidationFails().statusCode(201).extract().asString();
        JsonNode created = parse(body);

        assertTrue(created.get("pk").asText().matches(UUID_PATTERN), "pk is a lowercase uuid: " + created.get("pk"));
        assertEquals("Plex", created.get("name").asText());
        assertEquals("plex", created.get("slug").asText());
        assertEquals(parse(json("""
                {'enabled': true, 'authentication_flow': null, 'enrollment_flow': null,
                 'user_property_mappings': [], 'group_property_mappings': [],
                 'component': 'ak-source-plex-form', 'verbose_name': 'Plex Source',
                 'verbose_name_plural': 'Plex Sources', 'meta_model_name': 'authentik_sources_plex.plexsource',
                 'policy_engine_mode': 'any', 'user_matching_mode': 'identifier', 'managed': null,
                 'user_path_template': 'goauthentik.io/sources/%(slug)s',
                 'icon': '/static/authentik/sources/plex.svg', 'group_matching_mode': 'identifier',
                 'allowed_servers': [], 'allow_friends': true, 'plex_token': 'owner-token'}
                """)), without(created, "pk", "name", "slug", "client_id"));
        assertTrue(created.get("client_id").isTextual() && created.get("client_id").asText().matches("^[A-Za-z0-9]{40}$"),
                "client_id is 40 alphanumerics: " + created.get("client_id"));
    }

    /** In 2024.8 mode the fields authentik 2026.8 added are neither taken from a body nor answered. */
    @Test
    void fieldsOf2026AreNeitherTakenNorAnswered() {
        JsonNode created = createSource("Plex", "plex", "promoted", true, "icon", "https://cdn.example.com/plex.png");

        assertEquals(KEY_ORDER, keys(created));
        assertEquals("/static/authentik/sources/plex.svg", created.get("icon").textValue());
        assertEquals("false|", Tables.queryString("SELECT promoted || '|' || icon FROM plex_source WHERE slug = 'plex'"));
    }

    @Test
    void clientIdDiffersBetweenSources() {
        String first = createSource("first").get("client_id").asText();
        String second = createSource("second").get("client_id").asText();
        assertNotEquals(first, second);
    }

    @Test
    void responseKeysComeInSpecOrder() {
        assertEquals(KEY_ORDER, keys(createSource("ordered")));
        assertEquals(KEY_ORDER, keys(fetchSource("ordered")));
    }

    @Test
    void retrieveReturnsTheCreatedSource() {
        JsonNode created = createSource("kept");
        asAdmin().get(source("kept")).then().log().ifValidationFails()
                .statusCode(200).body(sameJson(created.toString()));
    }

    @Test
    void unknownSlugIsNotFoundForEveryMethod() {
        asAdmin().get(source("missing")).then().statusCode(404).body(sameJson(NOT_FOUND));
        asAdmin().body(minimalSource("Missing", "missing", "t")).put(source("missing"))
                .then().statusCode(404).body(sameJson(NOT_FOUND));
        asAdmin().body("{\"name\":\"Missing\"}").patch(source("missing"))
                .then().statusCode(404).body(sameJson(NOT_FOUND));
        asAdmin().delete(source("missing")).then().statusCode(404).body(sameJson(NOT_FOUND));
        asAdmin().get(usedBy("missing")).then().statusCode(404).body(sameJson(NOT_FOUND));
    }

    @Test
    void patchChangesOnlyThePresentFields() {
        JsonNode before = createSource("patched");
        String body = asAdmin().body(json("{'name':'Renamed','allow_friends':false,'allowed_servers':['srv-1','srv-2']}"))
                .patch(source("patched"))
                .then().log().ifValidationFails().statusCode(200).extract().asString();

        JsonNode expected = with(before, json("{'name':'Renamed','allow_friends':false,'allowed_servers':['srv-1','srv-2']}"));
        assertEquals(expected, parse(body));
        assertEquals(expected, fetchSource("patched"));
    }

    @Test
    void emptyPatchIsValidAndChangesNothing() {
        JsonNode before = createSource("untouched");
        asAdmin().body("{}").patch(source("untouched"))
                .then().log().ifValidationFails().statusCode(200).body(sameJson(before.toString()));
        assertEquals(before, fetchSource("untouched"));
    }

    @Test
    void putReplacesGivenFieldsAndLeavesAbsentOnesUnchanged() {
        asAdmin().body(json("{'name':'Old','slug':'old','plex_token':'t1','policy_engine_mode':'all',"
                + "'allowed_servers':['a'],'user_path_template':'custom/%(slug)s'}"))
                .post(SOURCES).then().statusCode(201);
        JsonNode before = fetchSource("old");

        String body = asAdmin().body(json("{'name':'New','slug':'new','plex_token':'t2','enabled':false,"
                + "'user_matching_mode':'email_link','group_matching_mode':'name_deny'}"))
                .put(source("old"))
                .then().log().ifValidationFails().statusCode(200).extract().asString();

        JsonNode expected = with(before, json("{'name':'New','slug':'new','plex_token':'t2','enabled':false,"
                + "'user_matching_mode':'email_link','group_matching_mode':'name_deny'}"));
        assertEquals(expected, parse(body));
        assertEquals(expected, fetchSource("new"));
        asAdmin().get(source("old")).then().statusCode(404).body(sameJson(NOT_FOUND));
    }

    @Test
    void readOnlyFieldsAndUnknownKeysAreIgnored() {
        JsonNode before = createSource("guarded");
        String ignored = "'pk':'11111111-2222-3333-4444-555555555555','component':'x','verbose_name':'x',"
                + "'verbose_name_plural':'x','meta_model_name':'x','managed':'goauthentik.io/x',"
                + "'icon':'/evil.svg','no_such_field':42";

        asAdmin().body(json("{" + ignored + "}")).patch(source("guarded"))
                .then().log().ifValidationFails().statusCode(200).body(sameJson(before.toString()));
        asAdmin().body(json("{'name':'Guarded','slug':'guarded','plex_token':'token-guarded'," + ignored + "}"))
                .put(source("guarded"))
                .then().log().ifValidationFails().statusCode(200)
                .body(sameJson(with(before, json("{'name':'Guarded'}")).toString()));

        asAdmin().body(json("{'name':'Fresh','slug':'fresh','plex_token':'t'," + ignored + "}")).post(SOURCES)
                .then().log().ifValidationFails().statusCode(201)
                .body("pk", not(equalTo("11111111-2222-3333-4444-555555555555")))
                .body("component", equalTo("ak-source-plex-form"))
                .body("managed", nullValue())
                .body("icon", equalTo("/static/authentik/sources/plex.svg"));
    }

    @Test
    void authenticationFlowCanBeSetAndCleared() {
        createSource("flowed");
        asAdmin().body(json("{'authentication_flow':'" + FLOW + "','enrollment_flow':'" + FLOW + "'}"))
                .patch(source("flowed"))
                .then().log().ifValidationFails().statusCode(200)
                .body("authentication_flow", equalTo(FLOW)).body("enrollment_flow", equalTo(FLOW));
        assertEquals(FLOW, fetchSource("flowed").get("authentication_flow").asText());

        asAdmin().body("{\"authentication_flow\":null}").patch(source("flowed"))
                .then().log().ifValidationFails().statusCode(200)
                .body("authentication_flow", nullValue()).body("enrollment_flow", equalTo(FLOW));
        assertTrue(fetchSource("flowed").get("authentication_flow").isNull());
    }

    @Test
    void putRequiresNameSlugAndPlexToken() {
        JsonNode before = createSource("strict");
        asAdmin().body("{\"enabled\":false}").put(source("strict"))
                .then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'name':['This field is required.'],'slug':['This field is required.'],"
                        + "'plex_token':['This field is required.']}")));
        assertEquals(before, fetchSource("strict"));
    }

    @Test
    void deleteAnswers204ThenTheSourceIsGone() {
        createSource("doomed");
        asAdmin().delete(source("doomed")).then().statusCode(204).body(emptyString());
        asAdmin().get(source("doomed")).then().statusCode(404).body(sameJson(NOT_FOUND));
        asAdmin().delete(source("doomed")).then().statusCode(404).body(sameJson(NOT_FOUND));
        assertEquals("0", Tables.queryString("SELECT count(*) FROM plex_source"));
    }

    @Test
    void usedByOfAnUnusedSourceIsAnEmptyArray() {
        createSource("lonely");
        asAdmin().get(usedBy("lonely")).then().log().ifValidationFails().statusCode(200).body(sameJson("[]"));
    }

    @Test
    void pathsWorkWithoutTrailingSlash() {
        asAdmin().body(minimalSource("Bare", "bare", "t")).post("/api/v3/sources/plex")
                .then().log().ifValidationFails().statusCode(201).body("slug", equalTo("bare"));
        asAdmin().get("/api/v3/sources/plex").then().log().ifValidationFails()
                .statusCode(200).body("pagination.count", equalTo(1)).body("results[0].slug", equalTo("bare"));
        asAdmin().get("/api/v3/sources/plex/bare").then().statusCode(200).body("slug", equalTo("bare"));
        asAdmin().body("{\"name\":\"Bare 2\"}").patch("/api/v3/sources/plex/bare")
                .then().statusCode(200).body("name", equalTo("Bare 2"));
        asAdmin().body(minimalSource("Bare 3", "bare", "t")).put("/api/v3/sources/plex/bare")
                .then().statusCode(200).body("name", equalTo("Bare 3"));
        asAdmin().get("/api/v3/sources/plex/bare/used_by").then().statusCode(200).body(sameJson("[]"));
        asAdmin().delete("/api/v3/sources/plex/bare").then().statusCode(204);
        asAdmin().get("/api/v3/sources/plex/bare").then().statusCode(404).body(sameJson(NOT_FOUND));
    }

    @Test
    void plexTokenIsStoredEncryptedButReturnedPlainToAdmin() {
        String token = "PLAIN-owner-token-4242";
        asAdmin().body(minimalSource("Secret", "secret", token)).post(SOURCES)
                .then().statusCode(201).body("plex_token", equalTo(token));

        String stored = Tables.queryString("SELECT plex_token FROM plex_source WHERE slug = 'secret'");
        assertNotNull(stored);
        assertFalse(stored.contains(token), "stored column holds the plain token: " + stored);
        assertFalse(stored.contains("owner-token"), "stored column holds part of the plain token: " + stored);
        assertTrue(stored.startsWith("v2:default:"), "under the one configured key, named by its id: " + stored);

        asAdmin().get(source("secret")).then().statusCode(200).body("plex_token", equalTo(token));
        asAdmin().get(SOURCES).then().statusCode(200).body("results[0].plex_token", equalTo(token));

        String changed = "PLAIN-changed-token-777";
        asAdmin().body("{\"plex_token\":\"" + changed + "\"}").patch(source("secret"))
                .then().statusCode(200).body("plex_token", equalTo(changed));
        String restored = Tables.queryString("SELECT plex_token FROM plex_source WHERE slug = 'secret'");
        assertFalse(restored.contains(changed), "stored column holds the plain token after PATCH: " + restored);
        asAdmin().get(source("secret")).then().statusCode(200).body("plex_token", equalTo(changed));
    }

    /** A copy of {@code object} without the named keys. */
    private static JsonNode without(JsonNode object, String... names) {
        ObjectNode copy = object.deepCopy();
        copy.remove(List.of(names));
        return copy;
    }

    /** A copy of {@code object} with the fields of {@code changesJson} set, keeping key order. */
    private static JsonNode with(JsonNode object, String changesJson) {
        ObjectNode copy = object.deepCopy();
        parse(changesJson).fields().forEachRemaining(field -> copy.set(field.getKey(), field.getValue()));
        return copy;
    }
}
