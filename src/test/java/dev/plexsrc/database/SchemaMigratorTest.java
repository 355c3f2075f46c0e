package dev.plexsrc.database;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.TcpProxy;
import dev.plexsrc.testing.TestDatabase;

/**
 * The migrator against the machine's PostgreSQL, each test on a database of its own, through a
 * reactive pool as the application's: Flyway's history table and rows on a fresh database, a
 * history that the Flyway-based release wrote continued, and every refusal of Flyway's
 * validate-on-migrate; a failing script changes nothing, and two instances at once apply each script
 * once.
 */
class SchemaMigratorTest {

    private static final List<MigrationScript> BUILD = MigrationScript.ofThisBuild();
    /** flyway_schema_history as Flyway 12 creates it for PostgreSQL: columns, then indexes and constraints. */
    private static final List<String> FLYWAY_TABLE = List.of(
            "installed_rank|integer|null|NO|null",
            "version|character varying|50|YES|null",
            "description|character varying|200|NO|null",
            "type|character varying|20|NO|null",
            "script|character varying|1000|NO|null",
            "checksum|integer|null|YES|null",
            "installed_by|character varying|100|NO|null",
            "installed_on|timestamp without time zone|null|NO|now()",
            "execution_time|integer|null|NO|null",
            "success|boolean|null|NO|null",
            "CREATE UNIQUE INDEX flyway_schema_history_pk ON public.flyway_schema_history USING btree (installed_rank)",
            "CREATE INDEX flyway_schema_history_s_idx ON public.flyway_schema_history USING btree (success)",
            "flyway_schema_history_pk|PRIMARY KEY (installed_rank)");
    /** What Flyway recorded for this build's scripts (installed_by aside, which is the database user). */
    private static final List<String> FLYWAY_ROWS = List.of(
            "1|1|plex source|SQL|db/migration/V1__plex_source.sql|-208857887|t",
            "2|2|plex connections|SQL|db/migration/V2__plex_connections.sql|-1197978335|t",
            "3|3|change log|SQL|db/migration/V3__change_log.sql|336019765|t",
            "4|4|change log without commit lock|SQL|db/migration/V4__change_log_without_commit_lock.sql|1988092953|t",
            "5|5|plex source 2026 fields|SQL|db/migration/V5__plex_source_2026_fields.sql|2052857070|t");
    /** The advisory lock Flyway 12 takes for "public"."flyway_schema_history" (77431708279161 + the name's hash code). */
    private static final long FLYWAY_LOCK = 77433833903597L;
    private static final MigrationScript SIX = MigrationScript.of("V6__source_notes.sql",
            "CREATE TABLE source_note (id bigint PRIMARY KEY, note text NOT NULL);\n");

    private String database;
    private TestDatabase.ReactivePool pool;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
        pool = TestDatabase.reactivePool(database);
    }

    @AfterEach
    void dropDatabase() {
        pool.close();
        TestDatabase.drop(database);
    }

    @Test
    void aFreshDatabaseGetsEveryScriptAndTheHistoryFlywayWouldHaveWritten() throws SQLException {
        SchemaMigrator.Outcome outcome = new SchemaMigrator(pool.pool()).migrate(BUILD);

        assertEquals(5, outcome.applied());
        assertEquals("5", outcome.version().toString());
        assertEquals(FLYWAY_TABLE, historyTable());
        assertEquals(FLYWAY_ROWS, history());
        assertEquals(List.of(TestDatabase.user()), rows("SELECT DISTINCT installed_by FROM flyway_schema_history"));
        assertEquals(List.of("change_log", "change_log_horizon", "flyway_schema_history", "group_plex_source_connection", "plex_source",
                "user_plex_source_connection"), tables());

        SchemaMigrator.Outcome again = new SchemaMigrator(pool.pool()).migrate(BUILD);
        assertEquals(0, again.applied());
        assertEquals("5", again.version().toString());
        assertEquals(FLYWAY_ROWS, history());
    }

    @Test
    void aHistoryTheFlywayBasedReleaseWroteIsContinued() throws SQLException {
        restoreFlywayRelease();
        assertEquals(FLYWAY_TABLE, historyTable());
        List<String> flywayRows = rows("SELECT installed_rank, installed_on, execution_time FROM flyway_schema_history"
                + " ORDER BY installed_rank");

        SchemaMigrator.Outcome current = new SchemaMigrator(pool.pool()).migrate(BUILD);
        assertEquals(0, current.applied(), "Flyway's checksums are this build's: nothing to apply, nothing refused");
        assertEquals("5", current.version().toString());

        SchemaMigrator.Outcome next = new SchemaMigrator(pool.pool()).migrate(with(SIX));
        assertEquals(1, next.applied());
        assertEquals("6", next.version().toString());
        List<String> expected = new ArrayList<>(FLYWAY_ROWS);
        expected.add("6|6|source notes|SQL|db/migration/V6__source_notes.sql|" + SIX.checksum() + "|t");
        assertEquals(expected, history());
        assertEquals(flywayRows, rows("SELECT installed_rank, installed_on, execution_time FROM flyway_schema_history"
                + " WHERE installed_rank <= 5 ORDER BY installed_rank"), "Flyway's own rows stay as they were");
        assertEquals(List.of("0"), rows("SELECT count(*) FROM source_note"));
    }

    @Test
    void aFailedScriptOnADatabaseThatStopsAnsweringEndsTheRunWithinTheCleanupBound() throws Exception {
        new SchemaMigrator(pool.pool()).migrate(BUILD);
        MigrationScript broken = MigrationScript.of("V6__broken.sql", "INSERT INTO no_such_table VALUES (1);\n");
        TcpProxy proxy = TestDatabase.proxy();
        TestDatabase.ReactivePool through = TestDatabase.reactivePool(proxy, database);
        try {
            // The script's error comes back; then the database answers nothing: the rollback and the unlock wait.
            proxy.blackHoleAfter(TcpProxy.simpleQuery("ROLLBACK"));
            long start = System.nanoTime();

            SchemaMigrator.MigrationException failure = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(SchemaMigrator.MigrationException.class,
                            () -> new SchemaMigrator(through.pool(), Duration.ofMillis(500)).migrate(with(broken))));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertEquals("Migration V6__broken.sql failed at line 1 and was rolled back: ERROR: relation"
                    + " \"no_such_table\" does not exist (SQLSTATE 42P01)", failure.getMessage());
            assertTrue(millis >= 1_000 && millis < 10_000, "ended after " + millis + " ms: the rollback's and the unlock's 500 ms");
        } finally {
            proxy.close();
            through.close();
        }
        assertEquals(FLYWAY_ROWS, history());
    }

    @Test
    void aFailingScriptIsRolledBackWithNothingRecordedAndNamesItselfAndPostgresMessage() throws SQLException {
        new SchemaMigrator(pool.pool()).migrate(BUILD);
        MigrationScript broken = MigrationScript.of("V6__broken.sql",
                "CREATE TABLE half_done (id bigint);\n\nINSERT INTO no_such_table VALUES (1);\n");
        MigrationScript later = MigrationScript.of("V7__later.sql", "CREATE TABLE later (id bigint);\n");

        SchemaMigrator.MigrationException failure = assertThrows(SchemaMigrator.MigrationException.class,
                () -> new SchemaMigrator(pool.pool()).migrate(with(broken, later)));

        assertEquals("Migration V6__broken.sql failed at line 3 and was rolled back: ERROR: relation \"no_such_table\""
                + " does not exist (SQLSTATE 42P01)", failure.getMessage());
        assertEquals(FLYWAY_ROWS, history());
        assertEquals(List.of("f"), rows("SELECT to_regclass('half_done') IS NOT NULL"));
        // The run ended there: the later script was not applied either, and the pool is usable.
        assertEquals(List.of("f"), rows("SELECT to_regclass('later') IS NOT NULL"));
        assertEquals(1, new SchemaMigrator(pool.pool()).migrate(with(SIX)).applied());
    }

    @Test
    void aChangedScriptRefusesTheRunBeforeAnythingIsApplied() throws SQLException {
        new SchemaMigrator(pool.pool()).migrate(BUILD.subList(0, 3));
        List<MigrationScript> changed = new ArrayList<>(BUILD);
        changed.set(1, MigrationScript.of("V2__plex_connections.sql", BUILD.get(1).sql() + "-- an afterthought\n"));

        SchemaMigrator.MigrationException refused = assertThrows(SchemaMigrator.MigrationException.class,
                () -> new SchemaMigrator(pool.pool()).migrate(changed));

        assertEquals("Migration checksum mismatch for V2__plex_connections.sql: applied to the database with -1197978335,"
                + " the script now has " + changed.get(1).checksum() + ". An applied migration must not change: restore"
                + " the script and put the change in a new one", refused.getMessage());
        assertEquals(FLYWAY_ROWS.subList(0, 3), history());
    }

    @Test
    void aRenamedScriptIsRefused() throws SQLException {
        new SchemaMigrator(pool.pool()).migrate(BUILD);
        List<MigrationScript> renamed = new ArrayList<>(BUILD);
        renamed.set(4, MigrationScript.of("V5__plex_source_fields.sql", BUILD.get(4).sql()));

        SchemaMigrator.MigrationException refused = assertThrows(SchemaMigrator.MigrationException.class,
                () -> new SchemaMigrator(pool.pool()).migrate(renamed));

        assertEquals("Migration description mismatch for version 5: applied as \"plex source 2026 fields\", the script is"
                + " now V5__plex_source_fields.sql", refused.getMessage());
    }

    @Test
    void aFailedMigrationRecordedByFlywayIsRefused() throws SQLException {
        new SchemaMigrator(pool.pool()).migrate(BUILD.subList(0, 4));
        execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (5, '5', 'plex source 2026 fields', 'SQL',"
                + " 'db/migration/V5__plex_source_2026_fields.sql', 2052857070, 'postgres', 3, false)");

        SchemaMigrator.MigrationException refused = assertThrows(SchemaMigrator.MigrationException.class,
                () -> new SchemaMigrator(pool.pool()).migrate(BUILD));

        assertEquals("flyway_schema_history records a failed migration to version 5"
                + " (db/migration/V5__plex_source_2026_fields.sql): repair the schema by hand, then delete that row",
                refused.getMessage());
    }

    @Test
    void anAppliedMigrationThisBuildLacksIsRefusedUnlessNewerThanAllItsScripts() throws SQLException {
        new SchemaMigrator(pool.pool()).migrate(with(SIX));

        // A rollback to the release before: its newest script is older than what is applied.
        SchemaMigrator.Outcome rolledBack = new SchemaMigrator(pool.pool()).migrate(BUILD);
        assertEquals(0, rolledBack.applied());
        assertEquals("6", rolledBack.version().toString());

        List<MigrationScript> withoutThree = Stream.concat(BUILD.stream().filter(script -> !script.fileName().startsWith("V3__")),
                Stream.of(SIX)).toList();
        SchemaMigrator.MigrationException refused = assertThrows(SchemaMigrator.MigrationException.class,
                () -> new SchemaMigrator(pool.pool()).migrate(withoutThree));
        assertEquals("Migration version 3 (db/migration/V3__change_log.sql) is applied, but this build has no such script",
                refused.getMessage());
    }

    @Test
    void aScriptOlderThanTheAppliedOnesIsNotAppliedOutOfOrder() throws SQLException {
        new SchemaMigrator(pool.pool()).migrate(with(SIX));
        MigrationScript late = MigrationScript.of("V5_1__late.sql", "CREATE TABLE late (id bigint);\n");

        SchemaMigrator.MigrationException refused = assertThrows(SchemaMigrator.MigrationException.class,
                () -> new SchemaMigrator(pool.pool()).migrate(with(late, SIX)));

        assertEquals("Migration V5_1__late.sql was never applied, but version 6 is: a script older than the applied ones"
                + " is not applied out of order", refused.getMessage());
        assertEquals(List.of("f"), rows("SELECT to_regclass('late') IS NOT NULL"));
    }

    @Test
    void twoMigratorsAtOnceApplyEachScriptOnce() throws Exception {
        execute("CREATE TABLE gate (id int)");
        MigrationScript throughTheGate = MigrationScript.of("V6__through_the_gate.sql", "SELECT count(*) FROM gate;\n");
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try (TestDatabase.ReactivePool second = TestDatabase.reactivePool(database);
                Connection gate = TestDatabase.connect(database); Statement closing = gate.createStatement()) {
            gate.setAutoCommit(false);
            closing.execute("LOCK TABLE gate IN ACCESS EXCLUSIVE MODE");

            CompletableFuture<SchemaMigrator.Outcome> first = CompletableFuture.supplyAsync(
                    () -> new SchemaMigrator(pool.pool()).migrate(with(throughTheGate)), instances);
            await("the first instance at the gate, holding the migration lock").atMost(Duration.ofSeconds(30))
                    .until(() -> rows("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND wait_event_type = 'Lock' AND query LIKE '%FROM gate%'").equals(List.of("1")));
            CompletableFuture<SchemaMigrator.Outcome> other = CompletableFuture.supplyAsync(
                    () -> new SchemaMigrator(second.pool()).migrate(with(throughTheGate)), instances);
            await("the second instance waiting for the migration lock").atMost(Duration.ofSeconds(30))
                    .until(() -> rows("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                            .equals(List.of("1")));
            assertEquals(List.of("f"), rows("SELECT pg_try_advisory_lock(" + FLYWAY_LOCK + ")"),
                    "a Flyway-based instance would wait as well");
            assertFalse(first.isDone() || other.isDone());

            gate.rollback();
            assertEquals(6, first.get(60, TimeUnit.SECONDS).applied());
            SchemaMigrator.Outcome late = other.get(60, TimeUnit.SECONDS);
            assertEquals(0, late.applied());
            assertEquals("6", late.version().toString());
        } finally {
            instances.shutdownNow();
        }
        List<String> expected = new ArrayList<>(FLYWAY_ROWS);
        expected.add("6|6|through the gate|SQL|db/migration/V6__through_the_gate.sql|" + throughTheGate.checksum() + "|t");
        assertEquals(expected, history());
    }

    private static List<MigrationScript> with(MigrationScript... more) {
        return Stream.concat(BUILD.stream(), Stream.of(more)).toList();
    }

    private void restoreFlywayRelease() throws SQLException {
        execute(TestDatabase.resource("database/flyway-release-v5.sql"));
    }

    private List<String> history() throws SQLException {
        return rows("SELECT installed_rank, version, description, type, script, checksum, success FROM flyway_schema_history"
                + " ORDER BY installed_rank");
    }

    private List<String> historyTable() throws SQLException {
        List<String> shape = new ArrayList<>(rows("SELECT column_name, data_type, character_maximum_length, is_nullable,"
                + " column_default FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = 'flyway_schema_history' ORDER BY ordinal_position"));
        shape.addAll(rows("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'flyway_schema_history'"
                + " ORDER BY indexname"));
        shape.addAll(rows("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'public.flyway_schema_history'::regclass ORDER BY conname"));
        return shape;
    }

    private List<String> tables() throws SQLException {
        return rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    }

    /** Each row's columns joined by |, null as "null". */
    private List<String> rows(String query) throws SQLException {
        try (Connection connection = TestDatabase.connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            ResultSetMetaData columns = rows.getMetaData();
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    values.add(String.valueOf(rows.getString(column)));
                }
                found.add(values.stream().collect(Collectors.joining("|")));
            }
            return found;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabase.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
