package dev.plexsrc.api.error;

import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.sameJson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.Tables;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Requests past the size limits get a JSON error in authentik's shape, not the HTTP layer's empty answer. */
@QuarkusTest
class RequestLimitsTest {

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    @Test
    void aUriOverTheLimitIs414() {
        asAdmin().get(Api.source("s".repeat(8200))).then().statusCode(414)
                .contentType("application/json").body(sameJson("{\"detail\":\"Request URI is too long.\"}"));
        asAdmin().queryParam("search", "q".repeat(9000)).get(SOURCES).then().statusCode(414);
    }

    @Test
    void aUriJustUnderTheLimitIsServed() {
        asAdmin().get(Api.source("s".repeat(8000))).then().statusCode(404).body(sameJson(Api.NOT_FOUND));
    }

    @Test
    void headersOverTheLimitAre431() {
        given().header("X-Padding", "p".repeat(25_000)).get(SOURCES).then().statusCode(431)
                .contentType("application/json").body(sameJson("{\"detail\":\"Request header fields are too large.\"}"));
        given().auth().oauth2("a".repeat(30_000)).get(SOURCES).then().statusCode(431);
    }

    @Test
    void tooManyHeadersAre431() {
        RequestSpecification request = asAdmin();
        for (int i = 0; i < 100; i++) {
            request = request.header("X-Extra-" + i, "1");
        }
        request.get(SOURCES).then().statusCode(431).body("detail", equalTo("Request header fields are too large."));
    }

    @Test
    void aLongTokenUnderTheLimitIsJudgedAsAToken() {
        given().auth().oauth2("a".repeat(19_000)).get(SOURCES).then().statusCode(401)
                .body(sameJson("{\"detail\":\"Token invalid/expired\"}"));
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413AndCreatesNothing() {
        asAdmin().body("{\"name\":\"" + "n".repeat(1_100_000) + "\",\"slug\":\"big\",\"plex_token\":\"t\"}").post(SOURCES)
                .then().statusCode(413).body(sameJson("{\"detail\":\"Request body is too large.\"}"));
        given().get("/q/health/live").then().statusCode(200);
        assertEquals("0", Tables.queryString("SELECT count(*) FROM plex_source"));
    }
}
