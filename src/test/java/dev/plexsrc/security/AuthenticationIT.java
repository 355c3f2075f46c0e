package dev.plexsrc.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application refuses missing, forged and unprivileged callers. */
@QuarkusIntegrationTest
class AuthenticationIT {

    @Test
    void missingTokenIs401() {
        given().get(Api.SOURCES).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("detail", equalTo("Authentication credentials were not provided."));
    }

    @Test
    void forgedTokensAre401() {
        for (String token : new String[] {Tokens.signedByAnotherKey(), Tokens.algNone(), Tokens.expired()}) {
            given().auth().oauth2(token).get(Api.SOURCES).then().statusCode(401)
                    .body("detail", equalTo("Token invalid/expired"));
        }
    }

    @Test
    void callerWithoutPermissionIs403() {
        given().auth().oauth2(Tokens.user(5)).get(Api.SOURCES).then().statusCode(403)
                .body("detail", equalTo("You do not have permission to perform this action."));
    }
}
