package dev.plexsrc.security;

import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Counts refused bearer tokens by reason ({@code plexsrc_auth_rejected_total{reason="..."}}, every
 * reason from 0 at start) and logs each at DEBUG with its reason: never the token, nor a claim.
 * A request without a token is no rejection.
 */
@Singleton
@Startup // its counters exist from the start, 0 before the first token
public class TokenRejections {

    private static final Logger LOG = Logger.getLogger(TokenRejections.class);

    private final Map<TokenRejection, Counter> rejected = new EnumMap<>(TokenRejection.class);

    public TokenRejections(MeterRegistry registry) {
        for (TokenRejection reason : TokenRejection.values()) {
            rejected.put(reason, Counter.builder("plexsrc.auth.rejected")
                    .description("Bearer tokens refused (answered 401), by reason")
                    .tag("reason", reason.label()).register(registry));
        }
    }

    void count(ParseException failure) {
        TokenRejection reason = TokenRejection.of(failure);
        rejected.get(reason).increment();
        LOG.debugf("bearer token rejected: %s: %s", reason.label(), reason.meaning());
    }
}
