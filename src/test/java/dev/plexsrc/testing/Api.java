package dev.plexsrc.testing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
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
