package dev.plexsrc.change;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.plexsrc.api.SqlStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The change log (V3__change_log.sql): read in id order, and cut to the retention window. */
@Singleton
public class ChangeLogRepository {

    private static final String AFTER = "SELECT id, model, action, pk, owner_user_id, changed_at FROM change_log "
            + "WHERE id > $1 ORDER BY id LIMIT $2";
    private static final String BOUNDS = "SELECT h.purged_through, "
            + "greatest(h.purged_through, coalesce((SELECT max(id) FROM change_log), 0)) FROM change_log_horizon h";
    private static final String PURGE = "WITH purged AS (DELETE FROM change_log "
            + "WHERE changed_at < now() - make_interval(secs => $1) RETURNING id) "
            + "UPDATE change_log_horizon SET purged_through = greatest(purged_through, "
            + "coalesce((SELECT max(id) FROM purged), 0)) RETURNING purged_through";

    /** The ids a replay may start after: from {@code purgedThrough} (older ones are gone) to {@code latest}. */
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

    Uni<List<ChangeRecord>> after(long id, int limit) {
        return statements.run(AFTER, Tuple.of(id, limit)).map(rows -> {
            List<ChangeRecord> records = new ArrayList<>(rows.size());
            for (Row row : rows) {
                records.add(new ChangeRecord(row.getLong(0), row.getString(1), row.getString(2), row.getString(3),
                        row.getInteger(4), row.getOffsetDateTime(5)));
            }
            return records;
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
