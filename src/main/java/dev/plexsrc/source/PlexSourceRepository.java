package dev.plexsrc.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import dev.plexsrc.database.SqlStatements;
import dev.plexsrc.list.Criteria;
import dev.plexsrc.list.Page;
import dev.plexsrc.list.PageRequest;
import dev.plexsrc.list.Paging;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Managed entities for creates and deletes (Panache); plain rows for retrieve, list and update
 * ({@link SqlStatements}).
 */
@Singleton
public class PlexSourceRepository implements PanacheRepositoryBase<PlexSource, UUID> {

    private static final String BY_SLUG = "SELECT " + PlexSourceRows.COLUMNS + " FROM plex_source s WHERE s.slug = $1";
    private static final String BY_ID = "SELECT " + PlexSourceRows.COLUMNS + " FROM plex_source s WHERE s.id = $1";
    private static final String SLUG_TAKEN = "SELECT 1 FROM plex_source WHERE slug = $1 AND id <> $2";

    private final SqlStatements statements;

    public PlexSourceRepository(SqlStatements statements) {
        this.statements = statements;
    }

    /** The source for a response only: not managed, so changes to it are never written. */
    public Uni<PlexSource> readBySlug(String slug) {
        return statements.runForOne(BY_SLUG, Tuple.of(slug), PlexSourceRows::from);
    }

    /** The source with this pk, for a response only, or null. */
    public Uni<PlexSource> readById(UUID id) {
        return statements.runForOne(BY_ID, Tuple.of(id), PlexSourceRows::from);
    }

    public Uni<Page<PlexSource>> page(Criteria criteria, String orderBy, PageRequest request) {
        return Paging.fetch(statements, PlexSourceRows.COLUMNS, "plex_source s", criteria, orderBy, request,
                PlexSourceRows::from);
    }

    /**
     * Sets the given columns of the source with this slug (and this {@code id}, when given) in one
     * statement, so it is atomic on its own and leaves every other column as it is; the source as
     * stored afterwards, or null.
     */
    public Uni<PlexSource> updateColumns(String slug, UUID id, Map<String, Object> changes) {
        if (changes.isEmpty()) {
            return readBySlug(slug);
        }
        List<String> assignments = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        // Column names are the mapper's constants, never client text.
        changes.forEach((column, value) -> {
            parameters.add(value);
            assignments.add(column + " = $" + parameters.size());
        });
        parameters.add(slug);
        String where = "s.slug = $" + parameters.size();
        if (id != null) {
            parameters.add(id);
            where += " AND s.id = $" + parameters.size();
        }
        String sql = "UPDATE plex_source s SET " + String.join(", ", assignments) + " WHERE " + where
                + " RETURNING " + PlexSourceRows.COLUMNS;
        return statements.writeForOne(sql, Tuple.from(parameters), PlexSourceRows::from);
    }

    /** Whether another source than {@code exceptId} has this slug. */
    public Uni<Boolean> slugTaken(String slug, UUID exceptId) {
        return statements.run(SLUG_TAKEN, Tuple.of(slug, exceptId == null ? new UUID(0, 0) : exceptId))
                .map(rows -> rows.size() > 0);
    }

    @WithSession
    public Uni<PlexSource> findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    /** A source by its pk when {@code id} is given, else by slug. */
    @WithSession
    public Uni<PlexSource> findByIdOrSlug(UUID id, String slug) {
        return id != null ? findById(id) : findBySlug(slug);
    }
}
