package dev.plexsrc.security;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * The authenticated caller of the current request: authentik permission codenames arrive as
 * groups in the token, and the admin role holds every permission.
 */
@Singleton
public class Caller {

    private static final Pattern USER_ID = Pattern.compile("^-?\\d{1,9}$");

    private final SecurityIdentity identity;
    private final AuthSettings settings;
    private final JWTAuthContextInfo verification;

    public Caller(SecurityIdentity identity, AuthSettings settings, JWTAuthContextInfo verification) {
        this.identity = identity;
        this.settings = settings;
        this.verification = verification;
    }

    public boolean may(String permission) {
        return AuthentikPermissions.holds(identity, settings.adminRole(), permission);
    }

    /** The caller's permissions, user id and token expiry, for use after the request context is gone. */
    public Viewer viewer() {
        // Every accepted JWT has an exp (SmallRye requires it); any other principal has no time left.
        Instant expiresAt = identity.getPrincipal() instanceof JsonWebToken token
                ? Instant.ofEpochSecond(token.getExpirationTime() + VerifiedTokenCache.graceAfterExpiry(verification))
                : Instant.EPOCH;
        return new Viewer(identity.hasRole(settings.adminRole()), Set.copyOf(identity.getRoles()), userId(), expiresAt);
    }

    /** Who the token speaks for ({@code sub}), to share per-caller limits among that caller's requests. */
    public String subject() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    /** The integer user id from the configured claim, empty when the claim is not an integer. */
    public Optional<Integer> userId() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(settings.userIdClaim());
        String text = claim == null ? "" : claim.toString();
        if (claim instanceof jakarta.json.JsonString json) {
            text = json.getString();
        }
        return USER_ID.matcher(text).matches() ? Optional.of(Integer.valueOf(text)) : Optional.empty();
    }
}
