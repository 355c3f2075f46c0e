package dev.plexsrc.security;

import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.source;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
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
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
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

    /** The second use of a token is answered from the verified-token cache, the first by the verifier. */
    @Test
    void aCachedTokenAnswersAsItsFirstUseDid() {
        createSource("cached");
        String viewer = Tokens.user(3, "authentik_sources_plex.view_plexsource");
        Object[][] cases = {{Tokens.admin(), 200}, {viewer, 200}, {Tokens.user(4), 403}};
        for (Object[] c : cases) {
            String token = (String) c[0];
            ExtractableResponse<Response> first = with(token).get(source("cached")).then().extract();
            double hits = cacheHits();
            ExtractableResponse<Response> second = with(token).get(source("cached")).then().extract();
            assertEquals(hits + 1, cacheHits(), "the second use is a cache hit");
            assertEquals(c[1], first.statusCode());
            assertEquals(first.statusCode(), second.statusCode());
            assertEquals(first.asString(), second.asString());
        }
        with(viewer).get(source("cached")).then().body("$", not(hasKey("plex_token")));
    }

    @Test
    void anotherSignatureOnACachedTokenIsUnauthorized() {
        String token = Tokens.admin();
        with(token).get(SOURCES).then().statusCode(200);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        expectUnauthorized(with(tampered).get(SOURCES).then(), INVALID);
        with(token).get(SOURCES).then().statusCode(200);
    }

    @Test
    void validTokenIsAccepted() {
        with(Tokens.admin()).get(SOURCES).then().statusCode(200);
    }

    /**
     * The verifier's clock skew (60 s) applies to both ends of a token's life: a token
     * expired less than 60 s ago is accepted, and one issued up to 60 s ahead of our clock; past
     * that, either is invalid.
     */
    @Test
    void expiryAndIssueTimeAllowTheClockSkewAndNoMore() {
        long now = System.currentTimeMillis() / 1000;
        with(Tokens.issuedAt(now - 600, now - 30)).get(SOURCES).then().statusCode(200);
        with(Tokens.issuedAt(now + 30, now + 600)).get(SOURCES).then().statusCode(200);
        expectUnauthorized(with(Tokens.issuedAt(now - 600, now - 90)).get(SOURCES).then(), INVALID);
        expectUnauthorized(with(Tokens.issuedAt(now + 90, now + 600)).get(SOURCES).then(), INVALID);
        expectUnauthorized(with(Tokens.issuedAt(now + 86_400, now + 90_000)).get(SOURCES).then(), INVALID);
    }

    /** The scheme is case-insensitive (RFC 9110, and authentik lower-cases it); another scheme is no credential. */
    @Test
    void theBearerSchemeIsCaseInsensitive() {
        for (String scheme : new String[] {"bearer", "BEARER", "bEaReR"}) {
            given().header("Authorization", scheme + " " + Tokens.admin()).get(SOURCES).then().statusCode(200);
        }
        expectUnauthorized(given().header("Authorization", "Token " + Tokens.admin()).get(SOURCES).then(), NOT_PROVIDED);
    }

    /** The verified-token cache's hit counter, from the Prometheus endpoint. */
    private static double cacheHits() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("cache_gets_total{") && line.contains("cache=\"verified_tokens\"")
                        && line.contains("result=\"hit\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no verified_tokens hit counter in /q/metrics"));
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
