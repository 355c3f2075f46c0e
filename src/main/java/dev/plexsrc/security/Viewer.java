package dev.plexsrc.security;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link Caller} may see, taken once from the request: a change stream outlives its request
 * context, so it cannot ask the request's identity again for every event.
 *
 * @param expiresAt when the token stops being accepted ({@code exp} and the verifier's allowed skew),
 *        when the caller's stream must end
 */
public record Viewer(boolean admin, Set<String> permissions, Optional<Integer> userId, Instant expiresAt) {

    public boolean may(String permission) {
        return admin || permissions.contains(permission);
    }
}
