package dev.plexsrc.database;

import java.time.Duration;

import jakarta.ws.rs.Priorities;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.plexsrc.error.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * Until the database schema is the one this build needs ({@link DatabaseSchema}), every API call
 * answers 503 with Retry-After instead of running its statements against tables or columns that
 * are not there yet; readiness is DOWN meanwhile. Once the schema was found current, it costs
 * nothing: no interceptor, no timer, only a field read. A look at the schema answers within the
 * request deadline, past which the call answers 503 as the database being unavailable.
 */
public class SchemaGate {

    static final String NOT_MIGRATED = "Database schema not migrated to this release yet, try again shortly.";
    private static final int RETRY_AFTER_SECONDS = 5;

    private final DatabaseSchema schema;
    private final Duration timeout;

    public SchemaGate(DatabaseSchema schema, @ConfigProperty(name = "plexsrc.request-timeout") Duration timeout) {
        this.schema = schema;
        this.timeout = timeout;
    }

    // Before the other filters (Priorities.USER), so that none takes anything for a call refused here.
    @ServerRequestFilter(priority = Priorities.USER - 1)
    public Uni<Void> admit() {
        if (schema.isCurrent()) {
            return Uni.createFrom().voidItem();
        }
        return schema.check()
                .ifNoItem().after(timeout).failWith(RequestDeadlineInterceptor.DeadlineExceeded::new)
                .map(state -> {
                    if (!state.current()) {
                        throw new ApiException(503, NOT_MIGRATED, RETRY_AFTER_SECONDS);
                    }
                    return null;
                });
    }
}
