package dev.plexsrc.api;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * The reactive pool with the timeout Quarkus has no setting for: opening a connection to
 * PostgreSQL (a minute by default, so a partition held every request that long). Waiting for a
 * free connection is bounded by the request deadline instead: the pool's own wait timer
 * (Vert.x 4.5.25) also fires for a request whose connection attempt already failed, and logs an
 * ERROR with a stack trace each time ("Result is already complete").
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

    private final Duration connectTimeout;

    public DatabasePool(@ConfigProperty(name = "plexsrc.db.connect-timeout") Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    @SuppressWarnings("deprecation") // Quarkus' pool bean is a PgPool, which only this factory makes.
    public Pool create(Input input) {
        input.pgConnectOptionsList().forEach(options -> options.setConnectTimeout((int) connectTimeout.toMillis()));
        // No wait timeout of the pool's own: the request deadline bounds the wait.
        input.poolOptions().setConnectionTimeout(0);
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
