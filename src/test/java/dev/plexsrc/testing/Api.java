package dev.plexsrc.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Request building and JSON comparison shared by the HTTP tests. */
public final class Api {

    public static final String SOURCES = "/api/v3/sources/plex/";
    public static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Api() {
    }

    /** A JSON request carrying {@code token} as bearer token. */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A JSON request as the admin role. */
    public static RequestSpecification asAdmin() {
        return as(Tokens.admin());
    }

    /** {@code /api/v3/sources/plex/{slug}/}. */
    public static String source(String slug) {
        return SOURCES + slug + "/";
    }

    /** {@code /api/v3/sources/plex/{slug}/used_by/}. */
    public static String usedBy(String slug) {
        return source(slug) + "used_by/";
    }

    /** JSON written with single quotes for readability: {@code json("{'a':1}")}. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** The smallest valid create body. */
    public static String minimalSource(String name, String slug, String plexToken) {
        return json("{'name':'" + name + "','slug':'" + slug + "','plex_token':'" + plexToken + "'}");
    }

    /** Creates a source as admin with the minimal body and returns the 201 response as JSON. */
    public static JsonNode createSource(String slug) {
        String body = asAdmin().body(minimalSource("Source " + slug, slug, "token-" + slug))
                .post(SOURCES)
                .then().log().ifValidationFails().statusCode(201)
                .extract().asString();
        return parse(body);
    }

    /** Creates a source as admin; {@code extra} are further request fields as key/value pairs. Returns the 201 body. */
    public static JsonNode createSource(String name, String slug, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("slug", slug);
        body.put("plex_token", "token-" + slug);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        Response response = given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body(toJson(body)).post(SOURCES);
        assertEquals(201, response.statusCode(), () -> "create " + slug + ": " + response.asString());
        return parse(response.asString());
    }

    /** GETs the source list as admin with the given query parameters as key/value pairs. */
    public static Response listSources(Object... query) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            params.put((String) query[i], query[i + 1]);
        }
        return given().auth().oauth2(Tokens.admin()).queryParams(params).get(SOURCES);
    }

    /** Like {@link #listSources} with a query written as {@code a=1&b=2} (values must not contain '&' or '='). */
    public static Response listSourcesQuery(String query) {
        List<Object> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            pairs.add(pair.substring(0, eq));
            pairs.add(pair.substring(eq + 1));
        }
        return listSources(pairs.toArray());
    }

    /** The source list's body, asserting status 200. */
    public static JsonNode listSourcesOk(Object... query) {
        return ok(listSources(query));
    }

    /** The body of a 200 answer. */
    public static JsonNode ok(Response response) {
        assertEquals(200, response.statusCode(), response::asString);
        return parse(response.asString());
    }

    /** The names of a list page's results, in order. */
    public static List<String> names(JsonNode page) {
        return resultValues(page, "name");
    }

    /** The slugs of a list page's results, in order. */
    public static List<String> slugs(JsonNode page) {
        return resultValues(page, "slug");
    }

    /** The pks of a list page's results, in order. */
    public static List<String> pks(JsonNode page) {
        return resultValues(page, "pk");
    }

    private static List<String> resultValues(JsonNode page, String field) {
        List<String> values = new ArrayList<>();
        page.get("results").forEach(row -> values.add(row.get(field).asText()));
        return values;
    }

    /** Asserts the status and that the body is exactly the given JSON (key order aside). */
    public static void assertJsonBody(int status, String expectedJson, Response response) {
        assertEquals(status, response.statusCode(), response::asString);
        assertEquals(parse(expectedJson), parse(response.asString()), response::asString);
    }

    /** The current state of a source as admin. */
    public static JsonNode fetchSource(String slug) {
        return parse(asAdmin().get(source(slug)).then().log().ifValidationFails().statusCode(200).extract().asString());
    }

    /** Serialises maps, lists and values (nulls included) to JSON. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    public static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            keys.add(names.next());
        }
        return keys;
    }

    /**
     * Matches a response body that is the same JSON value as {@code expected}, which is either a
     * JSON string or any object Jackson turns into JSON (maps, lists, ...). Key order is ignored.
     */
    public static Matcher<String> sameJson(Object expected) {
        JsonNode wanted = expected instanceof String text ? parse(text) : MAPPER.valueToTree(expected);
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String actual) {
                try {
                    return wanted.equals(MAPPER.readTree(actual));
                } catch (JsonProcessingException e) {
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("JSON equal to ").appendValue(wanted.toString());
            }
        };
    }

    /** The value of a metric in /q/metrics, of its first series when it has labels. */
    public static double metric(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher value = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        if (!value.find()) {
            throw new AssertionError(name + " is not in /q/metrics");
        }
        return Double.parseDouble(value.group(2));
    }
}
