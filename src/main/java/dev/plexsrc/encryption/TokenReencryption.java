package dev.plexsrc.encryption;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Re-encrypts every stored Plex token that is not under the current key, so that older keys can
 * be removed; {@link TokenReencryptionAtStart} runs it right after the migrations, on the reactive
 * pool, waiting on the thread that calls it (never an event loop).
 * <ol>
 * <li>Each table is walked in primary-key order in batches of one transaction each, taking only
 * rows no one else holds ({@code FOR NO KEY UPDATE SKIP LOCKED}): replicas running it at once
 * share the rows, and none waits for another or for API writes.</li>
 * <li>A second walk takes the rows left over one at a time, waiting for their lock: a transaction
 * holding nothing else while it waits cannot deadlock, and PostgreSQL re-checks the row once it has
 * the lock, so a row another replica re-encrypted meanwhile is passed over.</li>
 * <li>So no row is re-encrypted twice, and when a run ends every row it could decrypt is under the
 * current key. Rows already under it are not read; rows no configured key decrypts stay as they
 * are and are logged by id.</li>
 * </ol>
 */
@Singleton
public class TokenReencryption {

    private static final Logger LOG = Logger.getLogger(TokenReencryption.class);
    private static final int LOGGED_IDS = 20;
    // Same plaintext under another key: not a change the change log records (V3__change_log.sql).
    private static final String QUIET = "SET LOCAL plexsrc.change_log = 'off'";
    // A batch takes milliseconds, or the seconds an API write holds a row: past this the database has stopped
    // answering, and the run fails (the Job is retried) rather than waiting on a dead connection for ever.
    private static final Duration BATCH_BOUND = Duration.ofSeconds(60);

    private final TokenCipher cipher;
    private final Pool pool;
    private final int batchSize;
    private final Duration batchBound;

    @Inject
    public TokenReencryption(TokenCipher cipher, Pool pool,
            @ConfigProperty(name = "plexsrc.token-encryption.reencrypt-batch-size") int batchSize) {
        this(cipher, pool, batchSize, BATCH_BOUND);
    }

    TokenReencryption(TokenCipher cipher, Pool pool, int batchSize, Duration batchBound) {
        if (batchSize < 1) {
            throw new IllegalStateException("plexsrc.token-encryption.reencrypt-batch-size must be at least 1");
        }
        this.cipher = cipher;
        this.pool = pool;
        this.batchSize = batchSize;
        this.batchBound = batchBound;
    }

    /** What a run did in one table. */
    public record Result(TokenTable table, int reencrypted, Set<String> undecryptableIds) {
    }

    /** What one transaction of a walk found and did. */
    private record Batch(int rows, Object last, int reencrypted, List<String> undecryptableIds) {
    }

    /** Re-encrypts every table's tokens that are not under the current key; safe to run anywhere, any number of times. */
    public List<Result> run() {
        LOG.infof("re-encrypting the stored Plex tokens that are not under key \"%s\"", cipher.currentKeyId());
        List<Result> results = new ArrayList<>();
        try {
            for (TokenTable table : TokenTable.values()) {
                Set<String> undecryptable = new LinkedHashSet<>();
                int reencrypted = walk(table, batchSize, true, undecryptable) + walk(table, 1, false, undecryptable);
                Result result = new Result(table, reencrypted, undecryptable);
                log(result);
                results.add(result);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("re-encrypting the stored Plex tokens failed", e);
        }
        return results;
    }

    /**
     * One walk over {@code table} in primary-key order, {@code limit} rows a transaction, skipping
     * locked rows or waiting for them; the number of rows re-encrypted.
     */
    private int walk(TokenTable table, int limit, boolean skipLocked, Set<String> undecryptable) {
        String name = table.tableName();
        String lock = " ORDER BY id LIMIT $2 FOR NO KEY UPDATE" + (skipLocked ? " SKIP LOCKED" : "");
        String first = "SELECT id, plex_token FROM " + name + " WHERE NOT starts_with(plex_token, $1)" + lock;
        String next = "SELECT id, plex_token FROM " + name + " WHERE NOT starts_with(plex_token, $1) AND id > $3" + lock;
        String update = "UPDATE " + name + " SET plex_token = $1 WHERE id = $2";
        int reencrypted = 0;
        Object cursor = null;
        Batch batch;
        do {
            Tuple arguments = cursor == null ? Tuple.of(cipher.currentPrefix(), (long) limit)
                    : Tuple.of(cipher.currentPrefix(), (long) limit, cursor);
            String select = cursor == null ? first : next;
            // Blocks this (start-up) thread: the walk is one transaction after another, by design.
            try {
                batch = pool.withTransaction(connection -> connection.query(QUIET).execute()
                        .flatMap(quiet -> connection.preparedQuery(select).execute(arguments))
                        .flatMap(found -> reencrypt(connection, table, found, update)))
                        .await().atMost(batchBound);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the database did not answer a batch of " + name + " within "
                        + batchBound.toMillis() + " ms", e);
            }
            undecryptable.addAll(batch.undecryptableIds());
            reencrypted += batch.reencrypted();
            cursor = batch.last();
        } while (batch.rows() == limit);
        return reencrypted;
    }

    /** Re-encrypts the rows {@code found} in one batched UPDATE on the transaction's connection. */
    private Uni<Batch> reencrypt(SqlConnection connection, TokenTable table, Iterable<Row> found, String update) {
        List<Tuple> updates = new ArrayList<>();
        List<String> undecryptable = new ArrayList<>();
        int rows = 0;
        Object last = null;
        for (Row row : found) {
            rows++;
            last = row.getValue(0);
            TokenRow tokenRow = table.row(last);
            try {
                updates.add(Tuple.of(cipher.encrypt(cipher.decrypt(row.getString(1), tokenRow), tokenRow), last));
            } catch (UndecryptableTokenException e) {
                undecryptable.add(tokenRow.id());
            }
        }
        Batch batch = new Batch(rows, last, updates.size(), undecryptable);
        return updates.isEmpty() ? Uni.createFrom().item(batch)
                : connection.preparedQuery(update).executeBatch(updates).replaceWith(batch);
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
