package dev.plexsrc.change;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.plexsrc.database.SqlStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The change log (V3__change_log.sql, V4__change_log_without_commit_lock.sql): read in id order up
 * to an id known to be settled, and cut to the retention window.
 */
@Singleton
public class ChangeLogRepository {

    private static final String AFTER = "SELECT id, model, action, pk, owner_user_id, changed_at FROM change_log "
            + "WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3";
    private static final String ALLOCATED = "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END "
            + "FROM change_log_id_seq";
    /**
     * The transactions holding the lock that every change writer holds, shared, from before it takes
     * an id until it ends: the two halves of the key 7236120143515386694.
     */
    private static final String WRITING = "SELECT virtualtransaction FROM pg_locks WHERE locktype = 'advisory' "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "AND classid = '1684790510'::oid AND objid = '2454225734'::oid AND objsubid = 1 AND granted";
    private static final String BOUNDS = "SELECT h.purged_through, "
            + "greatest(h.purged_through, coalesce((SELECT max(id) FROM change_log), 0)) FROM change_log_horizon h";
    private static final String PURGE = "WITH purged AS (DELETE FROM change_log "
            + "WHERE changed_at < now() - make_interval(secs => $1) RETURNING id) "
            + "UPDATE change_log_horizon SET purged_through = greatest(purged_through, "
            + "coalesce((SELECT max(id) FROM purged), 0)) RETURNING purged_through";

    /**
     * The ids a replay may start after: from {@code purgedThrough} (older ones are gone) to
     * {@code latest}, the newest change's (0 when there never was one).
     */
    record Bounds(long purgedThrough, long latest) {

        /** Whether a replay after {@code id} misses nothing (an id past the latest is from another database). */
        boolean contains(long id) {
            return id >= purgedThrough && id <= latest;
        }
    }

    private final SqlStatements statements;

    public ChangeLogRepository(SqlStatements statements) {
        this.statements = statements;
    }

    /** At most {@code limit} records after {@code id} and up to {@code through}, in id order. */
    Uni<List<ChangeRecord>> after(long id, long through, int limit) {
        return statements.run(AFTER, Tuple.of(id, through, limit)).map(rows -> {
            List<ChangeRecord> records = new ArrayList<>(rows.size());
            for (Row row : rows) {
                records.add(new ChangeRecord(row.getLong(0), row.getString(1), row.getString(2), row.getString(3),
                        row.getInteger(4), row.getOffsetDateTime(5)));
            }
            return records;
        });
    }

    /** The highest id given out so far, committed or not. */
    Uni<Long> allocated() {
        return statements.run(ALLOCATED, Tuple.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    /** The transactions writing changes right now (virtual transaction ids, unique while they run). */
    Uni<Set<String>> writers() {
        return statements.run(WRITING, Tuple.tuple()).map(rows -> {
            Set<String> writers = new HashSet<>();
            for (Row row : rows) {
                writers.add(row.getString(0));
            }
            return writers;
        });
    }

    Uni<Bounds> bounds() {
        return statements.run(BOUNDS, Tuple.tuple())
                .map(rows -> rows.iterator().next())
                .map(row -> new Bounds(row.getLong(0), row.getLong(1)));
    }

    /** Removes the records older than {@code retention}; the highest id removed so far. */
    Uni<Long> purge(Duration retention) {
        return statements.run(PURGE, Tuple.of((double) retention.toSeconds())).map(rows -> rows.iterator().next().getLong(0));
    }
}
