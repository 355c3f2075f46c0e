package dev.plexsrc.connection.user;

import java.util.Optional;

import dev.plexsrc.connection.ConnectionScope;
import dev.plexsrc.list.Criteria;

/**
 * Which user connections a caller works with: all of them with the view permission, else only
 * their own; a caller with no integer user id then has none. Of those in sight, a caller changes
 * their own, and everyone's with the route's permission.
 */
public record OwnerScope(boolean everyone, Optional<Integer> userId, boolean changesOthers)
        implements ConnectionScope<Integer> {

    /** For reads: what the caller sees. */
    public static OwnerScope of(boolean mayViewAll, Optional<Integer> callerId) {
        return new OwnerScope(mayViewAll, callerId, false);
    }

    /** The same sight, for a change that the permission {@code mayChangeOthers} allows on everyone's. */
    public OwnerScope changing(boolean mayChangeOthers) {
        return new OwnerScope(everyone, userId, mayChangeOthers);
    }

    @Override
    public boolean sees(Integer owner) {
        return everyone || owns(owner);
    }

    @Override
    public boolean changes(Integer owner) {
        return changesOthers || owns(owner);
    }

    @Override
    public Criteria restrict(Criteria criteria, String ownerColumn) {
        if (everyone) {
            return criteria;
        }
        return userId.map(id -> criteria.equal(ownerColumn, id)).orElseGet(criteria::none);
    }

    private boolean owns(Integer owner) {
        return userId.map(id -> id.equals(owner)).orElse(false);
    }
}
