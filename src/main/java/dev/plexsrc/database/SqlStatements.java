package dev.plexsrc.database;

import java.util.List;
import java.util.function.Function;

import jakarta.inject.Singleton;

import dev.plexsrc.database.RequestDeadlineInterceptor.CommitUnconfirmed;
import dev.plexsrc.database.RequestDeadlineInterceptor.DeadlineExceeded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The hot paths' way to PostgreSQL: one prepared statement on the reactive pool, rows mapped
 * straight to read-model records, with no ORM session or managed state in between. Every read uses
 * it, and so does a write that is one statement by nature; writes of several statements go through
 * the Panache entities, whose transactions commit through {@link DeadlineBoundConnection}. Statements
 * are counted ({@code plexsrc_db_statements_total}), so a test can prove what a request costs.
 */
@Singleton
public class SqlStatements {

    private final Pool pool;
    private final Counter statements;

    public SqlStatements(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.statements = Counter.builder("plexsrc.db.statements")
                .description("Statements run on the reactive pool outside Hibernate")
                .register(registry);
    }

    /** Runs {@code sql} (with {@code $1}, {@code $2}, ... placeholders) as a cached prepared statement. */
    public Uni<RowSet<Row>> run(String sql, Tuple parameters) {
        statements.increment();
        return pool.preparedQuery(sql).execute(parameters);
    }

    /** Runs {@code sql} for at most one row: that row mapped, or null when there is none. */
    public <T> Uni<T> runForOne(String sql, Tuple parameters, Function<Row, T> mapper) {
        return run(sql, parameters).map(rows -> rows.size() == 0 ? null : mapper.apply(rows.iterator().next()));
    }

    /**
     * Runs {@code sql}, a write that commits on its own, for at most one row, as {@link #runForOne}
     * does. Sending it is the request's commit ({@link WriteDeadline}): it goes out only while the
     * request's deadline has not passed, and once out, the deadline answers 504.
     */
    public <T> Uni<T> writeForOne(String sql, Tuple parameters, Function<Row, T> mapper) {
        return Uni.createFrom().deferred(() -> {
            WriteDeadline deadline = WriteDeadline.current();
            return pool.withConnection(connection -> {
                if (deadline != null && !deadline.claimCommit()) {
                    return Uni.createFrom().failure(new DeadlineExceeded());
                }
                statements.increment();
                return connection.preparedQuery(sql).execute(parameters)
                        .onFailure(WriteDeadline::unanswered).transform(failure -> new CommitUnconfirmed());
            });
        }).map(rows -> rows.size() == 0 ? null : mapper.apply(rows.iterator().next()));
    }

    /**
     * Runs two statements with the same parameters on one connection, the second sent before the
     * first has answered (the client pipelines them): two plans, one round trip.
     */
    public Uni<Tuple2<RowSet<Row>, RowSet<Row>>> runTogether(String first, String second, Tuple parameters) {
        statements.increment(2);
        return pool.withConnection(connection -> Uni.combine().all()
                .unis(connection.preparedQuery(first).execute(parameters),
                        connection.preparedQuery(second).execute(parameters))
                .asTuple());
    }

    /** {@link #runTogether(String, String, Tuple)} for any number of statements: their rows in the same order. */
    public Uni<List<RowSet<Row>>> runTogether(List<String> sqls, Tuple parameters) {
        statements.increment(sqls.size());
        return pool.withConnection(connection -> Uni.combine().all()
                .unis(sqls.stream().map(sql -> connection.preparedQuery(sql).execute(parameters)).toList())
                .with(RowSet.class, rows -> rows.stream().<RowSet<Row>>map(SqlStatements::rows).toList()));
    }

    @SuppressWarnings("unchecked")
    private static RowSet<Row> rows(RowSet<?> rows) {
        return (RowSet<Row>) rows;
    }
}
