package dev.plexsrc.connection;

import java.util.function.Function;

import dev.plexsrc.database.ConstraintViolation;
import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.source.PlexSource;
import io.smallrye.mutiny.Uni;

/**
 * The create path both kinds of connection share: once the source is resolved and the request's
 * own errors are reported, a duplicate is refused before the insert and, when two creates race,
 * by the database's unique constraint at the insert; both fail as the same {@link DuplicateConnection}
 * (a 400, or for a link the cue to update instead). A source deleted
 * between its lookup and the insert is refused by the foreign key, as a source that does not exist.
 */
public final class ConnectionCreation {

    private ConnectionCreation() {
    }

    /**
     * @param source the resolved source ({@code null} when it failed, with its error in {@code errors})
     * @param taken whether a connection of this owner to the source exists already
     * @param insert builds and persists the connection
     * @param constraint the unique constraint over (owner, source)
     * @param duplicate the non-field message for a duplicate
     * @param sourceForeignKey the foreign key from the connection to its source
     */
    public static <E> Uni<E> create(Uni<PlexSource> source, FieldErrors errors,
            Function<PlexSource, Uni<Boolean>> taken, Function<PlexSource, Uni<E>> insert,
            String constraint, String duplicate, String sourceForeignKey) {
        return source
                .call(resolved -> {
                    errors.throwIfAny();
                    return taken.apply(resolved).invoke(isTaken -> {
                        if (isTaken) {
                            throw new DuplicateConnection(duplicate);
                        }
                    });
                })
                .flatMap(resolved -> insert.apply(resolved)
                        .onFailure(ConstraintViolation.foreignKey(sourceForeignKey))
                        .transform(e -> FieldErrors.single(SourceReference.FIELD, SourceReference.missing(resolved.id))))
                .onFailure(ConstraintViolation.unique(constraint))
                .transform(e -> new DuplicateConnection(duplicate));
    }
}
