package dev.plexsrc.source;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PlexSourceSmokeTest {

    @Test
    void createThenRetrieve() {
        given().auth().oauth2(Tokens.admin()).contentType("application/json")
                .body("{\"name\":\"Smoke\",\"slug\":\"smoke\",\"plex_token\":\"secret\"}")
                .post("/api/v3/sources/plex/")
                .then().log().ifValidationFails().statusCode(201).body("slug", equalTo("smoke"));
        given().auth().oauth2(Tokens.admin()).get("/api/v3/sources/plex/smoke/")
                .then().log().all().statusCode(200).body("plex_token", equalTo("secret"));
        given().auth().oauth2(Tokens.admin()).get("/api/v3/sources/plex/?search=smo")
                .then().log().all().statusCode(200);
    }
}
