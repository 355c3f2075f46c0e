package dev.plexsrc.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who the caller is, what makes them an administrator, and how long a verified token is trusted. */
@ConfigMapping(prefix = "plexsrc.auth")
public interface AuthSettings {

    /** Role in the {@code groups} claim that may do everything. */
    @WithDefault("admin")
    String adminRole();

    /** Claim holding the caller's integer user id. */
    @WithDefault("sub")
    String userIdClaim();

    TokenCache tokenCache();

    /** Tokens whose signature was verified, kept so that the next request with them skips the RSA check. */
    interface TokenCache {

        /** Most tokens kept at once; 0 verifies every request. */
        @WithDefault("2048")
        int size();

        /** Longest a verified token is trusted without verifying it again, however far away its {@code exp} is. */
        @WithDefault("60s")
        Duration maxAge();
    }
}
