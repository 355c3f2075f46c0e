package dev.plexsrc.encryption;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import dev.plexsrc.testing.Tables;

/** Stored Plex tokens written and read straight in the run's database, as an operator's SQL would. */
final class StoredTokens {

    private StoredTokens() {
    }

    /** Inserts a source whose stored token is {@code token} of its row; its id. */
    static UUID insertSource(Connection connection, String slug, Function<TokenRow, String> token) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO plex_source (id, name, slug, client_id, plex_token) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, "Source " + slug);
            insert.setString(3, slug);
            insert.setString(4, "client-" + slug);
            insert.setString(5, token.apply(TokenTable.PLEX_SOURCE.row(id)));
            insert.executeUpdate();
        }
        return id;
    }

    /** Inserts user {@code user}'s connection to {@code source} whose stored token is {@code token} of its row; its id. */
    static int insertUserConnection(Connection connection, UUID source, int user, Function<TokenRow, String> token)
            throws SQLException {
        int id;
        try (PreparedStatement next = connection.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('user_plex_source_connection', 'id'))::int");
                ResultSet rows = next.executeQuery()) {
            rows.next();
            id = rows.getInt(1);
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO user_plex_source_connection "
                + "(id, user_id, source_id, identifier, plex_token) VALUES (?, ?, ?, ?, ?)")) {
            insert.setInt(1, id);
            insert.setInt(2, user);
            insert.setObject(3, source);
            insert.setString(4, "plex-" + user);
            insert.setString(5, token.apply(TokenTable.USER_CONNECTION.row(id)));
            insert.executeUpdate();
        }
        return id;
    }

    /** The stored token of one row. */
    static String get(TokenTable table, Object id) {
        return all(table).get(id.toString());
    }

    /** Replaces the stored token of one row. */
    static void set(TokenTable table, Object id, String stored) {
        try (Connection connection = Tables.connect(); PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table.tableName() + " SET plex_token = ? WHERE id = ?")) {
            update.setString(1, stored);
            update.setObject(2, id);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no row " + id + " in " + table.tableName());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every stored token of a table by row id. */
    static Map<String, String> all(TokenTable table) {
        Map<String, String> tokens = new TreeMap<>();
        try (Connection connection = Tables.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT id::text, plex_token FROM " + table.tableName()); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tokens.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tokens;
    }
}
