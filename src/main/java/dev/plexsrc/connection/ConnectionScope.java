package dev.plexsrc.connection;

import dev.plexsrc.list.Criteria;

/** Which connections a caller works with: 404 for those out of sight, 403 for those seen but not theirs to change. */
public interface ConnectionScope<O> {

    /** Restricts {@code criteria} to the connections in sight, given the owner's column. */
    Criteria restrict(Criteria criteria, String ownerColumn);

    boolean sees(O owner);

    /** Whether a connection in sight may also be changed or deleted. */
    boolean changes(O owner);

    /** Every connection, when the route's permission alone decides. */
    static <O> ConnectionScope<O> all() {
        return new ConnectionScope<>() {
            @Override
            public Criteria restrict(Criteria criteria, String ownerColumn) {
                return criteria;
            }

            @Override
            public boolean sees(O owner) {
                return true;
            }

            @Override
            public boolean changes(O owner) {
                return true;
            }
        };
    }
}
