package dev.plexsrc.api.error;

import java.util.function.Predicate;

import io.vertx.pgclient.PgException;

/** Recognises PostgreSQL's unique-violation (23505) of one named constraint in a failure chain. */
public final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    public static Predicate<Throwable> of(String constraint) {
        return failure -> {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                        && constraint.equals(pg.getConstraint())) {
                    return true;
                }
            }
            return false;
        };
    }
}
