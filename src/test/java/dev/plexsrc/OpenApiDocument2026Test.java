package dev.plexsrc;

import static dev.plexsrc.OpenApiDocumentTest.compare;
import static dev.plexsrc.OpenApiDocumentTest.document;
import static dev.plexsrc.OpenApiDocumentTest.reference;
import static dev.plexsrc.OpenApiDocumentTest.servedPartOf;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.plexsrc.contract.Authentik2026Profile;
import dev.plexsrc.contract.AuthentikVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The document served in 2026.8 mode against authentik 2026.8's, compared as OpenApiDocumentTest
 * compares 2024.8 mode's: any difference but the deliberate ones listed here fails.
 */
@QuarkusTest
@TestProfile(Authentik2026Profile.class)
class OpenApiDocument2026Test {

    private static final String SOURCES = "/sources/plex/";
    private static final String USERS = "/sources/user_connections/plex/";
    private static final String GROUPS = "/sources/group_connections/plex/";
    private static final String REDEEM = SOURCES + "redeem_token_authenticated/";
    private static final String SCHEMAS = "/components/schemas/";

    @Test
    void differsFromAuthentiksOnlyWhereItMeansTo() {
        JsonNode ours = document();
        JsonNode reference = servedPartOf(reference("2026.8"));
        List<String> differences = new ArrayList<>();
        for (String part : List.of("/openapi", "/servers", "/paths", "/components")) {
            compare(part, reference.at(part), ours.at(part), differences);
        }
        assertEquals(deliberateDifferences(), new TreeSet<>(differences),
                "differences from authentik 2026.8 that are not listed as deliberate (or listed ones that vanished)");
    }

    @Test
    void servesExactlyTheDocumentedOperations() throws IOException {
        OpenApiDocumentTest.assertServesExactlyTheDocumentedOperations();
    }

    @Test
    void differsFrom2024WhereItShould() {
        OpenApiVersionTraits.assertTraitsOf(AuthentikVersion.V2026_8, document());
    }

    /** The document of 2026.8 mode in both formats: YAML by default, JSON when asked, the same content. */
    @Test
    void servesTheSameDocumentInBothFormats() throws IOException {
        Response yaml = given().get("/q/openapi");
        Response json = given().queryParam("format", "json").get("/q/openapi");
        Response accepted = given().accept("application/json").get("/q/openapi");
        assertEquals("application/yaml;charset=UTF-8", yaml.contentType());
        assertEquals("application/json;charset=UTF-8", json.contentType());
        assertEquals("application/json;charset=UTF-8", accepted.contentType());
        JsonNode fromJson = new ObjectMapper().readTree(json.asString());
        assertEquals("3.0.3", fromJson.get("openapi").asText());
        assertEquals("/api/v3/", fromJson.at("/servers/0/url").asText());
        assertEquals(fromJson, new YAMLMapper().readTree(yaml.asString()));
        assertEquals(fromJson, new ObjectMapper().readTree(accepted.asString()));
    }

    /** Byte for byte as Quarkus' OpenAPI extension served it in 2026.8 mode (OpenApiServing). */
    @Test
    void servesTheDocumentAsBefore() {
        OpenApiServing.assertServedAsBefore(AuthentikVersion.V2026_8);
        OpenApiServing.assertHeadAsBefore();
        OpenApiServing.assertOtherMethodsAsBefore(AuthentikVersion.V2026_8);
    }

    // --- the deliberate differences of 2026.8 mode (docs/api.md, "The OpenAPI document") ---------------

    private static Set<String> deliberateDifferences() {
        Set<String> expected = new TreeSet<>();
        // 1. A bad token is 401 with WWW-Authenticate (RFC 6750), where authentik answers 403.
        JsonNode paths = servedPartOf(reference("2026.8")).get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> expected.add("added /paths/" + path.getKey() + "/" + method + "/responses/401")));
        // 2. The bearer token is a JWT.
        expected.add("added /components/securitySchemes/authentik/bearerFormat");
        expected.add("added /components/securitySchemes/authentik/description");
        // 3. Connections can be filtered by their source's pk as well as by its slug.
        expected.add("added /paths/" + USERS + "/get/parameters/query:source");
        expected.add("added /paths/" + GROUPS + "/get/parameters/query:source");
        // 4. A user connection's source is its pk or its slug, and its user may be another than the caller.
        String userRequest = SCHEMAS + "UserPlexSourceConnectionRequest/properties/";
        expected.add("removed " + userRequest + "source/format");
        expected.add("added " + userRequest + "source/minLength");
        expected.add("added " + userRequest + "source/description");
        expected.add("added " + userRequest + "user");
        // 5. A group connection is created for the group its body names.
        expected.add("added " + SCHEMAS + "GroupPlexSourceConnectionRequest/properties/group");
        expected.add("added " + SCHEMAS + "GroupPlexSourceConnectionRequest/required/group");
        // 6. Slugs take up to 255 characters, where authentik 2026.8 documents no limit.
        for (String schema : List.of("PlexSourceRequest", "PatchedPlexSourceRequest", "PlexSource", "Source")) {
            expected.add("added " + SCHEMAS + schema + "/properties/slug/maxLength");
        }
        // 7. The redeem documents its 404 and 502 answers too.
        expected.add("added /paths/" + REDEEM + "/post/responses/404");
        expected.add("added /paths/" + REDEEM + "/post/responses/502");
        // 8. The change stream.
        expected.add("added /paths//changes/plex/");
        return expected;
    }
}
