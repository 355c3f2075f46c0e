package dev.plexsrc.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.TestDatabase;

/**
 * Started with Quarkus' own datasource URL settings pointing at a fresh database (and no
 * PLEXSRC_DB_*), the packaged application refuses to start, naming the settings to use instead,
 * before it has migrated anything: neither that database nor the default one ({@code postgres})
 * gets a migration.
 */
class OneDatabaseIT {

    private static final String USE_INSTEAD = " set, which would point the API or its migrations at another database"
            + " than the one PLEXSRC_DB_HOST, PLEXSRC_DB_PORT and PLEXSRC_DB_NAME name. The API and its migrations use"
            + " one database: remove %s and set PLEXSRC_DB_HOST, PLEXSRC_DB_PORT and PLEXSRC_DB_NAME instead (the"
            + " credentials: QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD).";

    @ParameterizedTest(name = "{0} (migrate at start: {1})")
    @CsvSource(delimiter = '|', value = {
        "QUARKUS_DATASOURCE_REACTIVE_URL | true | QUARKUS_DATASOURCE_REACTIVE_URL (quarkus.datasource.reactive.url) is",
        "QUARKUS_DATASOURCE_REACTIVE_URL | false | QUARKUS_DATASOURCE_REACTIVE_URL (quarkus.datasource.reactive.url) is",
        "QUARKUS_DATASOURCE_JDBC_URL | true | QUARKUS_DATASOURCE_JDBC_URL (quarkus.datasource.jdbc.url) is",
        "QUARKUS_DATASOURCE_REACTIVE_URL QUARKUS_DATASOURCE_JDBC_URL | true | QUARKUS_DATASOURCE_REACTIVE_URL"
                + " (quarkus.datasource.reactive.url), QUARKUS_DATASOURCE_JDBC_URL (quarkus.datasource.jdbc.url) are",
        "QUARKUS_DATASOURCE_MIGRATIONS_JDBC_URL | true | QUARKUS_DATASOURCE_MIGRATIONS_JDBC_URL"
                + " (quarkus.datasource.migrations.jdbc.url) is",
    })
    void quarkusOwnUrlSettingsRefuseToStartBeforeMigratingAnything(String settings, boolean migrateAtStart, String named)
            throws SQLException {
        String database = TestDatabase.create();
        try {
            Map<String, String> env = new HashMap<>();
            env.put("PLEXSRC_MIGRATE_AT_START", Boolean.toString(migrateAtStart));
            for (String setting : settings.split(" ")) {
                String url = "postgresql://" + TestDatabase.address() + "/" + database;
                env.put(setting, setting.endsWith("JDBC_URL") ? "jdbc:" + url : url);
            }
            long defaultDatabaseMigrations = migrationsIn("postgres");

            PackagedApp.Run start = PackagedApp.runToExit("OneDatabaseIT-" + settings.replace(' ', '-') + "-" + migrateAtStart, env);

            assertNotEquals(0, start.exitValue(), start.log());
            String them = named.endsWith(" are") ? "them" : "it";
            assertTrue(start.log().contains("Refusing to start: " + named + USE_INSTEAD.formatted(them)), start.log());
            assertEquals(List.of(), tables(database), "tables in " + database);
            assertEquals(defaultDatabaseMigrations, migrationsIn("postgres"), "migrations recorded in postgres");
        } finally {
            TestDatabase.drop(database);
        }
    }

    private static List<String> tables(String database) throws SQLException {
        try (Connection connection = TestDatabase.connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            List<String> tables = new ArrayList<>();
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            return tables;
        }
    }

    /** The rows of Flyway's history table in {@code database}, 0 where it has none. */
    private static long migrationsIn(String database) throws SQLException {
        try (Connection connection = TestDatabase.connect(database); Statement statement = connection.createStatement();
                ResultSet exists = statement.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return 0;
            }
        }
        try (Connection connection = TestDatabase.connect(database); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            count.next();
            return count.getLong(1);
        }
    }
}
