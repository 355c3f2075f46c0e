package dev.plexsrc.connection.user;

import java.util.Optional;

import dev.plexsrc.list.Criteria;

/**
 * Which user connections a caller can see: all of them, or only their own. A caller limited to
 * their own who has no integer user id sees none.
 */
public record OwnerScope(boolean everyone, Optional<Integer> userId) {

    public static OwnerScope of(boolean mayViewAll, Optional<Integer> callerId) {
        return new OwnerScope(mayViewAll, callerId);
    }

    public boolean sees(UserPlexSourceConnection connection) {
        return everyone || owns(connection);
    }

    public boolean owns(UserPlexSourceConnection connection) {
        return userId.isPresent() && userId.get() == connection.userId;
    }

    /** Restricts {@code criteria} (alias {@code c}) to what this scope may see. */
    Criteria restrict(Criteria criteria) {
        if (everyone) {
            return criteria;
        }
        return userId.map(id -> criteria.equal("c.user_id", id)).orElseGet(criteria::none);
    }
}
