package dev.plexsrc.source;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.plexsrc.testing.Tokens;
import io.restassured.response.Response;

/** Black-box helpers for the Plex source API: create sources, list them, read list bodies. */
public final class PlexSourceClient {

    public static final String PATH = "/api/v3/sources/plex/";
    public static final ObjectMapper JSON = new ObjectMapper();

    private PlexSourceClient() {
    }

    /** Creates a source as admin; {@code extra} are further request fields as key/value pairs. Returns the body. */
    public static JsonNode create(String name, String slug, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("slug", slug);
        body.put("plex_token", "token-" + slug);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        Response response = given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(write(body)).post(PATH);
        assertEquals(201, response.statusCode(), () -> "create " + slug + ": " + response.asString());
        return json(response);
    }

    /** GETs the list as admin with the given query parameters as key/value pairs. */
    public static Response list(Object... query) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            params.put((String) query[i], query[i + 1]);
        }
        return given().auth().oauth2(Tokens.admin()).queryParams(params).get(PATH);
    }

    /** Like {@link #list} with a query written as {@code a=1&b=2} (values must not contain '&' or '='). */
    public static Response listQuery(String query) {
        List<Object> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            pairs.add(pair.substring(0, eq));
            pairs.add(pair.substring(eq + 1));
        }
        return list(pairs.toArray());
    }

    /** The list body, asserting status 200. */
    public static JsonNode listOk(Object... query) {
        return ok(list(query));
    }

    public static JsonNode ok(Response response) {
        assertEquals(200, response.statusCode(), response::asString);
        return json(response);
    }

    public static List<String> names(JsonNode page) {
        return field(page, "name");
    }

    public static List<String> slugs(JsonNode page) {
        return field(page, "slug");
    }

    public static List<String> pks(JsonNode page) {
        return field(page, "pk");
    }

    private static List<String> field(JsonNode page, String name) {
        List<String> values = new ArrayList<>();
        page.get("results").forEach(row -> values.add(row.get(name).asText()));
        return values;
    }

    /** Asserts the status and that the body is exactly the given JSON (key order aside). */
    public static void assertJsonBody(int status, String expectedJson, Response response) {
        assertEquals(status, response.statusCode(), response::asString);
        assertEquals(read(expectedJson), json(response), response::asString);
    }

    public static JsonNode json(Response response) {
        return read(response.asString());
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
