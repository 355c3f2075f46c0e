package dev.plexsrc.security;

import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.metric;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.CapturedLog;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A refused bearer token moves {@code plexsrc_auth_rejected_total} under its reason and, at DEBUG,
 * logs that reason with the request's id: never the token, nor a claim's value.
 */
@QuarkusTest
class TokenRejectionsTest {

    private static final List<String> REASONS = List.of("expired", "not_yet_valid", "signature", "issuer", "audience",
            "malformed");
    private static final String CATEGORY = "dev.plexsrc.security";

    private Level levelBefore;

    @BeforeEach
    void debug() {
        levelBefore = Logger.getLogger(CATEGORY).getLevel();
        Logger.getLogger(CATEGORY).setLevel(Level.FINE);
    }

    @AfterEach
    void restore() {
        Logger.getLogger(CATEGORY).setLevel(levelBefore);
    }

    @Test
    void eachRefusedTokenMovesItsReasonAndNoOther() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", Tokens.expired());
        tokens.put("issuer", Tokens.wrongIssuer());
        tokens.put("signature", Tokens.signedByAnotherKey());
        tokens.put("malformed", "not-a-jwt");
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            Map<String, Double> before = counts();
            given().auth().oauth2(token.getValue()).get(SOURCES).then().statusCode(401);
            Map<String, Double> after = counts();

            after.merge(token.getKey(), -1.0, Double::sum);
            assertEquals(before, after, () -> token.getKey() + ": only its reason moves, by one");
        }
    }

    @Test
    void anUnsignedTokenIsASignatureRejection() {
        double before = rejected("signature");
        given().auth().oauth2(Tokens.algNone()).get(SOURCES).then().statusCode(401);
        assertEquals(before + 1, rejected("signature"));
    }

    @Test
    void noTokenAtAllIsNoRejection() {
        Map<String, Double> before = counts();
        given().get(SOURCES).then().statusCode(401);
        given().auth().oauth2(Tokens.admin()).get(SOURCES).then().statusCode(200);
        assertEquals(before, counts());
    }

    @Test
    void aRejectionIsLoggedAtDebugWithItsReasonAndRequestIdButNothingOfTheToken() {
        String expired = Tokens.expired();
        String wrongIssuer = Tokens.wrongIssuer();
        try (CapturedLog log = CapturedLog.attach()) {
            given().auth().oauth2(expired).header("X-Request-Id", "rejected-expired").get(SOURCES).then().statusCode(401);
            given().auth().oauth2(wrongIssuer).header("X-Request-Id", "rejected-issuer").get(SOURCES).then().statusCode(401);

            CapturedLog.Line expiredLine = rejection(log, "rejected-expired");
            assertEquals(Level.FINE, expiredLine.level());
            assertTrue(expiredLine.text().contains("bearer token rejected: expired: "), expiredLine::text);
            assertTrue(rejection(log, "rejected-issuer").text().contains("bearer token rejected: issuer: "), log::text);
            for (String secret : List.of(expired, wrongIssuer, expired.substring(expired.lastIndexOf('.') + 1),
                    wrongIssuer.substring(wrongIssuer.lastIndexOf('.') + 1), "someone-else")) {
                assertFalse(log.text().contains(secret), () -> "the log holds " + secret + ": " + log.lineWith(secret));
            }
        }
    }

    private static CapturedLog.Line rejection(CapturedLog log, String requestId) {
        return log.lines().stream().filter(line -> line.logger().equals(TokenRejections.class.getName())
                && requestId.equals(line.mdc().get("requestId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no rejection logged for " + requestId + ": " + log.text()));
    }

    private static double rejected(String reason) {
        return metric("plexsrc_auth_rejected_total\\{reason=\"" + reason + "\"\\}");
    }

    private static Map<String, Double> counts() {
        Map<String, Double> counts = new TreeMap<>();
        for (String reason : REASONS) {
            counts.put(reason, rejected(reason));
        }
        return counts;
    }
}
