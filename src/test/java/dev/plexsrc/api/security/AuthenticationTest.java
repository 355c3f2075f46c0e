package dev.plexsrc.api.security;

import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.source;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AuthenticationTest {

    private static final String NOT_PROVIDED = "{\"detail\":\"Authentication credentials were not provided.\"}";
    private static final String INVALID = "{\"detail\":\"Token invalid/expired\"}";

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    @Test
    void noTokenIsUnauthorized() {
        createSource("guarded");
        RequestSpecification anonymous = given().contentType(ContentType.JSON);
        expectUnauthorized(anonymous.get(SOURCES).then(), NOT_PROVIDED);
        expectUnauthorized(anonymous.get(source("guarded")).then(), NOT_PROVIDED);
        expectUnauthorized(anonymous.body(minimalSource("A", "anon", "t")).post(SOURCES).then(), NOT_PROVIDED);
        expectUnauthorized(anonymous.body("{\"name\":\"Anon\"}").patch(source("guarded")).then(), NOT_PROVIDED);
        expectUnauthorized(anonymous.delete(source("guarded")).then(), NOT_PROVIDED);
        assertEquals("1", Tables.queryString("SELECT count(*) FROM plex_source"));
        assertEquals("Source guarded", Tables.queryString("SELECT name FROM plex_source WHERE slug = 'guarded'"));
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", (Supplier<String>) Tokens::expired),
                Arguments.of("signed by another key", (Supplier<String>) Tokens::signedByAnotherKey),
                Arguments.of("alg none", (Supplier<String>) Tokens::algNone),
                Arguments.of("wrong issuer", (Supplier<String>) Tokens::wrongIssuer),
                Arguments.of("garbage", (Supplier<String>) () -> "not-a-jwt-at-all"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void invalidTokenIsUnauthorized(String description, Supplier<String> token) {
        createSource("guarded");
        String bad = token.get();
        expectUnauthorized(with(bad).get(SOURCES).then(), INVALID);
        expectUnauthorized(with(bad).get(source("guarded")).then(), INVALID);
        expectUnauthorized(with(bad).body(minimalSource("A", "intruder", "t")).post(SOURCES).then(), INVALID);
        expectUnauthorized(with(bad).delete(source("guarded")).then(), INVALID);
        assertEquals("1", Tables.queryString("SELECT count(*) FROM plex_source"));
    }

    @Test
    void validTokenIsAccepted() {
        with(Tokens.admin()).get(SOURCES).then().statusCode(200);
    }

    private static RequestSpecification with(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static void expectUnauthorized(ValidatableResponse response, String body) {
        response.log().ifValidationFails().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body(sameJson(body));
    }
}
