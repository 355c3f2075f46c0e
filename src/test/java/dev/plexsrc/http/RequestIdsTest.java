package dev.plexsrc.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RequestIdsTest {

    private static final String UUID_V4 = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

    @Test
    void newIdsAreDistinctVersionFourUuids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.newId();
            assertTrue(Pattern.matches(UUID_V4, id), id);
            ids.add(id);
        }
        assertEquals(10_000, ids.size());
    }

    @Test
    void everyAnswerCarriesAnId() {
        given().auth().oauth2(Tokens.admin()).get(Api.SOURCES).then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID_V4));
        given().auth().oauth2(Tokens.user(2)).get(Api.SOURCES).then().statusCode(403)
                .header("X-Request-Id", matchesPattern(UUID_V4));
    }

    @Test
    void aSaneIdFromTheCallerIsEchoed() {
        given().auth().oauth2(Tokens.admin()).header("X-Request-Id", "trace-42.a_b")
                .get(Api.SOURCES).then().statusCode(200).header("X-Request-Id", equalTo("trace-42.a_b"));
        given().auth().oauth2(Tokens.admin()).header("X-Request-Id", "not sane; <script>")
                .get(Api.SOURCES).then().statusCode(200).header("X-Request-Id", matchesPattern(UUID_V4));
    }
}
