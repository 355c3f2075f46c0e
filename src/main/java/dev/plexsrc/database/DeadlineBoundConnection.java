package dev.plexsrc.database;

import dev.plexsrc.database.RequestDeadlineInterceptor.CommitUnconfirmed;
import dev.plexsrc.database.RequestDeadlineInterceptor.DeadlineExceeded;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.spi.DatabaseMetadata;

/**
 * A pool connection lent to a request with a deadline: its transaction sends COMMIT only if the
 * deadline has not passed ({@link WriteDeadline#claimCommit()}), and rolls back otherwise. Hibernate
 * Reactive ends its transactions through {@link #transaction()}, Vert.x writes either as a simple
 * query ('Q' "COMMIT" or "ROLLBACK"). The ROLLBACK takes the socket the COMMIT would have: across a
 * partition PostgreSQL receives it once the network heals, or loses the connection and aborts the
 * transaction itself; either way it never receives a COMMIT. A sent COMMIT that gets no answer
 * (its connection lost) fails as unconfirmed, not as the database unreachable: it may have applied.
 */
final class DeadlineBoundConnection implements SqlConnection {

    private final SqlConnection connection;
    private final WriteDeadline deadline;
    /** The current transaction's COMMIT, once sent: until it is answered, the connection is not handed back. */
    private Future<Void> commitSent;

    DeadlineBoundConnection(SqlConnection connection, WriteDeadline deadline) {
        this.connection = connection;
        this.deadline = deadline;
    }

    @Override
    public Future<Transaction> begin() {
        commitSent = null;
        return connection.begin().map(DeadlineBoundTransaction::new);
    }

    @Override
    public void begin(Handler<AsyncResult<Transaction>> handler) {
        begin().onComplete(handler);
    }

    @Override
    public Transaction transaction() {
        Transaction transaction = connection.transaction();
        return transaction == null ? null : new DeadlineBoundTransaction(transaction);
    }

    @Override
    public SqlConnection prepare(String sql, Handler<AsyncResult<PreparedStatement>> handler) {
        connection.prepare(sql, handler);
        return this;
    }

    @Override
    public Future<PreparedStatement> prepare(String sql) {
        return connection.prepare(sql);
    }

    @Override
    public SqlConnection prepare(String sql, PrepareOptions options, Handler<AsyncResult<PreparedStatement>> handler) {
        connection.prepare(sql, options, handler);
        return this;
    }

    @Override
    public Future<PreparedStatement> prepare(String sql, PrepareOptions options) {
        return connection.prepare(sql, options);
    }

    @Override
    public SqlConnection exceptionHandler(Handler<Throwable> handler) {
        connection.exceptionHandler(handler);
        return this;
    }

    @Override
    public SqlConnection closeHandler(Handler<Void> handler) {
        connection.closeHandler(handler);
        return this;
    }

    @Override
    public boolean isSSL() {
        return connection.isSSL();
    }

    @Override
    public DatabaseMetadata databaseMetadata() {
        return connection.databaseMetadata();
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return connection.query(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return connection.preparedQuery(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return connection.preparedQuery(sql, options);
    }

    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        close().onComplete(handler);
    }

    /**
     * Waits for a sent COMMIT's answer first: Vert.x would roll back (which fails, the transaction
     * being committed) and lend the connection out again behind the unanswered COMMIT.
     */
    @Override
    public Future<Void> close() {
        return commitSent == null ? connection.close() : commitSent.transform(committed -> connection.close());
    }

    /** The connection's transaction, its COMMIT turned into a ROLLBACK once the deadline has passed. */
    private final class DeadlineBoundTransaction implements Transaction {

        private final Transaction transaction;

        DeadlineBoundTransaction(Transaction transaction) {
            this.transaction = transaction;
        }

        @Override
        public Future<Void> commit() {
            if (deadline.claimCommit()) {
                commitSent = transaction.commit().recover(failure -> Future.failedFuture(
                        WriteDeadline.unanswered(failure) ? new CommitUnconfirmed() : failure));
                return commitSent;
            }
            return transaction.rollback().transform(rolledBack -> Future.failedFuture(new DeadlineExceeded()));
        }

        @Override
        public void commit(Handler<AsyncResult<Void>> handler) {
            commit().onComplete(handler);
        }

        /** Once the COMMIT is sent (and the deadline cancels the request meanwhile), nothing is left to roll back. */
        @Override
        public Future<Void> rollback() {
            if (commitSent == null) {
                return transaction.rollback();
            }
            return commitSent.transform(committed -> Future.succeededFuture());
        }

        @Override
        public void rollback(Handler<AsyncResult<Void>> handler) {
            rollback().onComplete(handler);
        }

        @Override
        public void completion(Handler<AsyncResult<Void>> handler) {
            transaction.completion(handler);
        }

        @Override
        public Future<Void> completion() {
            return transaction.completion();
        }
    }
}
