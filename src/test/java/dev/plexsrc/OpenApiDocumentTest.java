package dev.plexsrc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.plexsrc.contract.AuthentikVersion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The service's OpenAPI document against authentik 2024.8's: for every operation served and every
 * schema, a structural comparison (path, method, operationId, parameters, bodies, responses,
 * properties in order, types, formats, nullable, readOnly/writeOnly, required, enums,
 * descriptions) that fails on any difference but the deliberate ones listed here.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String SOURCES = "/sources/plex/";
    private static final String USERS = "/sources/user_connections/plex/";
    private static final String GROUPS = "/sources/group_connections/plex/";
    private static final String REDEEM = SOURCES + "redeem_token_authenticated/";

    /** The paths served, as authentik's document spells them (under the server URL {@code /api/v3/}). */
    private static final List<String> SERVED_PATHS = List.of(
            GROUPS, GROUPS + "{id}/", GROUPS + "{id}/used_by/",
            SOURCES, SOURCES + "{slug}/", SOURCES + "{slug}/used_by/", REDEEM,
            USERS, USERS + "{id}/", USERS + "{id}/used_by/");

    /** Paths authentik does not have (deliberate difference 8). */
    private static final List<String> OWN_PATHS = List.of("/changes/plex/");

    @Test
    void differsFromAuthentiksOnlyWhereItMeansTo() {
        JsonNode ours = document();
        JsonNode reference = servedPartOf(reference());
        List<String> differences = new ArrayList<>();
        for (String part : List.of("/openapi", "/servers", "/paths", "/components")) {
            compare(part, reference.at(part), ours.at(part), differences);
        }
        assertEquals(deliberateDifferences(), new TreeSet<>(differences),
                "differences from authentik 2024.8 that are not listed as deliberate (or listed ones that vanished)");
    }

    @Test
    void servesExactlyTheDocumentedOperations() throws IOException {
        assertServesExactlyTheDocumentedOperations();
    }

    static void assertServesExactlyTheDocumentedOperations() throws IOException {
        Set<String> documented = new TreeSet<>();
        JsonNode paths = document().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> items = paths.fields(); items.hasNext();) {
            Map.Entry<String, JsonNode> item = items.next();
            item.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " /api/v3" + item.getKey()));
        }
        Set<String> served = new TreeSet<>(SERVED_PATHS);
        served.addAll(OWN_PATHS);
        assertEquals(served, keys(paths), "documented paths");
        assertEquals(resourceRoutes(), documented, "JAX-RS routes against documented operations");
    }

    @Test
    void isOpenApi303UnderTheApiV3Server() {
        JsonNode document = document();
        assertEquals("3.0.3", document.get("openapi").asText());
        assertEquals("/api/v3/", document.at("/servers/0/url").asText());
        assertTrue(document.at("/components/schemas/PlexSource/properties/authentication_flow/nullable").asBoolean(),
                () -> document.at("/components/schemas/PlexSource").toString());
    }

    @Test
    void swaggerUiLoadsTheDocument() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"))
                .body(containsString("url: '/q/openapi'"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi: 3.0.3"));
    }

    @Test
    void differsFrom2026WhereItShould() {
        OpenApiVersionTraits.assertTraitsOf(AuthentikVersion.V2024_8, document());
    }

    /** The comparison must be able to fail, or the first test proves nothing. */
    @Test
    void comparisonSeesEveryKindOfDifference() {
        JsonNode reference = reference().at("/components/schemas/PlexSource");
        ObjectMapper mapper = new ObjectMapper();
        List<String> edits = List.of(
                "{\"properties\":{\"pk\":{\"type\":\"string\",\"format\":\"uuid\",\"readOnly\":false,\"title\":\"Pbm uuid\"}}}",
                "{\"properties\":{\"icon\":{\"type\":\"string\",\"description\":\"x\",\"readOnly\":true}}}",
                "{\"required\":[\"name\"]}",
                "{\"type\":\"array\"}");
        for (String edit : edits) {
            JsonNode changed = reference.deepCopy();
            try {
                ((ObjectNode) changed).setAll(
                        (ObjectNode) mapper.readTree(edit));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            List<String> differences = new ArrayList<>();
            compare("", reference, changed, differences);
            assertTrue(!differences.isEmpty(), () -> "no difference seen for " + edit);
        }
        JsonNode reordered = reference.deepCopy();
        JsonNode name = ((ObjectNode) reordered.get("properties")).remove("name");
        ((ObjectNode) reordered.get("properties")).set("name", name);
        List<String> differences = new ArrayList<>();
        compare("", reference, reordered, differences);
        assertEquals(List.of("property order /properties"), differences);
    }

    // --- the deliberate differences (docs/api.md, "The OpenAPI document") ------------------------------

    private static Set<String> deliberateDifferences() {
        Set<String> expected = new TreeSet<>();
        // 1. A bad token is 401 with WWW-Authenticate (RFC 6750), where authentik answers 403.
        JsonNode paths = reference().get("paths");
        for (String path : SERVED_PATHS) {
            paths.get(path).fieldNames().forEachRemaining(
                    method -> expected.add("added /paths/" + path + "/" + method + "/responses/401"));
        }
        // 2. The bearer token is a JWT.
        expected.add("added /components/securitySchemes/authentik/bearerFormat");
        expected.add("added /components/securitySchemes/authentik/description");
        // 3. Filters beyond authentik's document: pbm_uuid (promised to clients as a source filter) and source (pk).
        expected.add("added /paths/" + SOURCES + "/get/parameters/query:pbm_uuid");
        expected.add("added /paths/" + USERS + "/get/parameters/query:source");
        expected.add("added /paths/" + GROUPS + "/get/parameters/query:source");
        // 4. Connections show when they last changed.
        for (String schema : List.of("UserPlexSourceConnection", "GroupPlexSourceConnection")) {
            expected.add("added /components/schemas/" + schema + "/properties/last_updated");
            expected.add("added /components/schemas/" + schema + "/required/last_updated");
        }
        // 5. Connection writes name their source (and user, group) in the body.
        expected.add("added /components/schemas/UserPlexSourceConnectionRequest/properties/source");
        expected.add("added /components/schemas/UserPlexSourceConnectionRequest/properties/user");
        expected.add("added /components/schemas/GroupPlexSourceConnectionRequest");
        expected.add("added /components/schemas/PatchedGroupPlexSourceConnectionRequest");
        expected.add("added /paths/" + GROUPS + "/post/requestBody");
        expected.add("added /paths/" + GROUPS + "{id}//put/requestBody");
        expected.add("added /paths/" + GROUPS + "{id}//patch/requestBody");
        // 7. The redeem documents its 404 and 502 answers too.
        expected.add("added /paths/" + REDEEM + "/post/responses/404");
        expected.add("added /paths/" + REDEEM + "/post/responses/502");
        // 8. The change stream.
        OWN_PATHS.forEach(path -> expected.add("added /paths/" + path));
        return expected;
    }

    // --- comparison ---------------------------------------------------------------------------

    /**
     * Records each difference between {@code expected} and {@code actual} as "added", "removed",
     * "changed" or "property order" with its location. Parameters are matched by (in, name) and
     * {@code required} lists as sets, since neither order means anything to a generator.
     */
    static void compare(String at, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected == null || expected.isMissingNode()) {
            differences.add("added " + at);
        } else if (actual == null || actual.isMissingNode()) {
            differences.add("removed " + at);
        } else if (expected.isObject() && actual.isObject()) {
            for (Iterator<String> names = expected.fieldNames(); names.hasNext();) {
                String name = names.next();
                compare(at + "/" + name, expected.get(name), actual.path(name), differences);
            }
            for (Iterator<String> names = actual.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!expected.has(name)) {
                    differences.add("added " + at + "/" + name);
                }
            }
            if (at.endsWith("/properties") && !commonOrder(expected, actual).equals(commonOrder(actual, expected))) {
                differences.add("property order " + at);
            }
        } else if (at.endsWith("/parameters") && expected.isArray() && actual.isArray()) {
            compare(at, byLocationAndName(expected), byLocationAndName(actual), differences);
        } else if (at.endsWith("/required") && expected.isArray() && actual.isArray()) {
            Set<String> wanted = texts(expected);
            Set<String> got = texts(actual);
            got.stream().filter(name -> !wanted.contains(name)).forEach(name -> differences.add("added " + at + "/" + name));
            wanted.stream().filter(name -> !got.contains(name)).forEach(name -> differences.add("removed " + at + "/" + name));
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                compare(at + "/" + i, expected.get(i), actual.get(i), differences);
            }
        } else if (!expected.equals(actual)) {
            differences.add("changed " + at + ": " + expected + " -> " + actual);
        }
    }

    /** The keys of {@code first} that {@code second} also has, in {@code first}'s order. */
    private static List<String> commonOrder(JsonNode first, JsonNode second) {
        List<String> names = new ArrayList<>();
        first.fieldNames().forEachRemaining(name -> {
            if (second.has(name)) {
                names.add(name);
            }
        });
        return names;
    }

    /** A parameter shared through components (authentik 2026.8's pagination) is keyed by its reference. */
    private static JsonNode byLocationAndName(JsonNode parameters) {
        ObjectNode keyed = new ObjectMapper().createObjectNode();
        parameters.forEach(parameter -> keyed.set(parameter.has("$ref") ? parameter.get("$ref").asText()
                : parameter.path("in").asText() + ":" + parameter.path("name").asText(), parameter));
        return keyed;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    // --- documents and routes -----------------------------------------------------------------

    static JsonNode document() {
        Response response = given().queryParam("format", "json").get("/q/openapi");
        assertEquals(200, response.statusCode(), response::asString);
        try {
            return new ObjectMapper().readTree(response.asString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode reference() {
        return reference("2024.8");
    }

    /** authentik's own document of that version, as published (the Plex part of it). */
    static JsonNode reference(String version) {
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader()
                .getResourceAsStream("reference/authentik-plex-openapi-" + version + ".json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * authentik's document cut to the operations plexsrc serves: those paths, the components they
     * reach (schemas; 2026.8 also shares parameters and responses), the security schemes, and
     * {@code ErrorDetail} (the shape of DRF's error messages, named by no operation).
     */
    static JsonNode servedPartOf(JsonNode reference) {
        ObjectNode cut = reference.deepCopy();
        ObjectNode paths = (ObjectNode) cut.get("paths");
        paths.retain(SERVED_PATHS);
        Set<String> reached = new TreeSet<>(List.of("#/components/schemas/ErrorDetail"));
        collectReferences(paths, reference, reached);
        ObjectNode components = (ObjectNode) cut.get("components");
        for (String kind : keys(components)) {
            if (!kind.equals("securitySchemes")) {
                ((ObjectNode) components.get(kind)).retain(keys(components.get(kind)).stream()
                        .filter(name -> reached.contains("#/components/" + kind + "/" + name)).toList());
            }
        }
        return cut;
    }

    private static void collectReferences(JsonNode node, JsonNode reference, Set<String> reached) {
        if (node.has("$ref")) {
            String target = node.get("$ref").asText();
            if (reached.add(target)) {
                collectReferences(reference.at(target.substring(1)), reference, reached);
            }
        }
        node.forEach(child -> collectReferences(child, reference, reached));
    }

    /** "METHOD /path/" for every resource method of the compiled application, read from its annotations. */
    private static Set<String> resourceRoutes() throws IOException {
        Set<String> routes = new TreeSet<>();
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes.resolve("dev/plexsrc"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = load(name);
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                // An interface with @Path is a REST client's view of another service (plextv.PlexTvApi), not a route.
                if (root == null || type.isInterface()) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    for (var annotation : method.getAnnotations()) {
                        HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                        if (http != null) {
                            routes.add(http.value() + " " + root.value() + "/" + (sub == null ? "" : sub.value() + "/"));
                        }
                    }
                }
            }
        }
        return routes;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
