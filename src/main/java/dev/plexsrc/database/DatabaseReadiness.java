package dev.plexsrc.database;

import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Ready while PostgreSQL answers within {@code plexsrc.health.database-timeout} and its schema is
 * the one this build needs ({@link DatabaseSchema}): a database that swallows packets makes the
 * instance not ready within the probe's own timeout, instead of leaving the probe without an
 * answer (the built-in check waits far longer), and an instance started before its migration ran
 * is not ready until it has. Once the schema was found current, {@code SELECT 1} is all it asks.
 */
@Readiness
@Singleton
public class DatabaseReadiness implements AsyncHealthCheck {

    private static final String NAME = "database";

    private final Pool pool;
    private final DatabaseSchema schema;
    private final Duration timeout;

    public DatabaseReadiness(Pool pool, DatabaseSchema schema,
            @ConfigProperty(name = "plexsrc.health.database-timeout") Duration timeout) {
        this.pool = pool;
        this.schema = schema;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Uni<HealthCheckResponse> answer = schema.isCurrent()
                ? pool.query("SELECT 1").execute().map(rows -> HealthCheckResponse.up(NAME))
                : schema.check().map(DatabaseReadiness::bySchema);
        return answer.ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("failure", failure.getClass().getSimpleName()).build());
    }

    private static HealthCheckResponse bySchema(DatabaseSchema.State state) {
        return HealthCheckResponse.named(NAME).status(state.current())
                .withData("schema", state.foundVersion())
                .withData("expected", state.expected().toString())
                .build();
    }
}
