package dev.plexsrc.database;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.SqlConnection;

/**
 * The reactive pool, made here rather than by Quarkus:
 * <ol>
 * <li>Opening a connection to PostgreSQL times out after {@code plexsrc.db.connect-timeout}
 * (Quarkus has no setting for it; a minute by default, so a partition held every request that long).</li>
 * <li>Waiting for a free connection is bounded by the request deadline, not the pool's own wait
 * timer: that timer (Vert.x 4.5.25) also fires for a request whose connection attempt already
 * failed, and logs an ERROR with a stack trace each time ("Result is already complete").</li>
 * <li>Every connection it lends is wrapped: see {@link LentConnectionsHandled}.</li>
 * <li>The SQL client's gauges are left out of the metrics: see {@link #PER_CONNECTION_GAUGES}.</li>
 * </ol>
 * The one place that names the deprecated {@link PgPool}: Quarkus 3.34 casts what a
 * {@link PgPoolCreator} returns to it (PgPoolRecorder), so the wrapper must be one.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private static final Logger LOG = Logger.getLogger(DatabasePool.class);

    /**
     * Quarkus' Vert.x metrics register the SQL client's gauges ({@code postgresql.queue.size},
     * {@code postgresql.current}) for every connection under one name, in the global registry: from
     * the second connection on each registration is refused (the first with a WARN), and the gauge
     * shows the first connection alone. The timers and counters, which add up every connection, stay.
     * The filter is in place before the pool's first connection, which Hibernate's database version
     * check opens before Quarkus applies the filters it knows of.
     */
    private static final MeterFilter PER_CONNECTION_GAUGES = MeterFilter.deny(
            id -> id.getType() == Meter.Type.GAUGE && "sql".equals(id.getTag("clientType")));
    /** The global registry outlives an application started twice in one JVM (tests). */
    private static final AtomicBoolean GAUGES_FILTERED = new AtomicBoolean();

    private final Duration connectTimeout;

    public DatabasePool(@ConfigProperty(name = "plexsrc.db.connect-timeout") Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Pool create(Input input) {
        if (GAUGES_FILTERED.compareAndSet(false, true)) {
            Metrics.globalRegistry.config().meterFilter(PER_CONNECTION_GAUGES);
        }
        input.pgConnectOptionsList().forEach(options -> options.setConnectTimeout((int) connectTimeout.toMillis()));
        // No wait timeout of the pool's own: the request deadline bounds the wait.
        input.poolOptions().setConnectionTimeout(0);
        List<SqlConnectOptions> databases = List.copyOf(input.pgConnectOptionsList());
        return new LentConnectionsHandled(PgBuilder.pool().with(input.poolOptions()).connectingTo(databases)
                .using(input.vertx()).build());
    }

    /**
     * What every lent connection gets:
     * <ol>
     * <li>An exception handler: Vert.x prints the stack trace of a connection lost while lent out to
     * standard error when it has none (SqlConnectionBase), and Hibernate Reactive sets none. The loss
     * reaches the request anyway, as its statement failing.</li>
     * <li>Lent to a request with a deadline, it commits only within it ({@link DeadlineBoundConnection});
     * one that arrives after the deadline is handed back unused.</li>
     * </ol>
     */
    @SuppressWarnings("deprecation") // PgPool, and the Pool methods it must still pass on.
    private static final class LentConnectionsHandled implements PgPool {

        private final Pool pool;

        LentConnectionsHandled(Pool pool) {
            this.pool = pool;
        }

        @Override
        public Future<SqlConnection> getConnection() {
            // The request's context is current only here, where the request asks for a connection.
            WriteDeadline deadline = WriteDeadline.current();
            return pool.getConnection().compose(connection -> {
                connection.exceptionHandler(
                        lost -> LOG.debugf("a lent connection was lost: %s", lost.getClass().getName()));
                if (deadline == null) {
                    return Future.succeededFuture(connection);
                }
                if (deadline.passed()) {
                    connection.close();
                    return Future.failedFuture(new RequestDeadlineInterceptor.DeadlineExceeded());
                }
                return Future.succeededFuture(new DeadlineBoundConnection(connection, deadline));
            });
        }

        @Override
        public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
            getConnection().onComplete(handler);
        }

        @Override
        public Query<RowSet<Row>> query(String sql) {
            return pool.query(sql);
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
            return pool.preparedQuery(sql);
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
            return pool.preparedQuery(sql, options);
        }

        @Override
        public PgPool connectHandler(Handler<SqlConnection> handler) {
            pool.connectHandler(handler);
            return this;
        }

        @Override
        public PgPool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
            pool.connectionProvider(provider);
            return this;
        }

        @Override
        public int size() {
            return pool.size();
        }

        @Override
        public void close(Handler<AsyncResult<Void>> handler) {
            pool.close(handler);
        }

        @Override
        public Future<Void> close() {
            return pool.close();
        }
    }
}
