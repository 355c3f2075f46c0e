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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code plex_source} table, reached in the two ways a request may:
 * 1. reads, and writes that are one statement: {@link SqlStatements}, rows mapped to {@link PlexSourceRow};
 * 2. writes of several statements: the entity, through the session of the caller's transaction.
 * No query here is HQL: its first translation in a process blocks the event loop.
 */
@Singleton
public class PlexSourceRepository {

    private static final String BY_SLUG = "SELECT " + PlexSourceRow.MODEL.columns() + " FROM plex_source s WHERE s.slug = $1";
    private static final String BY_ID = "SELECT " + PlexSourceRow.MODEL.columns() + " FROM plex_source s WHERE s.id = $1";
    private static final String BY_SLUG_WITH_SLUG_TAKEN = "SELECT " + PlexSourceRow.MODEL.columns()
            + ", EXISTS (SELECT 1 FROM plex_source o WHERE o.slug = $2 AND o.id <> s.id) AS slug_taken"
            + " FROM plex_source s WHERE s.slug = $1";
    private static final String DELETE = "DELETE FROM plex_source WHERE slug = $1 RETURNING id";
    private static final String SLUG_TAKEN_IN_SESSION = "SELECT EXISTS (SELECT 1 FROM plex_source WHERE slug = ?1)";
    private static final String BY_SLUG_IN_SESSION = "SELECT * FROM plex_source WHERE slug = ?1";

    private final SqlStatements statements;

    public PlexSourceRepository(SqlStatements statements) {
        this.statements = statements;
    }

    /** The source with this slug, or null. */
    public Uni<PlexSourceRow> read(String slug) {
        return statements.runForOne(BY_SLUG, Tuple.of(slug), PlexSourceRow.MODEL::from);
    }

    /** The source with this pk, or null. */
    public Uni<PlexSourceRow> read(UUID id) {
        return statements.runForOne(BY_ID, Tuple.of(id), PlexSourceRow.MODEL::from);
    }

    /** The source with this slug before an update to {@code newSlug}, with whether another source has that slug. */
    Uni<Current> readForUpdate(String slug, String newSlug) {
        return statements.runForOne(BY_SLUG_WITH_SLUG_TAKEN, Tuple.of(slug, newSlug),
                row -> new Current(PlexSourceRow.MODEL.from(row), Boolean.TRUE.equals(row.getBoolean("slug_taken"))));
    }

    /** A source about to be updated, and whether the slug the update gives it is another's already. */
    record Current(PlexSourceRow source, boolean slugTaken) {
    }

    Uni<Page<PlexSourceRow>> page(Criteria criteria, String orderBy, PageRequest request) {
        return Paging.fetch(statements, PlexSourceRow.MODEL.columns(), "plex_source s", criteria, orderBy, request,
                PlexSourceRow.MODEL::from);
    }

    /**
     * Sets the given columns of the source with this slug (and this {@code id}, when given) in one
     * statement, so it is atomic on its own and leaves every other column as it is; the source as
     * stored afterwards, or null.
     */
    Uni<PlexSourceRow> update(String slug, UUID id, Map<String, Object> changes) {
        if (changes.isEmpty()) {
            return read(slug);
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
                + " RETURNING " + PlexSourceRow.MODEL.columns();
        return statements.writeForOne(sql, Tuple.from(parameters), PlexSourceRow.MODEL::from);
    }

    /** Deletes the source with this slug, its connections with it (the foreign keys cascade); its pk, or null. */
    Uni<UUID> delete(String slug) {
        return statements.writeForOne(DELETE, Tuple.of(slug), row -> row.getUUID("id"));
    }

    /** Whether a source has this slug, asked in the caller's transaction. */
    Uni<Boolean> slugTaken(String slug) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(SLUG_TAKEN_IN_SESSION, Boolean.class)
                .setParameter(1, slug).getSingleResult());
    }

    /**
     * Inserts the new source in the caller's transaction, then loads it as stored, with the defaults
     * the schema gave it (a load by pk rather than a refresh, which logs a deprecation each time).
     */
    Uni<PlexSource> insert(PlexSource source) {
        return Panache.getSession().flatMap(session -> session.persist(source).call(session::flush)
                .invoke(() -> session.detach(source))
                .chain(() -> session.find(PlexSource.class, source.id)));
    }

    /** The managed source for a reference from another row, in the caller's transaction: by pk when given, else by slug. */
    public Uni<PlexSource> find(UUID id, String slug) {
        return Panache.getSession().flatMap(session -> id != null
                ? session.find(PlexSource.class, id)
                : session.createNativeQuery(BY_SLUG_IN_SESSION, PlexSource.class).setParameter(1, slug)
                        .getSingleResultOrNull());
    }
}
