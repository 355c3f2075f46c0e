package dev.plexsrc.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a bearer token's signature once, then answers the same token from a bounded cache.
 * An entry is keyed by the SHA-256 of the whole token and lives at most {@code max-age}; each use
 * re-checks what time or configuration can change ({@code exp} with the verifier's clock skew,
 * token age, issuer, audience), so a hit accepts exactly what a fresh verification would.
 * Only successful verifications are stored: a failure is verified again next time. A token whose
 * {@code iat} lies further ahead than the clock skew is refused, fresh or not.
 */
// Replaces the SmallRye JWT factory that Quarkus' JWTParser uses on every request.
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    // One digest per thread: MessageDigest.getInstance looks the provider up on every call.
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    });

    private final JWTCallerPrincipalFactory verifier;
    private final TokenRejections rejections;
    private final Clock clock;
    private final Cache<String, JWTCallerPrincipal> verified;
    private final boolean enabled;

    @Inject
    public VerifiedTokenCache(AuthSettings settings, MeterRegistry registry, TokenRejections rejections) {
        this(new DefaultJWTCallerPrincipalFactory(), rejections, settings.tokenCache().size(),
                settings.tokenCache().maxAge(), Clock.systemUTC());
        CaffeineCacheMetrics.monitor(registry, verified, "verified_tokens");
    }

    VerifiedTokenCache(JWTCallerPrincipalFactory verifier, TokenRejections rejections, int size, Duration maxAge,
            Clock clock) {
        this.verifier = verifier;
        this.rejections = rejections;
        this.clock = clock;
        this.enabled = size > 0;
        this.verified = Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfterWrite(maxAge)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // Evict on the calling thread: the bound holds at once, and no pool thread is needed.
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    /** Every bearer token of every request comes here; a refused one is counted and logged by its reason. */
    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
        try {
            return verified(token, info);
        } catch (ParseException e) {
            rejections.count(e);
            throw e;
        }
    }

    private JWTCallerPrincipal verified(String token, JWTAuthContextInfo info) throws ParseException {
        if (!enabled) {
            return verifiedNow(token, info);
        }
        String key = sha256(token);
        JWTCallerPrincipal cached = verified.getIfPresent(key);
        if (cached != null) {
            try {
                checkStillValid(cached, info);
                return cached;
            } catch (ParseException e) {
                verified.invalidate(key);
                throw e;
            }
        }
        JWTCallerPrincipal principal = verifiedNow(token, info);
        verified.put(key, principal);
        return principal;
    }

    /**
     * SmallRye's verification, plus a check it lacks: a token issued later than the clock skew from
     * now is refused (a wrong issuer clock, or a way round the token age, which counts from iat).
     */
    private JWTCallerPrincipal verifiedNow(String token, JWTAuthContextInfo info) throws ParseException {
        JWTCallerPrincipal principal = verifier.parse(token, info);
        if (principal.getIssuedAtTime() > clock.millis() / 1000 + Math.max(info.getClockSkew(), 0)) {
            throw TokenRejection.NOT_YET_VALID.failure("The token is issued in the future");
        }
        return principal;
    }

    /** Entries held now, after evicting what is due: for tests of the bound. */
    long entries() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** The checks of SmallRye's verifier that depend on the clock or the configuration, not the signature. */
    private void checkStillValid(JWTCallerPrincipal token, JWTAuthContextInfo info) throws ParseException {
        long now = clock.millis() / 1000;
        if (now >= token.getExpirationTime() + graceAfterExpiry(info)) {
            throw TokenRejection.EXPIRED.failure("The token has expired");
        }
        if (info.getTokenAge() != null && now - token.getIssuedAtTime() > info.getTokenAge()) {
            throw TokenRejection.EXPIRED.failure("The token is older than the allowed token age");
        }
        if (info.getIssuedBy() != null && !info.getIssuedBy().equals(token.getIssuer())) {
            throw TokenRejection.ISSUER.failure("The token has an unexpected issuer");
        }
        Set<String> audience = info.getExpectedAudience();
        if (audience != null && (token.getAudience() == null || Collections.disjoint(audience, token.getAudience()))) {
            throw TokenRejection.AUDIENCE.failure("The token has an unexpected audience");
        }
    }

    /** The seconds SmallRye accepts a token past {@code exp}: the expiry grace period if set, else the clock skew. */
    static int graceAfterExpiry(JWTAuthContextInfo info) {
        if (info.getExpGracePeriodSecs() > 0) {
            return info.getExpGracePeriodSecs();
        }
        return Math.max(info.getClockSkew(), 0);
    }

    private static String sha256(String token) {
        byte[] digest = SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }
}
