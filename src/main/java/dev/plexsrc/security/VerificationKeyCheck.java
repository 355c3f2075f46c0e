package dev.plexsrc.security;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/** Refuses to start without a token verification key: a service that trusts no key is useless. */
public class VerificationKeyCheck {

    void onStart(@Observes StartupEvent event, Config config) {
        boolean configured = config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent();
        if (!configured) {
            throw new IllegalStateException("No JWT verification key: set MP_JWT_VERIFY_PUBLICKEY (inline PEM or JWKS) "
                    + "or MP_JWT_VERIFY_PUBLICKEY_LOCATION (file or JWKS URL)");
        }
    }
}
