package dev.plexsrc.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * authentik's permission codenames for {@code @PermissionsAllowed}: a caller holds one when it is
 * among the token's groups, and the admin role holds them all. Resources declare what they need,
 * so it is checked before the body is read: 403 comes before 404 and 400, as in Django REST
 * framework.
 */
@ApplicationScoped
public class AuthentikPermissions implements SecurityIdentityAugmentor {

    private final AuthSettings settings;

    public AuthentikPermissions(AuthSettings settings) {
        this.settings = settings;
    }

    /** Whether {@code identity} holds {@code permission}: the one rule, also behind {@link Caller#may}. */
    static boolean holds(SecurityIdentity identity, String adminRole, String permission) {
        return identity.hasRole(adminRole) || identity.hasRole(permission);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        String adminRole = settings.adminRole();
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addPermissionChecker(permission -> Uni.createFrom().item(holds(identity, adminRole, permission.getName())))
                .build());
    }
}
