package dev.plexsrc.database;

import java.sql.SQLException;
import java.util.function.Predicate;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;

/**
 * Recognises PostgreSQL's violation of one named constraint in a failure chain, whether it
 * arrives as Hibernate's translation or as the driver's own exception.
 */
public final class ConstraintViolation {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private ConstraintViolation() {
    }

    /** A duplicate refused by the unique constraint {@code constraint}. */
    public static Predicate<Throwable> unique(String constraint) {
        return of(UNIQUE_VIOLATION, constraint);
    }

    /** A reference to a row that is gone, refused by the foreign key {@code constraint}. */
    public static Predicate<Throwable> foreignKey(String constraint) {
        return of(FOREIGN_KEY_VIOLATION, constraint);
    }

    private static Predicate<Throwable> of(String sqlState, String constraint) {
        return failure -> {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ConstraintViolationException violation
                        && (constraint.equals(violation.getConstraintName())
                                || names(violation.getSQLException(), sqlState, constraint))) {
                    return true;
                }
                if (t instanceof PgException pg && sqlState.equals(pg.getSqlState()) && constraint.equals(pg.getConstraint())) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean names(SQLException e, String sqlState, String constraint) {
        return e != null && sqlState.equals(e.getSQLState()) && e.getMessage() != null
                && e.getMessage().contains("\"" + constraint + "\"");
    }
}
