package dev.plexsrc.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Tokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.util.KeyUtils;

/** The cache in front of SmallRye's verifier, with the real verifier and a clock the test moves. */
class VerifiedTokenCacheTest {

    private static final int SKEW = 60;
    private static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final CountingVerifier verifier = new CountingVerifier();
    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TokenRejections rejections = new TokenRejections(registry);
    private JWTAuthContextInfo info;

    @BeforeEach
    void trustTheTestKey() throws IOException, GeneralSecurityException {
        info = new JWTAuthContextInfo(KeyUtils.readPublicKey("jwt/publicKey.pem"), Tokens.ISSUER);
        info.setClockSkew(SKEW);
    }

    @Test
    void aHitAnswersWhatTheVerificationAnswered() throws Exception {
        VerifiedTokenCache cache = cache(16);
        String token = Tokens.user(7, "authentik_sources_plex.view_plexsource");

        JWTCallerPrincipal miss = cache.parse(token, info);
        JWTCallerPrincipal hit = cache.parse(token, info);

        assertEquals(1, verifier.calls.get(), "the signature is verified once");
        assertSame(miss, hit);
        JWTCallerPrincipal fresh = new DefaultJWTCallerPrincipalFactory().parse(token, info);
        assertEquals(fresh.getName(), hit.getName());
        assertEquals(fresh.getGroups(), hit.getGroups());
        assertEquals(fresh.getClaimNames(), hit.getClaimNames());
        for (String claim : fresh.getClaimNames()) {
            assertEquals(String.valueOf((Object) fresh.getClaim(claim)), String.valueOf((Object) hit.getClaim(claim)), claim);
        }
    }

    @Test
    void aBadSignatureIsNeverCachedAsGood() throws Exception {
        VerifiedTokenCache cache = cache(16);
        String forged = Tokens.signedByAnotherKey();

        assertThrows(io.smallrye.jwt.auth.principal.ParseException.class, () -> cache.parse(forged, info));
        assertThrows(io.smallrye.jwt.auth.principal.ParseException.class, () -> cache.parse(forged, info));
        assertEquals(2, verifier.calls.get(), "a failure is verified again, not remembered");

        String good = Tokens.admin();
        cache.parse(good, info);
        String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(io.smallrye.jwt.auth.principal.ParseException.class, () -> cache.parse(tampered, info),
                "the same claims under another signature are a different token");
        assertEquals(1, cache.entries(), "only the good token is held");
    }

    @Test
    void expiryIsHonouredWhileCached() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, rejections, 16, Duration.ofHours(1), clock);
        long exp = clock.instant().getEpochSecond() + 30;
        String token = Tokens.expiringAt(exp, "admin");
        cache.parse(token, info);

        clock.set(Instant.ofEpochSecond(exp + SKEW - 1));
        cache.parse(token, info);
        assertEquals(1, verifier.calls.get(), "still valid within the clock skew, from the cache");

        clock.set(Instant.ofEpochSecond(exp + SKEW));
        assertThrows(io.smallrye.jwt.auth.principal.ParseException.class, () -> cache.parse(token, info));
        assertEquals(1, verifier.calls.get(), "refused from the cache, not re-verified");
        assertEquals(0, cache.entries(), "and dropped");
        assertEquals(1.0, rejected("expired"));
    }

    @Test
    void trustEndsAfterTheMaximumAge() throws Exception {
        VerifiedTokenCache cache = cache(16);
        String token = Tokens.admin();
        cache.parse(token, info);
        clock.advance(MAX_AGE.minusSeconds(1));
        cache.parse(token, info);
        assertEquals(1, verifier.calls.get());

        clock.advance(Duration.ofSeconds(2));
        cache.parse(token, info);
        assertEquals(2, verifier.calls.get(), "verified again once the maximum age has passed");
    }

    @Test
    void issuerAndAudienceAreCheckedOnEveryHit() throws Exception {
        VerifiedTokenCache cache = cache(16);
        String token = Tokens.admin();
        cache.parse(token, info);

        JWTAuthContextInfo otherIssuer = new JWTAuthContextInfo(info);
        otherIssuer.setIssuedBy("someone-else");
        assertThrows(io.smallrye.jwt.auth.principal.ParseException.class, () -> cache.parse(token, otherIssuer));
        assertEquals(1.0, rejected("issuer"));

        cache.parse(token, info);
        JWTAuthContextInfo withAudience = new JWTAuthContextInfo(info);
        withAudience.setExpectedAudience(Set.of("plexsrc"));
        assertThrows(io.smallrye.jwt.auth.principal.ParseException.class, () -> cache.parse(token, withAudience));
        assertEquals(1.0, rejected("audience"));
        assertThrows(io.smallrye.jwt.auth.principal.ParseException.class,
                () -> new DefaultJWTCallerPrincipalFactory().parse(token, withAudience),
                "the verifier refuses it too");
    }

    @Test
    void theNumberOfEntriesIsBounded() throws Exception {
        VerifiedTokenCache cache = cache(3);
        for (int user = 1; user <= 20; user++) {
            cache.parse(Tokens.user(user), info);
        }
        assertTrue(cache.entries() <= 3, "held " + cache.entries());
    }

    @Test
    void sizeZeroVerifiesEveryRequest() throws Exception {
        VerifiedTokenCache cache = cache(0);
        String token = Tokens.admin();
        cache.parse(token, info);
        cache.parse(token, info);
        assertEquals(2, verifier.calls.get());
    }

    /** Refusals counted under {@code reason}. */
    private double rejected(String reason) {
        return registry.get("plexsrc.auth.rejected").tag("reason", reason).counter().count();
    }

    private VerifiedTokenCache cache(int size) {
        return new VerifiedTokenCache(verifier, rejections, size, MAX_AGE, clock);
    }

    /** SmallRye's own verifier, counting how often it runs. */
    private static final class CountingVerifier extends JWTCallerPrincipalFactory {
        final AtomicInteger calls = new AtomicInteger();
        private final DefaultJWTCallerPrincipalFactory real = new DefaultJWTCallerPrincipalFactory();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info)
                throws io.smallrye.jwt.auth.principal.ParseException {
            calls.incrementAndGet();
            return real.parse(token, info);
        }
    }

    /** Wall-clock time that starts now and moves only when the test says so. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
