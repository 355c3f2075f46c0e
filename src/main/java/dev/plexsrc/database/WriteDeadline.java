package dev.plexsrc.database;

import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.sqlclient.DatabaseException;

/**
 * The request deadline as the request's writes see it. A call past its deadline answers 503,
 * "try again", which is only true if its write can no longer commit: so a COMMIT (or a statement
 * that commits on its own) is sent only while the deadline has not passed, and once one is sent
 * the deadline answers 504 instead, the outcome unknown. Whichever of the deadline's timer and
 * the commit leaves {@code OPEN} first decides, atomically, whatever thread each runs on.
 */
public final class WriteDeadline {

    private static final String KEY = WriteDeadline.class.getName();

    private enum State { OPEN, COMMIT_SENT, PASSED }

    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);

    private WriteDeadline() {
    }

    /** A deadline for the request on the current Vert.x context, where its database calls find it. */
    static WriteDeadline start() {
        WriteDeadline deadline = new WriteDeadline();
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, deadline);
        }
        return deadline;
    }

    /** The deadline of the request running on the current context; null outside one (start-up, health checks). */
    static WriteDeadline current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.<WriteDeadline>get(KEY).orElse(null) : null;
    }

    /**
     * Claims the right to send a commit: true while the deadline has not passed (from then on it
     * answers 504), false once it has (the request answered 503, so nothing may commit).
     */
    boolean claimCommit() {
        return state.compareAndSet(State.OPEN, State.COMMIT_SENT) || state.get() == State.COMMIT_SENT;
    }

    /**
     * Whether a sent commit that failed is unconfirmed rather than refused: PostgreSQL answered no
     * error (the connection was lost), so it may have applied it.
     */
    static boolean unanswered(Throwable failure) {
        return !(failure instanceof DatabaseException);
    }

    boolean passed() {
        return state.get() == State.PASSED;
    }

    /** The deadline has passed: what the request answers. */
    RuntimeException pass() {
        if (state.compareAndSet(State.OPEN, State.PASSED) || state.get() == State.PASSED) {
            return new RequestDeadlineInterceptor.DeadlineExceeded();
        }
        return new RequestDeadlineInterceptor.CommitUnconfirmed();
    }
}
