package dev.plexsrc.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Tokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Each way a bearer token fails SmallRye's verification, or our check of its iat, is counted under
 * its reason (the cache's own refusals: VerifiedTokenCacheTest).
 */
class TokenRejectionTest {

    private static final int SKEW = 60;
    private static final Instant NOW = Instant.now();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private VerifiedTokenCache cache;
    private JWTAuthContextInfo info;

    @BeforeEach
    void trustTheTestKey() throws IOException, GeneralSecurityException {
        info = new JWTAuthContextInfo(KeyUtils.readPublicKey("jwt/publicKey.pem"), Tokens.ISSUER);
        info.setClockSkew(SKEW);
        cache = new VerifiedTokenCache(new DefaultJWTCallerPrincipalFactory(), new TokenRejections(registry), 16,
                Duration.ofSeconds(60), clock);
    }

    @Test
    void freshVerificationsAreCountedByReason() {
        refuse(Tokens.expired(), info);
        refuse(Tokens.wrongIssuer(), info);
        refuse(Tokens.signedByAnotherKey(), info);
        refuse(Tokens.algNone(), info);
        refuse("not-a-jwt", info);
        refuse(Tokens.admin() + "x", info);
        refuse(Tokens.issuedAt(NOW.getEpochSecond() + SKEW + 60, NOW.getEpochSecond() + 3600), info);
        JWTAuthContextInfo withAudience = new JWTAuthContextInfo(info);
        withAudience.setExpectedAudience(Set.of("plexsrc"));
        refuse(Tokens.forAudience("another-service"), withAudience);
        refuse(Tokens.admin(), withAudience);

        assertEquals(Map.of("expired", 1.0, "issuer", 1.0, "signature", 3.0, "malformed", 1.0, "not_yet_valid", 1.0,
                "audience", 2.0), counts());
    }

    private void refuse(String token, JWTAuthContextInfo with) {
        assertThrows(ParseException.class, () -> cache.parse(token, with));
    }

    /** The counts that are not 0, by reason. */
    private Map<String, Double> counts() {
        Map<String, Double> counts = new TreeMap<>();
        registry.find("plexsrc.auth.rejected").counters().stream().filter(counter -> counter.count() > 0)
                .forEach(counter -> counts.put(counter.getId().getTag("reason"), counter.count()));
        return counts;
    }
}
