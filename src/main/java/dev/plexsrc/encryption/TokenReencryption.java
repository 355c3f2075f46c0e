package dev.plexsrc.encryption;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * Re-encrypts every stored Plex token that is not under the current key, so that older keys can
 * be removed. {@link TokenReencryptionAtStart} runs it right after the migrations; it works over
 * the migrations' JDBC datasource, on the thread that calls it.
 * <p>
 * Each table is walked in primary-key order in batches of one transaction each, taking only rows
 * no one else holds ({@code FOR NO KEY UPDATE SKIP LOCKED}): replicas running it at once share the
 * rows, and none of them waits for another or for API writes. A second walk then takes the rows
 * left over one at a time, waiting for their lock: a transaction that holds nothing else while it
 * waits cannot deadlock, and once it has the lock PostgreSQL re-checks the row, so a row another
 * replica re-encrypted meanwhile is passed over. No row is re-encrypted twice, and when a run ends
 * every row it could decrypt is under the current key. Rows already under the current key are not
 * read; rows no configured key decrypts stay as they are and are logged by id.
 */
@Singleton
public class TokenReencryption {

    private static final Logger LOG = Logger.getLogger(TokenReencryption.class);
    private static final int LOGGED_IDS = 20;

    private final TokenCipher cipher;
    private final InjectableInstance<AgroalDataSource> migrations;
    private final int batchSize;

    public TokenReencryption(TokenCipher cipher, @DataSource("migrations") InjectableInstance<AgroalDataSource> migrations,
            @ConfigProperty(name = "plexsrc.token-encryption.reencrypt-batch-size") int batchSize) {
        if (batchSize < 1) {
            throw new IllegalStateException("plexsrc.token-encryption.reencrypt-batch-size must be at least 1");
        }
        this.cipher = cipher;
        this.migrations = migrations;
        this.batchSize = batchSize;
    }

    /** What a run did in one table. */
    public record Result(TokenTable table, int reencrypted, Set<String> undecryptableIds) {
    }

    /** Re-encrypts every table's tokens that are not under the current key; safe to run anywhere, any number of times. */
    public List<Result> run() {
        LOG.infof("re-encrypting the stored Plex tokens that are not under key \"%s\"", cipher.currentKeyId());
        List<Result> results = new ArrayList<>();
        try (Connection connection = migrations.getActive().getConnection()) {
            connection.setAutoCommit(false);
            for (TokenTable table : TokenTable.values()) {
                Set<String> undecryptable = new LinkedHashSet<>();
                int reencrypted = walk(connection, table, batchSize, true, undecryptable)
                        + walk(connection, table, 1, false, undecryptable);
                Result result = new Result(table, reencrypted, undecryptable);
                log(result);
                results.add(result);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("re-encrypting the stored Plex tokens failed", e);
        }
        return results;
    }

    /**
     * One walk over {@code table} in primary-key order, {@code limit} rows a transaction, skipping
     * locked rows or waiting for them; the number of rows re-encrypted.
     */
    private int walk(Connection connection, TokenTable table, int limit, boolean skipLocked, Set<String> undecryptable)
            throws SQLException {
        String name = table.tableName();
        String select = "SELECT id, plex_token FROM " + name + " WHERE NOT starts_with(plex_token, ?)";
        String lock = " ORDER BY id LIMIT ? FOR NO KEY UPDATE" + (skipLocked ? " SKIP LOCKED" : "");
        int reencrypted = 0;
        Object cursor = null;
        int rows;
        do {
            rows = 0;
            try (PreparedStatement batch = connection.prepareStatement(select + (cursor == null ? "" : " AND id > ?") + lock);
                    PreparedStatement update = connection.prepareStatement("UPDATE " + name + " SET plex_token = ? WHERE id = ?")) {
                int parameter = 1;
                batch.setString(parameter++, cipher.currentPrefix());
                if (cursor != null) {
                    batch.setObject(parameter++, cursor);
                }
                batch.setInt(parameter, limit);
                int updates = 0;
                // Same plaintext under another key: not a change the change log records (V3__change_log.sql).
                try (Statement quiet = connection.createStatement()) {
                    quiet.execute("SET LOCAL plexsrc.change_log = 'off'");
                }
                try (ResultSet found = batch.executeQuery()) {
                    while (found.next()) {
                        rows++;
                        cursor = found.getObject(1);
                        TokenRow row = table.row(cursor);
                        try {
                            update.setString(1, cipher.encrypt(cipher.decrypt(found.getString(2), row), row));
                        } catch (UndecryptableTokenException e) {
                            undecryptable.add(row.id());
                            continue;
                        }
                        update.setObject(2, cursor);
                        update.addBatch();
                        updates++;
                    }
                }
                if (updates > 0) {
                    update.executeBatch();
                }
                connection.commit();
                reencrypted += updates;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } while (rows == limit);
        return reencrypted;
    }

    private void log(Result result) {
        LOG.infof("re-encrypted %d Plex tokens in %s to key \"%s\"", result.reencrypted(), result.table().tableName(),
                cipher.currentKeyId());
        Set<String> ids = result.undecryptableIds();
        if (!ids.isEmpty()) {
            List<String> shown = ids.stream().limit(LOGGED_IDS).toList();
            LOG.warnf("%d Plex tokens in %s cannot be decrypted with the configured keys and stay as they are "
                    + "(ids %s%s); set plex_token on those rows again", ids.size(), result.table().tableName(),
                    String.join(", ", shown), ids.size() > shown.size() ? ", ..." : "");
        }
    }
}
