package dev.plexsrc;

import static dev.plexsrc.source.PlexSourceClient.create;
import static dev.plexsrc.source.PlexSourceClient.json;
import static dev.plexsrc.source.PlexSourceClient.listOk;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.plexsrc.source.PlexSourceClient;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The service's own OpenAPI document, and its responses against the reference (authentik 2024.8) schemas. */
@QuarkusTest
class OpenApiTest {

    private static final SchemaChecker REFERENCE = SchemaChecker.fromClasspath("reference/authentik-plex-openapi-2024.8.json");
    private static final String FLOW = "11111111-1111-4111-8111-111111111111";
    private static final String MAPPING = "22222222-2222-4222-8222-222222222222";

    @BeforeEach
    void clean() {
        Tables.truncate("plex_source");
    }

    // --- the service's document -------------------------------------------------------------

    @Test
    void namesTheReferenceSchemas() {
        JsonNode schemas = document().path("components").path("schemas");
        for (String name : List.of("PlexSource", "PlexSourceRequest", "PatchedPlexSourceRequest",
                "PaginatedPlexSourceList", "Pagination", "GenericError", "ValidationError", "UsedBy", "Source",
                "UserPlexSourceConnection", "UserPlexSourceConnectionRequest", "PatchedUserPlexSourceConnectionRequest",
                "PaginatedUserPlexSourceConnectionList", "GroupPlexSourceConnection",
                "GroupPlexSourceConnectionRequest", "PatchedGroupPlexSourceConnectionRequest",
                "PaginatedGroupPlexSourceConnectionList")) {
            assertTrue(schemas.has(name), () -> "components.schemas lacks " + name + "; has " + fieldNames(schemas));
        }
    }

    @Test
    void hasAnHttpBearerSecurityScheme() {
        JsonNode schemes = document().path("components").path("securitySchemes");
        boolean bearer = false;
        for (JsonNode scheme : schemes) {
            bearer |= scheme.path("type").asText().equals("http") && scheme.path("scheme").asText().equalsIgnoreCase("bearer");
        }
        assertTrue(bearer, () -> "no http bearer scheme in " + schemes);
    }

    @Test
    void documentsTheSourcePaths() {
        JsonNode paths = document().path("paths");
        assertOperations(paths, "/api/v3/sources/plex", "get", "post");
        assertOperations(paths, "/api/v3/sources/plex/{slug}", "get", "put", "patch", "delete");
        assertOperations(paths, "/api/v3/sources/plex/{slug}/used_by", "get");
    }

    @Test
    void documentsTheConnectionPaths() {
        JsonNode paths = document().path("paths");
        for (String kind : List.of("user_connections", "group_connections")) {
            assertOperations(paths, "/api/v3/sources/" + kind + "/plex", "get", "post");
            assertOperations(paths, "/api/v3/sources/" + kind + "/plex/{id}", "get", "put", "patch", "delete");
            assertOperations(paths, "/api/v3/sources/" + kind + "/plex/{id}/used_by", "get");
        }
    }

    @Test
    void listOperationDocumentsItsQueryParameters() {
        JsonNode list = path(document().path("paths"), "/api/v3/sources/plex").path("get");
        Set<String> documented = new TreeSet<>();
        list.path("parameters").forEach(parameter -> documented.add(parameter.path("name").asText()));
        Set<String> expected = new TreeSet<>(List.of("page", "page_size", "search", "ordering", "pbm_uuid", "name",
                "slug", "enabled", "authentication_flow", "enrollment_flow", "policy_engine_mode",
                "user_matching_mode", "group_matching_mode", "client_id", "allow_friends"));
        assertTrue(documented.containsAll(expected), () -> "documented " + documented + ", expected " + expected);
    }

    @Test
    void ownPlexSourceSchemaHasTheReferenceProperties() {
        JsonNode own = document().path("components").path("schemas").path("PlexSource");
        assertEquals(new TreeSet<>(fieldNames(REFERENCE.schema("PlexSource").path("properties"))),
                new TreeSet<>(fieldNames(own.path("properties"))));
    }

    // --- responses against the reference schemas ----------------------------------------------

    @Test
    void fullyPopulatedSourceConformsToReferencePlexSource() {
        JsonNode created = create("full", "full", "enabled", false, "authentication_flow", FLOW,
                "user_property_mappings", List.of(MAPPING), "group_property_mappings", List.of(MAPPING),
                "policy_engine_mode", "all", "user_matching_mode", "email_deny", "group_matching_mode", "name_link",
                "user_path_template", "plex/%(slug)s", "client_id", "client-full",
                "allowed_servers", List.of("server-1", "server-2"), "allow_friends", false);
        assertConforms(created, "PlexSource");
        assertEquals(FLOW, created.get("authentication_flow").asText());
        assertTrue(created.get("enrollment_flow").isNull(), created::toString);
        assertConforms(retrieve("full"), "PlexSource");
    }

    @Test
    void minimalSourceConformsToReferencePlexSource() {
        JsonNode created = create("minimal", "minimal");
        assertConforms(created, "PlexSource");
        assertTrue(created.get("authentication_flow").isNull(), created::toString);
        assertTrue(created.get("managed").isNull(), created::toString);
        assertConforms(retrieve("minimal"), "PlexSource");
    }

    @Test
    void listConformsToReferencePaginatedPlexSourceList() {
        create("minimal", "minimal");
        create("other", "other", "authentication_flow", FLOW, "enrollment_flow", FLOW, "allowed_servers", List.of("s"));
        JsonNode page = listOk();
        assertEquals(2, page.get("results").size());
        assertConforms(page, "PaginatedPlexSourceList");
    }

    @Test
    void responsePropertiesComeInTheReferenceOrder() {
        JsonNode created = create("ordered", "ordered");
        assertEquals(fieldNames(REFERENCE.schema("PlexSource").path("properties")), fieldNames(created));
    }

    /** The checker must be able to fail, or the conformance tests above prove nothing. */
    @Test
    void checkerRejectsNonConformingBodies() {
        JsonNode valid = create("valid", "valid");
        assertConforms(valid, "PlexSource");
        List<Consumer<ObjectNode>> breakages = List.of(
                body -> body.remove("pk"),
                body -> body.remove("plex_token"),
                body -> body.put("pk", "not-a-uuid"),
                body -> body.put("enabled", "yes"),
                body -> body.put("authentication_flow", "x"),
                body -> body.put("policy_engine_mode", "bogus"),
                body -> body.put("group_matching_mode", "email_link"),
                body -> body.putNull("user_matching_mode"),
                body -> body.putNull("name"),
                body -> body.put("allowed_servers", "server"),
                body -> body.putArray("user_property_mappings").add(1),
                body -> body.put("slug", "not a slug"),
                body -> body.put("unexpected", 1));
        for (Consumer<ObjectNode> breakage : breakages) {
            ObjectNode broken = valid.deepCopy();
            breakage.accept(broken);
            assertFalse(REFERENCE.check(broken, "PlexSource").isEmpty(), () -> "checker accepted " + broken);
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    private static JsonNode document() {
        Response response = given().queryParam("format", "json").get("/q/openapi");
        assertEquals(200, response.statusCode(), response::asString);
        return json(response);
    }

    private static JsonNode retrieve(String slug) {
        Response response = given().auth().oauth2(Tokens.admin()).get(PlexSourceClient.PATH + slug + "/");
        assertEquals(200, response.statusCode(), response::asString);
        return json(response);
    }

    private static void assertConforms(JsonNode body, String schema) {
        List<String> problems = REFERENCE.check(body, schema);
        assertTrue(problems.isEmpty(), () -> schema + " problems " + problems + " in " + body);
    }

    /** The path item with or without its trailing slash. */
    private static JsonNode path(JsonNode paths, String path) {
        JsonNode item = paths.has(path) ? paths.get(path) : paths.path(path + "/");
        assertFalse(item.isMissingNode(), () -> "paths lack " + path + "; have " + fieldNames(paths));
        return item;
    }

    private static void assertOperations(JsonNode paths, String path, String... methods) {
        JsonNode item = path(paths, path);
        for (String method : methods) {
            assertTrue(item.has(method), () -> path + " lacks " + method + "; has " + fieldNames(item));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
