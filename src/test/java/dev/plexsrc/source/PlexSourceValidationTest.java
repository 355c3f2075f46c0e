package dev.plexsrc.source;

import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.fetchSource;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.parse;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.source;
import static dev.plexsrc.testing.Api.toJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class PlexSourceValidationTest {

    private static final String REQUIRED = "This field is required.";
    private static final String BLANK = "This field may not be blank.";
    private static final String NULL = "This field may not be null.";
    private static final String SLUG_PATTERN =
            "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.";
    private static final String DUPLICATE_SLUG = "{\"slug\":[\"source with this slug already exists.\"]}";

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    @Test
    void createRequiresNameSlugAndPlexToken() {
        post("{}").body(sameJson(Map.of("name", List.of(REQUIRED), "slug", List.of(REQUIRED),
                "plex_token", List.of(REQUIRED))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "name", "slug", "plex_token" })
    void eachRequiredFieldIsReportedAlone(String missing) {
        Map<String, Object> body = valid();
        body.remove(missing);
        post(toJson(body)).body(sameJson(Map.of(missing, List.of(REQUIRED))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   " })
    void blankNameIsRejected(String name) {
        post(minimalSource(name, "blank", "t")).body(sameJson(Map.of("name", List.of(BLANK))));
    }

    @Test
    void blankPlexTokenIsRejected() {
        post(minimalSource("Blank token", "blank-token", "")).body(sameJson(Map.of("plex_token", List.of(BLANK))));
    }

    @Test
    void blankSlugIsRejected() {
        post(minimalSource("Blank slug", "", "t")).body(sameJson(Map.of("slug", List.of(BLANK))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "name", "enabled", "slug", "plex_token", "policy_engine_mode", "allow_friends" })
    void nullIsRejected(String field) {
        post(validWith(field, null)).body(sameJson(Map.of(field, List.of(NULL))));
    }

    @Test
    void slugLongerThan50IsRejected() {
        post(minimalSource("Long", "s".repeat(51), "t"))
                .body(sameJson(Map.of("slug", List.of("Ensure this field has no more than 50 characters."))));
    }

    @Test
    void slugOf50IsAccepted() {
        asAdmin().body(minimalSource("Long", "s".repeat(50), "t")).post(SOURCES).then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = { "has space", "dot.ted", "slash/ed", "ümlaut" })
    void slugOutsideThePatternIsRejected(String slug) {
        post(minimalSource("Pattern", slug, "t")).body(sameJson(Map.of("slug", List.of(SLUG_PATTERN))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "policy_engine_mode", "user_matching_mode", "group_matching_mode" })
    void enumOutsideItsChoicesIsRejected(String field) {
        post(validWith(field, "x"))
                .body(sameJson(Map.of(field, List.of("\"x\" is not a valid choice."))));
    }

    @Test
    void nonBooleanIsRejected() {
        post(validWith("enabled", "maybe")).body(sameJson(Map.of("enabled", List.of("Must be a valid boolean."))));
    }

    @Test
    void malformedUuidsAreRejected() {
        post(validWith("authentication_flow", "nope"))
                .body(sameJson(Map.of("authentication_flow", List.of("Must be a valid UUID."))));
        // a many-related field reports item errors as a flat list, as DRF's ManyRelatedField does
        post(validWith("user_property_mappings", List.of("nope")))
                .body(sameJson(Map.of("user_property_mappings", List.of("Must be a valid UUID."))));
    }

    @Test
    void allowedServersMustBeAList() {
        post(validWith("allowed_servers", "abc"))
                .body(sameJson(Map.of("allowed_servers", List.of("Expected a list of items but got type \"str\"."))));
    }

    @Test
    void blankAllowedServerIsReportedByIndex() {
        post(validWith("allowed_servers", List.of("")))
                .body(sameJson(json("{'allowed_servers':{'0':['This field may not be blank.']}}")));
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        post(json("{'name':'','slug':'bad slug','enabled':'maybe','policy_engine_mode':'x',"
                + "'authentication_flow':'nope'}"))
                .body(sameJson(Map.of(
                        "name", List.of(BLANK),
                        "slug", List.of(SLUG_PATTERN),
                        "plex_token", List.of(REQUIRED),
                        "enabled", List.of("Must be a valid boolean."),
                        "policy_engine_mode", List.of("\"x\" is not a valid choice."),
                        "authentication_flow", List.of("Must be a valid UUID."))));
        assertEquals("0", Tables.queryString("SELECT count(*) FROM plex_source"));
    }

    @Test
    void duplicateSlugOnCreate() {
        JsonNode first = createSource("taken");
        post(minimalSource("Other", "taken", "t2")).body(sameJson(DUPLICATE_SLUG));
        assertEquals("1", Tables.queryString("SELECT count(*) FROM plex_source"));
        assertEquals(first, fetchSource("taken"));
    }

    @Test
    void renamingToATakenSlugIsRejectedAndChangesNothing() {
        createSource("taken");
        JsonNode other = createSource("other");

        asAdmin().body(json("{'name':'Changed','slug':'taken','plex_token':'changed'}")).put(source("other"))
                .then().log().ifValidationFails().statusCode(400).body(sameJson(DUPLICATE_SLUG));
        asAdmin().body(json("{'name':'Changed','slug':'taken'}")).patch(source("other"))
                .then().log().ifValidationFails().statusCode(400).body(sameJson(DUPLICATE_SLUG));

        assertEquals(other, fetchSource("other"));
    }

    @Test
    void keepingItsOwnSlugIsNotADuplicate() {
        createSource("mine");
        asAdmin().body(minimalSource("Mine", "mine", "t")).put(source("mine")).then().statusCode(200);
        asAdmin().body("{\"slug\":\"mine\"}").patch(source("mine")).then().statusCode(200);
    }

    @Test
    void failedUpdatesChangeNothing() {
        JsonNode before = createSource("stable");

        asAdmin().body(json("{'name':'Changed','slug':'stable','plex_token':'changed','enabled':'maybe'}"))
                .put(source("stable"))
                .then().statusCode(400).body(sameJson(Map.of("enabled", List.of("Must be a valid boolean."))));
        asAdmin().body(json("{'name':'Changed','allowed_servers':['ok',''],'allow_friends':false}"))
                .patch(source("stable"))
                .then().statusCode(400).body(sameJson(json("{'allowed_servers':{'1':['This field may not be blank.']}}")));
        asAdmin().body(json("{'name':null}")).patch(source("stable"))
                .then().statusCode(400).body(sameJson(Map.of("name", List.of(NULL))));

        assertEquals(before, fetchSource("stable"));
    }

    /** Unparsable JSON and non-object bodies, each carrying a secret that must not come back. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"plex_token\": \"SECRET-XYZ\",",
            "{\"name\": \"SECRET-XYZ\"",
            "{\"name\": SECRET-XYZ}",
            "not json SECRET-XYZ",
            "[{\"name\":\"n\",\"slug\":\"s\",\"plex_token\":\"SECRET-XYZ\"}]",
            "\"SECRET-XYZ\"" })
    void unparsableOrNonObjectBodyIsAParseErrorThatDoesNotEchoTheInput(String body) {
        post(body)
                .body("detail", startsWith("JSON parse error - "))
                .body(not(containsString("SECRET-XYZ")));
        assertEquals("0", Tables.queryString("SELECT count(*) FROM plex_source"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT", "PATCH" })
    void unparsableBodyOnUpdateIsAParseErrorAndChangesNothing(String method) {
        JsonNode before = createSource("parsed");
        asAdmin().body("{\"name\": \"SECRET-XYZ\",").request(method, source("parsed"))
                .then().log().ifValidationFails().statusCode(400)
                .body("detail", startsWith("JSON parse error - "))
                .body(not(containsString("SECRET-XYZ")));
        assertEquals(before, fetchSource("parsed"));
    }

    /** An existing source's update answers an unreadable body exactly as a create with that body is answered. */
    @ParameterizedTest
    @ValueSource(strings = { "{\"name\": ", "not json", "[]", "\"text\"", "42", "null" })
    void anUpdateAnswersAnUnreadableBodyAsACreateDoes(String body) {
        JsonNode before = createSource("unreadable");
        String created = post(body).extract().asString();
        for (String method : List.of("PUT", "PATCH")) {
            String updated = asAdmin().body(body).request(method, source("unreadable"))
                    .then().log().ifValidationFails().statusCode(400).extract().asString();
            assertEquals(created, updated, method + " " + body);
        }
        assertEquals(before, fetchSource("unreadable"));
    }

    @Test
    void nonJsonBodyIsUnsupportedMediaType() {
        String body = given().auth().oauth2(Tokens.admin()).contentType("text/plain")
                .body(minimalSource("Text", "text", "t"))
                .post(SOURCES)
                .then().log().ifValidationFails().statusCode(415).extract().asString();
        parse(body); // every error body is JSON
        assertEquals("0", Tables.queryString("SELECT count(*) FROM plex_source"));
    }

    @Test
    void malformedContentTypeOfAWriteIsUnsupportedMediaType() {
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(Tokens.admin()).header("Content-Type", "garbage")
                .body(minimalSource("Garbage", "garbage", "t").getBytes(StandardCharsets.UTF_8))
                .post(SOURCES)
                .then().log().ifValidationFails().statusCode(415)
                .body(sameJson("{\"detail\":\"Unsupported media type \\\"garbage\\\" in request.\"}"));
        assertEquals("0", Tables.queryString("SELECT count(*) FROM plex_source"));
    }

    /** As in DRF, a request without a body is not judged by its Content-Type. */
    @Test
    void contentTypeOfAReadIsIgnored() {
        createSource("read");
        given().auth().oauth2(Tokens.admin()).header("Content-Type", "garbage").get(source("read"))
                .then().log().ifValidationFails().statusCode(200);
        given().auth().oauth2(Tokens.admin()).header("Content-Type", "text/plain").get(SOURCES)
                .then().log().ifValidationFails().statusCode(200);
    }

    @Test
    void postOnADetailPathIsMethodNotAllowed() {
        asAdmin().body(minimalSource("Wrong", "wrong", "t")).post(source("someslug"))
                .then().log().ifValidationFails()
                .statusCode(405).body(sameJson("{\"detail\":\"Method \\\"POST\\\" not allowed.\"}"));
    }

    /** A valid create body as a mutable map. */
    private static Map<String, Object> valid() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Valid");
        body.put("slug", "valid");
        body.put("plex_token", "t");
        return body;
    }

    /** A valid create body with {@code field} set to {@code value} (which may be null). */
    private static String validWith(String field, Object value) {
        Map<String, Object> body = valid();
        body.put(field, value);
        return toJson(body);
    }

    private static ValidatableResponse post(String body) {
        return asAdmin().body(body).post(SOURCES).then().log().ifValidationFails().statusCode(400);
    }
}
