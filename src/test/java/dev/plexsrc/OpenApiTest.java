package dev.plexsrc;

import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.fetchSource;
import static dev.plexsrc.testing.Api.listSourcesOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.plexsrc.testing.Tables;
import io.quarkus.test.junit.QuarkusTest;

/** Responses of the service against the reference (authentik 2024.8) schemas; the document itself is OpenApiDocumentTest's. */
@QuarkusTest
class OpenApiTest {

    private static final SchemaChecker REFERENCE = SchemaChecker.fromClasspath("reference/authentik-plex-openapi-2024.8.json");
    private static final String FLOW = "11111111-1111-4111-8111-111111111111";
    private static final String MAPPING = "22222222-2222-4222-8222-222222222222";

    @BeforeEach
    void clean() {
        Tables.truncate("plex_source");
    }

    // --- responses against the reference schemas ----------------------------------------------

    @Test
    void fullyPopulatedSourceConformsToReferencePlexSource() {
        JsonNode created = createSource("full", "full", "enabled", false, "authentication_flow", FLOW,
                "user_property_mappings", List.of(MAPPING), "group_property_mappings", List.of(MAPPING),
                "policy_engine_mode", "all", "user_matching_mode", "email_deny", "group_matching_mode", "name_link",
                "user_path_template", "plex/%(slug)s", "client_id", "client-full",
                "allowed_servers", List.of("server-1", "server-2"), "allow_friends", false);
        assertConforms(created, "PlexSource");
        assertEquals(FLOW, created.get("authentication_flow").asText());
        assertTrue(created.get("enrollment_flow").isNull(), created::toString);
        assertConforms(fetchSource("full"), "PlexSource");
    }

    @Test
    void minimalSourceConformsToReferencePlexSource() {
        JsonNode created = createSource("minimal", "minimal");
        assertConforms(created, "PlexSource");
        assertTrue(created.get("authentication_flow").isNull(), created::toString);
        assertTrue(created.get("managed").isNull(), created::toString);
        assertConforms(fetchSource("minimal"), "PlexSource");
    }

    @Test
    void listConformsToReferencePaginatedPlexSourceList() {
        createSource("minimal", "minimal");
        createSource("other", "other", "authentication_flow", FLOW, "enrollment_flow", FLOW, "allowed_servers", List.of("s"));
        JsonNode page = listSourcesOk();
        assertEquals(2, page.get("results").size());
        assertConforms(page, "PaginatedPlexSourceList");
    }

    @Test
    void responsePropertiesComeInTheReferenceOrder() {
        JsonNode created = createSource("ordered", "ordered");
        assertEquals(fieldNames(REFERENCE.schema("PlexSource").path("properties")), fieldNames(created));
    }

    /** The checker must be able to fail, or the conformance tests above prove nothing. */
    @Test
    void checkerRejectsNonConformingBodies() {
        JsonNode valid = createSource("valid", "valid");
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

    private static void assertConforms(JsonNode body, String schema) {
        List<String> problems = REFERENCE.check(body, schema);
        assertTrue(problems.isEmpty(), () -> schema + " problems " + problems + " in " + body);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
