package dev.plexsrc.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Applies migrations ({@link MigrationScript}) over the reactive pool, continuing the history that
 * Flyway kept, so that a database migrated by a Flyway-based release goes on as if Flyway did it, and
 * one migrated here still validates for such a release:
 * <ol>
 * <li>Everything runs on one connection, which holds a session advisory lock for the whole run, the
 * one Flyway takes for the same history table: two instances migrating at once (a Flyway-based one
 * included) apply a script once, the second waiting and then finding it applied.</li>
 * <li>The history table is Flyway's {@code flyway_schema_history} in the connection's current schema,
 * created with Flyway's DDL for PostgreSQL where it is missing.</li>
 * <li>What is recorded is checked as Flyway's validate-on-migrate checked it: a failed migration, a
 * script whose checksum or description differs from its applied row, an applied migration this build
 * does not have (unless newer than all of its scripts: a rollback to an older release), or a script
 * older than the newest applied that was never applied refuses the run before anything is applied.</li>
 * <li>Each pending script runs in version order in a transaction of its own, with its history row
 * (Flyway's columns and values: type SQL, its checksum, {@code current_user}); one that fails rolls
 * back, is logged with PostgreSQL's message, and ends the run.</li>
 * </ol>
 * It blocks the calling thread (the start-up thread; Mutiny refuses to wait on an event loop).
 */
@Singleton
public class SchemaMigrator {

    static final String HISTORY_TABLE = "flyway_schema_history";
    /** Flyway's PostgreSQL advisory lock is this plus the hash code of the quoted history table's name. */
    private static final long FLYWAY_LOCK = 77431708279161L;
    /** Flyway's DDL for PostgreSQL; %1$s is the quoted table, %2$s its quoted name alone for the constraint and index. */
    private static final String CREATE_HISTORY_TABLE = """
            CREATE TABLE %1$s (
                "installed_rank" INT NOT NULL,
                "version" VARCHAR(50),
                "description" VARCHAR(200) NOT NULL,
                "type" VARCHAR(20) NOT NULL,
                "script" VARCHAR(1000) NOT NULL,
                "checksum" INTEGER,
                "installed_by" VARCHAR(100) NOT NULL,
                "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
                "execution_time" INTEGER NOT NULL,
                "success" BOOLEAN NOT NULL
            );
            ALTER TABLE %1$s ADD CONSTRAINT "%2$s_pk" PRIMARY KEY ("installed_rank");
            CREATE INDEX "%2$s_s_idx" ON %1$s ("success");
            """;

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);
    /** A rollback or unlock on a connection that stopped answering must not hold the start (or the Job) for ever. */
    private static final Duration CLEANUP_BOUND = Duration.ofSeconds(30);

    private final Pool pool;
    private final Duration cleanupBound;

    @Inject
    public SchemaMigrator(Pool pool) {
        this(pool, CLEANUP_BOUND);
    }

    SchemaMigrator(Pool pool, Duration cleanupBound) {
        this.pool = pool;
        this.cleanupBound = cleanupBound;
    }

    /** What a run did: how many scripts it applied, and the newest version now applied (null: none). */
    public record Outcome(int applied, SchemaVersion version) {
    }

    /** A run that was refused or failed, with the reason as its message. */
    public static final class MigrationException extends RuntimeException {

        MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One versioned row of the history table. */
    private record Applied(SchemaVersion version, String description, String type, String script, Integer checksum,
            boolean success) {
    }

    /** Applies the scripts not applied yet; refuses, changing nothing, where the history does not fit them. */
    public Outcome migrate(List<MigrationScript> scripts) {
        List<MigrationScript> ordered = MigrationScript.inOrder(scripts);
        SqlConnection connection = pool.getConnectionAndAwait();
        try {
            String table = historyTable(connection);
            long lock = FLYWAY_LOCK + table.hashCode();
            lock(connection, lock);
            try {
                return migrate(connection, table, ordered);
            } finally {
                unlock(connection, lock);
            }
        } finally {
            connection.closeAndAwait();
        }
    }

    private Outcome migrate(SqlConnection connection, String table, List<MigrationScript> scripts) {
        Boolean exists = single(connection.query("SELECT to_regclass('" + table.replace("'", "''") + "') IS NOT NULL")
                .executeAndAwait()).getBoolean(0);
        if (!exists) {
            LOG.infof("Creating the schema history table %s", table);
            connection.query(CREATE_HISTORY_TABLE.formatted(table, HISTORY_TABLE)).executeAndAwait();
        }
        TreeMap<SchemaVersion, Applied> applied = new TreeMap<>();
        for (Row row : connection.query("SELECT version, description, type, script, checksum, success FROM " + table
                + " WHERE version IS NOT NULL ORDER BY installed_rank").executeAndAwait()) {
            Applied migration = new Applied(SchemaVersion.parse(row.getString("version")), row.getString("description"),
                    row.getString("type"), row.getString("script"), row.getInteger("checksum"), row.getBoolean("success"));
            applied.put(migration.version(), migration);
        }
        List<MigrationScript> pending = pending(scripts, applied);
        SchemaVersion current = applied.isEmpty() ? null : applied.lastKey();
        if (pending.isEmpty()) {
            LOG.infof("Database schema is up to date at version %s: no migration to apply", current);
            return new Outcome(0, current);
        }
        LOG.infof("Database schema at version %s: applying %d migration(s) up to version %s",
                current == null ? "none" : current, pending.size(), pending.get(pending.size() - 1).version());
        for (MigrationScript script : pending) {
            apply(connection, table, script);
        }
        return new Outcome(pending.size(), pending.get(pending.size() - 1).version());
    }

    /** The scripts to apply, in order; refuses a history that does not fit them, as Flyway's validation did. */
    private static List<MigrationScript> pending(List<MigrationScript> scripts, Map<SchemaVersion, Applied> applied) {
        Map<SchemaVersion, MigrationScript> local = new TreeMap<>();
        scripts.forEach(script -> local.put(script.version(), script));
        SchemaVersion newestLocal = scripts.isEmpty() ? null : scripts.get(scripts.size() - 1).version();
        SchemaVersion newestApplied = null;
        for (Applied migration : applied.values()) {
            if (!migration.success()) {
                throw refused("flyway_schema_history records a failed migration to version " + migration.version() + " ("
                        + migration.script() + "): repair the schema by hand, then delete that row");
            }
            if (!"SQL".equals(migration.type())) {
                throw refused("flyway_schema_history has a row of type " + migration.type() + " for version "
                        + migration.version() + ", which this migrator does not apply or skip: only SQL migrations");
            }
            MigrationScript script = local.get(migration.version());
            if (script == null) {
                if (newestLocal == null || migration.version().compareTo(newestLocal) < 0) {
                    throw refused("Migration version " + migration.version() + " (" + migration.script() + ") is applied,"
                            + " but this build has no such script");
                }
                LOG.infof("Migration version %s is applied but newer than this build's newest (%s): left as it is",
                        migration.version(), newestLocal);
            } else if (migration.checksum() == null || migration.checksum() != script.checksum()) {
                throw refused("Migration checksum mismatch for " + script.fileName() + ": applied to the database with "
                        + migration.checksum() + ", the script now has " + script.checksum() + ". An applied migration"
                        + " must not change: restore the script and put the change in a new one");
            } else if (!migration.description().equals(script.description())) {
                throw refused("Migration description mismatch for version " + migration.version() + ": applied as \""
                        + migration.description() + "\", the script is now " + script.fileName());
            }
            newestApplied = migration.version();
        }
        List<MigrationScript> pending = new ArrayList<>();
        for (MigrationScript script : scripts) {
            if (applied.containsKey(script.version())) {
                continue;
            }
            if (newestApplied != null && script.version().compareTo(newestApplied) < 0) {
                throw refused("Migration " + script.fileName() + " was never applied, but version " + newestApplied
                        + " is: a script older than the applied ones is not applied out of order");
            }
            pending.add(script);
        }
        return pending;
    }

    private void apply(SqlConnection connection, String table, MigrationScript script) {
        LOG.infof("Migrating to version %s (%s)", script.version(), script.fileName());
        long start = System.nanoTime();
        Transaction transaction = connection.beginAndAwait();
        try {
            connection.query(script.sql()).executeAndAwait();
            int millis = (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            connection.preparedQuery("INSERT INTO " + table + " (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) SELECT coalesce(max(installed_rank), 0) + 1, $1,"
                    + " $2, 'SQL', $3, $4, current_user, $5, true FROM " + table)
                    .executeAndAwait(Tuple.tuple(List.of(script.version().toString(), script.description(), script.script(),
                            script.checksum(), millis)));
            transaction.commitAndAwait();
        } catch (RuntimeException e) {
            transaction.rollback().onFailure().recoverWithNull()
                    .ifNoItem().after(cleanupBound).recoverWithUni(Uni.createFrom().nullItem()).await().indefinitely();
            String failure = "Migration " + script.fileName() + " failed" + line(script, e) + " and was rolled back: "
                    + describe(e);
            LOG.error(failure);
            throw new MigrationException(failure, e);
        }
    }

    /** The current schema's history table, quoted as Flyway names it (its lock is derived from that name). */
    private static String historyTable(SqlConnection connection) {
        String schema = single(connection.query("SELECT current_schema()").executeAndAwait()).getString(0);
        if (schema == null) {
            throw refused("The database user's search_path names no existing schema: no place for " + HISTORY_TABLE);
        }
        return quote(schema) + "." + quote(HISTORY_TABLE);
    }

    private static void lock(SqlConnection connection, long lock) {
        Tuple key = Tuple.of(lock);
        if (!single(connection.preparedQuery("SELECT pg_try_advisory_lock($1)").executeAndAwait(key)).getBoolean(0)) {
            LOG.info("Another instance is migrating this database: waiting for it to finish");
            connection.preparedQuery("SELECT pg_advisory_lock($1)").executeAndAwait(key);
        }
    }

    // A broken connection has lost its lock with its session; a failure here must not hide the run's own.
    private void unlock(SqlConnection connection, long lock) {
        connection.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(lock))
                .onFailure().invoke(failure -> LOG.debugf("releasing the migration lock failed: %s", failure))
                .onFailure().recoverWithNull()
                .ifNoItem().after(cleanupBound).recoverWithUni(Uni.createFrom().nullItem()).await().indefinitely();
    }

    private static Row single(Iterable<Row> rows) {
        return rows.iterator().next();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static MigrationException refused(String reason) {
        LOG.error(reason);
        return new MigrationException(reason, null);
    }

    /** Where in the script PostgreSQL found the error, as " at line N", when it says. */
    private static String line(MigrationScript script, RuntimeException failure) {
        if (failure instanceof PgException pg && pg.getPosition() != null) {
            int position = Math.min(Integer.parseInt(pg.getPosition()) - 1, script.sql().length());
            return " at line " + (script.sql().substring(0, position).chars().filter(c -> c == '\n').count() + 1);
        }
        return "";
    }

    private static String describe(RuntimeException failure) {
        if (failure instanceof PgException pg) {
            return pg.getSeverity() + ": " + pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")"
                    + (pg.getDetail() == null ? "" : "; " + pg.getDetail());
        }
        return failure.toString();
    }
}
