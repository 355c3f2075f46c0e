package dev.plexsrc.api.error;

import java.sql.SQLException;
import java.util.function.Predicate;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;

/**
 * Recognises PostgreSQL's unique-violation (23505) of one named constraint in a failure chain,
 * whether it arrives as Hibernate's translation or as the driver's own exception.
 */
public final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    public static Predicate<Throwable> of(String constraint) {
        return failure -> {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ConstraintViolationException violation
                        && (constraint.equals(violation.getConstraintName()) || names(violation.getSQLException(), constraint))) {
                    return true;
                }
                if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                        && constraint.equals(pg.getConstraint())) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean names(SQLException e, String constraint) {
        return e != null && UNIQUE_VIOLATION.equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().contains("\"" + constraint + "\"");
    }
}
