package dev.plexsrc.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.TestDatabase;

/**
 * The packaged application fails its start, with a log line that says why, where its migrations
 * fail: the migration Job (init and exit) exits non-zero before the re-encryption, and a serving
 * start exits non-zero before it listens; the database is left as it was.
 */
class MigrationAtStartIT {

    private static final String V5_FAILED = "Migration V5__plex_source_2026_fields.sql failed and was rolled back:"
            + " ERROR: column \"promoted\" of relation \"plex_source\" already exists (SQLSTATE 42701)";

    @Test
    void aFailingScriptFailsTheMigrationJobAndChangesNothing() throws SQLException {
        String database = TestDatabase.create();
        try {
            TestDatabase.migrate(database, "4");
            execute(database, "ALTER TABLE plex_source ADD COLUMN promoted boolean");

            PackagedApp.Run job = PackagedApp.runToExit("MigrationAtStartIT-failing-job", Map.of(
                    "QUARKUS_INIT_AND_EXIT", "true",
                    "PLEXSRC_MIGRATE_AT_START", "true",
                    "PLEXSRC_TOKEN_ENCRYPTION_REENCRYPT_AT_START", "true",
                    "PLEXSRC_DB_NAME", database));

            assertNotEquals(0, job.exitValue(), job.log());
            assertTrue(job.log().contains("ERROR [de.pl.da.SchemaMigrator] (main)  " + V5_FAILED), job.log());
            assertFalse(job.log().contains("re-encrypting"), job.log());
            assertEquals(List.of("1", "2", "3", "4"), rows(database, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"));
            assertEquals(List.of("promoted"), rows(database, "SELECT column_name FROM information_schema.columns"
                    + " WHERE table_name = 'plex_source' AND column_name IN ('promoted', 'icon')"));
        } finally {
            TestDatabase.drop(database);
        }
    }

    @Test
    void aChangedAppliedScriptRefusesAServingStart() throws SQLException {
        String database = TestDatabase.create();
        try {
            TestDatabase.migrate(database, "5");
            execute(database, "UPDATE flyway_schema_history SET checksum = 1 WHERE version = '2'");

            PackagedApp.Run start = PackagedApp.runToExit("MigrationAtStartIT-checksum", Map.of(
                    "PLEXSRC_MIGRATE_AT_START", "true",
                    "PLEXSRC_DB_NAME", database));

            assertNotEquals(0, start.exitValue(), start.log());
            assertTrue(start.log().contains("ERROR [de.pl.da.SchemaMigrator] (main)  Migration checksum mismatch for"
                    + " V2__plex_connections.sql: applied to the database with 1, the script now has -1197978335. An applied"
                    + " migration must not change: restore the script and put the change in a new one"), start.log());
            assertFalse(start.log().contains("Listening on"), start.log());
        } finally {
            TestDatabase.drop(database);
        }
    }

    private static void execute(String database, String sql) throws SQLException {
        try (Connection connection = TestDatabase.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> rows(String database, String query) throws SQLException {
        try (Connection connection = TestDatabase.connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            return found;
        }
    }
}
