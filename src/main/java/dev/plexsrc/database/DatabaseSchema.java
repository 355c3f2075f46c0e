package dev.plexsrc.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Whether the database's schema is the one this build was made for: the newest migration recorded
 * as applied in Flyway's history table ({@link SchemaMigrator} keeps it; read through the reactive
 * pool) against the newest migration of {@code db/migration}, which the build writes to
 * {@value #EXPECTED_VERSION}. A newer schema (a rollback after a later release migrated) is served
 * too: refusing it would leave no instance serving, and a release's migrations are the ones to keep
 * the release before working.
 * Once current it stays so, and the history table is not read again.
 */
@Singleton
public class DatabaseSchema {

    static final String EXPECTED_VERSION = "db/expected-schema-version";

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class);
    private static final String APPLIED_VERSIONS = "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL";
    private static final String UNDEFINED_TABLE = "42P01";

    /** What one look at the history table found: {@code found} is null where no migration is recorded (or no table). */
    public record State(SchemaVersion found, SchemaVersion expected) {

        public boolean current() {
            return found != null && found.compareTo(expected) >= 0;
        }

        /** The found version as readiness reports it. */
        public String foundVersion() {
            return found == null ? "none" : found.toString();
        }

        String describe() {
            if (current()) {
                return "Database schema at version " + found + " (this build needs " + expected + "): serving";
            }
            String schema = found == null ? "The database has no schema (no migration in flyway_schema_history)"
                    : "The database schema is at version " + found;
            return schema + ", but this build needs version " + expected + ": not ready until the migration Job has"
                    + " run (this image with QUARKUS_INIT_AND_EXIT=true and PLEXSRC_MIGRATE_AT_START=true)";
        }
    }

    private final Pool pool;
    private final SchemaVersion expected;
    /** Set once the schema was found current; from then on it is never read again. */
    private volatile State current;
    /** What was last logged, so that each probe of an unchanged schema does not log it again. */
    private final AtomicReference<State> reported = new AtomicReference<>();

    public DatabaseSchema(Pool pool) {
        this.pool = pool;
        this.expected = SchemaVersion.parse(readExpectedVersion());
    }

    public boolean isCurrent() {
        return current != null;
    }

    /** The schema's state: known without a query once current, else read from the history table. */
    public Uni<State> check() {
        State known = current;
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return pool.query(APPLIED_VERSIONS).execute()
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(row -> SchemaVersion.parse(row.getString("version")))
                        .max(Comparator.naturalOrder()).orElse(null))
                .onFailure(DatabaseSchema::noHistoryTable).recoverWithNull()
                .map(found -> remember(new State(found, expected)));
    }

    // Says at start-up what the schema is, before any probe asks.
    void reportAtStart(@Observes StartupEvent event) {
        check().subscribe().with(state -> { },
                failure -> LOG.debugf("the schema version could not be read at start-up: %s", failure));
    }

    private State remember(State state) {
        if (state.current()) {
            current = state;
        }
        State before = reported.getAndSet(state);
        if (before == null || !Objects.equals(before.found(), state.found())) {
            if (state.current()) {
                LOG.info(state.describe());
            } else {
                LOG.warn(state.describe());
            }
        }
        return state;
    }

    private static boolean noHistoryTable(Throwable failure) {
        return failure instanceof PgException pg && UNDEFINED_TABLE.equals(pg.getSqlState());
    }

    private static String readExpectedVersion() {
        try (InputStream in = DatabaseSchema.class.getClassLoader().getResourceAsStream(EXPECTED_VERSION)) {
            if (in == null) {
                throw new IllegalStateException(EXPECTED_VERSION + " is missing: the build writes it (./mvnw process-resources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
