package dev.plexsrc.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.List;

import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;

/** Which failures answer 503 as the database being unreachable, however Mutiny and Hibernate wrap them. */
class DatabaseUnreachableTest {

    @Test
    void aStatementOnAConnectionTheOutageClosedIsUnreachableEvenWrappedTwice() {
        NoStackTraceThrowable closed = new NoStackTraceThrowable("Connection is not active now, current status: CLOSED");
        assertTrue(ErrorMappers.databaseUnreachable(
                new CompositeException(List.of(new HibernateException(closed), closed))));
    }

    @Test
    void aRefusedConnectionIsUnreachableAndABugIsNot() {
        assertTrue(ErrorMappers.databaseUnreachable(new HibernateException(new ConnectException("Connection refused"))));
        assertFalse(ErrorMappers.databaseUnreachable(new IllegalStateException("a bug")));
        assertFalse(ErrorMappers.databaseUnreachable(new NullPointerException()));
    }
}
