package dev.plexsrc.source;

import static dev.plexsrc.testing.Api.NOT_FOUND;
import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.keys;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.parse;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.source;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.contract.Authentik2026Profile;
import dev.plexsrc.testing.EventStream;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** Plex sources as authentik 2026.8 answers them, and as its terraform provider drives them. */
@QuarkusTest
@TestProfile(Authentik2026Profile.class)
class PlexSource2026Test {

    private static final String VIEWER = "authentik_sources_plex.view_plexsource";
    private static final String FLOW = "0b6f8b44-6c3a-4b5e-9f1c-2d7e8a9b0c1d";

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    @Test
    void aSourceHasEveryKeyOf2026InItsOrderAndTheNewDefaults() {
        JsonNode created = parse(asAdmin().body(minimalSource("Plex", "plex", "owner-token")).post(SOURCES)
                .then().statusCode(201).extract().asString());

        assertEquals(List.of("pk", "name", "slug", "enabled", "promoted", "authentication_flow", "enrollment_flow",
                "user_property_mappings", "group_property_mappings", "component", "verbose_name", "verbose_name_plural",
                "meta_model_name", "policy_engine_mode", "user_matching_mode", "managed", "user_path_template", "icon",
                "icon_url", "icon_themed_urls", "group_matching_mode", "client_id", "allowed_servers", "allow_friends",
                "plex_token"), keys(created));
        assertEquals(false, created.get("promoted").booleanValue());
        assertEquals("", created.get("icon").textValue());
        assertEquals("/static/authentik/sources/plex.svg", created.get("icon_url").textValue());
        assertEquals(true, created.get("icon_themed_urls").isNull());
        assertEquals("owner-token", created.get("plex_token").textValue());
    }

    @Test
    void anIconSetIsAnsweredAsSetAndIsTheIconUrl() {
        createSource("Plex", "plex", "icon", "https://cdn.example.com/plex.png");
        asAdmin().get(source("plex")).then().statusCode(200)
                .body("icon", equalTo("https://cdn.example.com/plex.png"))
                .body("icon_url", equalTo("https://cdn.example.com/plex.png"));
    }

    /** The terraform provider's authentik_source_plex: create, read, rename, delete. */
    @Test
    void theTerraformProvidersRoundTrip() {
        String body = json("""
                {'name': 'Plex', 'slug': 'plex', 'enabled': true, 'promoted': true,
                 'authentication_flow': null, 'enrollment_flow': null,
                 'user_property_mappings': [], 'group_property_mappings': [],
                 'policy_engine_mode': 'any', 'user_matching_mode': 'identifier',
                 'user_path_template': 'goauthentik.io/sources/%(slug)s', 'icon': '',
                 'group_matching_mode': 'identifier', 'client_id': 'terraform-client',
                 'allowed_servers': [], 'allow_friends': true, 'plex_token': 'tf-token'}
                """);
        JsonNode created = parse(asAdmin().body(body).post(SOURCES).then().statusCode(201).extract().asString());

        JsonNode read = parse(asAdmin().get(source("plex")).then().statusCode(200).extract().asString());
        parse(body).fields().forEachRemaining(field -> assertEquals(field.getValue(), read.get(field.getKey()),
                "read back: " + field.getKey()));
        assertEquals(created.get("pk"), read.get("pk"));

        String renamed = body.replace("\"slug\": \"plex\"", "\"slug\": \"plex-renamed\"");
        asAdmin().body(renamed).put(source("plex")).then().statusCode(200).body("slug", equalTo("plex-renamed"))
                .body("promoted", equalTo(true)).body("pk", equalTo(created.get("pk").textValue()));

        asAdmin().delete(source("plex-renamed")).then().statusCode(204);
        asAdmin().delete(source("plex-renamed")).then().statusCode(404).body(sameJson(NOT_FOUND));
        asAdmin().get(source("plex-renamed")).then().statusCode(404).body(sameJson(NOT_FOUND));
    }

    @Test
    void aViewerGetsThePlexTokenKeyButNeverTheToken() {
        createSource("Plex", "plex", "plex_token", "secret-owner-token");
        String viewer = Tokens.user(5, VIEWER);

        as(viewer).get(source("plex")).then().statusCode(200).body("plex_token", equalTo(""));
        as(viewer).get(SOURCES).then().statusCode(200).body("results[0].plex_token", equalTo(""));
        asAdmin().get(source("plex")).then().statusCode(200).body("plex_token", equalTo("secret-owner-token"));
    }

    @Test
    void everyListCarriesAnEmptyAutocomplete() {
        createSource("plex");
        for (String list : List.of(SOURCES, "/api/v3/sources/user_connections/plex/",
                "/api/v3/sources/group_connections/plex/")) {
            JsonNode page = parse(asAdmin().get(list).then().statusCode(200).extract().asString());
            assertEquals(List.of("pagination", "results", "autocomplete"), keys(page), list);
            assertEquals(parse("{}"), page.get("autocomplete"), list);
        }
    }

    @Test
    void theChangeStreamShowsASourceAsA2026RetrieveDoes() {
        URI changes = URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v3/changes/plex/");
        try (EventStream viewer = EventStream.open(changes, Tokens.user(5, VIEWER), null).awaitOpen()) {
            String pk = createSource("Plex", "plex", "promoted", true).get("pk").textValue();

            JsonNode object = viewer.next().json().get("object");
            assertEquals(pk, object.get("pk").textValue());
            assertEquals(true, object.get("promoted").booleanValue());
            assertEquals("/static/authentik/sources/plex.svg", object.get("icon_url").textValue());
            assertEquals("", object.get("plex_token").textValue());
        }
    }

    @Test
    void slugsMayHave255Characters() {
        asAdmin().body(minimalSource("Long", "s".repeat(255), "t")).post(SOURCES).then().statusCode(201);
        asAdmin().body(minimalSource("Longer", "s".repeat(256), "t")).post(SOURCES).then().statusCode(400)
                .body(sameJson(Map.of("slug", List.of("Ensure this field has no more than 255 characters."))));
        asAdmin().get(SOURCES).then().body("pagination.count", equalTo(1));
    }

    @Test
    void theNewFieldsAreValidatedAndABadOneChangesNothing() {
        createSource("Plex", "plex", "promoted", true, "icon", "/static/custom.svg", "name", "Kept");

        asAdmin().body(json("{'promoted': 'sometimes'}")).patch(source("plex")).then().statusCode(400)
                .body(sameJson(Map.of("promoted", List.of("Must be a valid boolean."))));
        asAdmin().body(json("{'icon': null, 'name': 'Changed'}")).patch(source("plex")).then().statusCode(400)
                .body(sameJson(Map.of("icon", List.of("This field may not be null."))));
        asAdmin().get(source("plex")).then().statusCode(200).body("promoted", equalTo(true))
                .body("icon", equalTo("/static/custom.svg")).body("name", equalTo("Kept"));

        asAdmin().body(json("{'promoted': false}")).patch(source("plex")).then().statusCode(200)
                .body("promoted", equalTo(false)).body("icon", equalTo("/static/custom.svg"));
    }
}
