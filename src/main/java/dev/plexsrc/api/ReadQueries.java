package dev.plexsrc.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The hot read path's way to PostgreSQL: one prepared statement on the reactive pool, rows mapped
 * straight to response-ready objects, with no ORM session or managed state in between. Writes go
 * through the Panache entities. Statements are counted ({@code plexsrc_db_reads_total}), so a test
 * can prove what a request costs.
 */
@ApplicationScoped
public class ReadQueries {

    private final Pool pool;
    private final Counter statements;

    public ReadQueries(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.statements = Counter.builder("plexsrc.db.reads")
                .description("Statements run by the read path (retrieve and list)")
                .register(registry);
    }

    /** Runs {@code sql} (with {@code $1}, {@code $2}, ... placeholders) as a cached prepared statement. */
    public Uni<RowSet<Row>> run(String sql, Tuple parameters) {
        statements.increment();
        return pool.preparedQuery(sql).execute(parameters);
    }
}
