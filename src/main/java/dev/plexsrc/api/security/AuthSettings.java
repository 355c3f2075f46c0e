package dev.plexsrc.api.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who the caller is and what makes them an administrator. */
@ConfigMapping(prefix = "plexsrc.auth")
public interface AuthSettings {

    /** Role in the {@code groups} claim that may do everything. */
    @WithDefault("admin")
    String adminRole();

    /** Claim holding the caller's integer user id. */
    @WithDefault("sub")
    String userIdClaim();
}
