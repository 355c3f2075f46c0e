package dev.plexsrc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import dev.plexsrc.contract.AuthentikVersion;
import io.restassured.response.Response;

/**
 * How /q/openapi answers, request shape by request shape, as Quarkus' OpenAPI extension answered
 * it: the documents are compared byte for byte with the ones it served
 * ({@code openapi-served/<version>.yaml} and {@code .json}, written by it). After a deliberate
 * change to a document, write the served one over its file and review the difference.
 */
final class OpenApiServing {

    static final String YAML = "application/yaml;charset=UTF-8";
    static final String JSON = "application/json;charset=UTF-8";

    private OpenApiServing() {
    }

    /** Every request shape a client may send, and the document and content type it gets. */
    static void assertServedAsBefore(AuthentikVersion version) {
        byte[] yaml = fixture(version, "yaml");
        byte[] json = fixture(version, "json");
        // YAML unless JSON is asked for, by the query, the Accept header (anywhere in it) or the path.
        assertServes(yaml, YAML, "/q/openapi", () -> given().get("/q/openapi"));
        assertServes(yaml, YAML, "/q/openapi/", () -> given().get("/q/openapi/"));
        assertServes(yaml, YAML, "?format=yaml", () -> given().queryParam("format", "yaml").get("/q/openapi"));
        assertServes(yaml, YAML, "?format=xml", () -> given().queryParam("format", "xml").get("/q/openapi"));
        assertServes(yaml, YAML, "Accept: application/yaml", () -> given().accept("application/yaml").get("/q/openapi"));
        assertServes(yaml, YAML, "/q/openapi.yaml", () -> given().get("/q/openapi.yaml"));
        assertServes(yaml, YAML, "/q/openapi.yml", () -> given().get("/q/openapi.yml"));
        assertServes(yaml, YAML, "/q/openapi.yaml?format=json",
                () -> given().queryParam("format", "json").get("/q/openapi.yaml"));
        assertServes(json, JSON, "?format=json", () -> given().queryParam("format", "json").get("/q/openapi"));
        assertServes(json, JSON, "?format=JSON", () -> given().queryParam("format", "JSON").get("/q/openapi"));
        assertServes(json, JSON, "Accept: application/json", () -> given().accept("application/json").get("/q/openapi"));
        assertServes(json, JSON, "Accept: text/html, application/json;q=0.1",
                () -> given().accept("text/html, application/json;q=0.1").get("/q/openapi"));
        assertServes(json, JSON, "?format=json, Accept: application/yaml",
                () -> given().accept("application/yaml").queryParam("format", "json").get("/q/openapi"));
        assertServes(json, JSON, "/q/openapi.json, Accept: application/yaml",
                () -> given().accept("application/yaml").get("/q/openapi.json"));
        // No token needed, and a bad one changes nothing.
        assertServes(yaml, YAML, "a bad token",
                () -> given().header("Authorization", "Bearer nonsense").get("/q/openapi"));
    }

    /** HEAD: the head of the YAML answer, without a body (nor a length, as Vert.x answers a HEAD). */
    static void assertHeadAsBefore() {
        Response head = given().head("/q/openapi");
        assertEquals(200, head.statusCode());
        assertEquals(YAML, head.contentType());
        assertNull(head.header("Content-Length"));
        assertNotNull(head.header("X-Request-Id"));
        assertEquals(0, head.asByteArray().length);
    }

    /**
     * OPTIONS lists the methods and goes on to the routes after it, where nothing answers /q/openapi
     * (404 in authentik's shape); any other method gets the document, as from Quarkus' extension.
     */
    static void assertOtherMethodsAsBefore(AuthentikVersion version) {
        Response options = given().options("/q/openapi");
        assertEquals(404, options.statusCode());
        assertEquals("GET, HEAD, OPTIONS", options.header("Allow"));
        assertEquals("{\"detail\":\"Not found.\"}", options.asString());
        Response post = given().body("{}").contentType("application/json").post("/q/openapi");
        assertEquals(200, post.statusCode());
        assertEquals(YAML, post.contentType());
        assertArrayEquals(fixture(version, "yaml"), post.asByteArray());
    }

    private static void assertServes(byte[] document, String contentType, String shown, Supplier<Response> request) {
        Response response = request.get();
        assertEquals(200, response.statusCode(), shown);
        assertEquals(contentType, response.contentType(), shown);
        assertEquals(Integer.toString(document.length), response.header("Content-Length"), shown);
        assertNotNull(response.header("X-Request-Id"), shown);
        assertArrayEquals(document, response.asByteArray(), shown);
    }

    /** The document as Quarkus' OpenAPI extension served it. */
    static byte[] fixture(AuthentikVersion version, String format) {
        String name = "openapi-served/" + version.label() + "." + format;
        try (InputStream in = OpenApiServing.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
