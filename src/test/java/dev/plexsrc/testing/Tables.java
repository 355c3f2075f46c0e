package dev.plexsrc.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.eclipse.microprofile.config.ConfigProvider;

/** Empties tables of the run's database between tests, so each test starts from nothing. */
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

    /** Runs one query returning a single string, e.g. to read a stored column. */
    public static String queryString(String sql) {
        String database = ConfigProvider.getConfig().getValue("plexsrc.db.name", String.class);
        try (Connection connection = TestDatabase.connect(database); Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
