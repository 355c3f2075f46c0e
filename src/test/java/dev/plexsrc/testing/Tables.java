package dev.plexsrc.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The run's database, seen directly by tests: tables emptied between tests so each starts from
 * nothing, stored values read back, and a fingerprint of all data to show a request changed none.
 */
public final class Tables {

    private Tables() {
    }

    public static void truncate(String... tables) {
        String database = ConfigProvider.getConfig().getValue("plexsrc.db.name", String.class);
        try (Connection connection = TestDatabase.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An md5 over the row versions of the three tables, in primary-key order: equal before and
     * after a request means the request committed no insert, update or delete. Every committed
     * write gives a row a new {@code xmin}, so no row's content has to be read.
     */
    public static String fingerprint(Connection connection) {
        String rows = "coalesce((SELECT string_agg(t.id || ':' || t.xmin, ',' ORDER BY t.id) FROM %s t), '')";
        return queryString(connection, "SELECT md5(" + String.join(" || '#' || ",
                rows.formatted("plex_source"),
                rows.formatted("user_plex_source_connection"),
                rows.formatted("group_plex_source_connection")) + ")");
    }

    /** A connection to the run's database, for a test that queries it many times (the caller closes it). */
    public static Connection connect() {
        try {
            return TestDatabase.connect(ConfigProvider.getConfig().getValue("plexsrc.db.name", String.class));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one query returning a single string, e.g. to read a stored column. */
    public static String queryString(String sql) {
        try (Connection connection = connect()) {
            return queryString(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one query returning a single string on {@code connection}. */
    public static String queryString(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
