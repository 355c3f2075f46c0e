package dev.plexsrc.connection;

import java.util.function.Function;

import dev.plexsrc.api.error.FieldErrors;
import dev.plexsrc.api.error.UniqueViolation;
import dev.plexsrc.source.PlexSource;
import io.smallrye.mutiny.Uni;

/**
 * The create path both kinds of connection share: once the source is resolved and the request's
 * own errors are reported, a duplicate is refused before the insert and, when two creates race,
 * by the database's unique constraint at the insert; both answer the same 400.
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
     */
    public static <E> Uni<E> create(Uni<PlexSource> source, FieldErrors errors,
            Function<PlexSource, Uni<Boolean>> taken, Function<PlexSource, Uni<E>> insert,
            String constraint, String duplicate) {
        return source
                .call(resolved -> {
                    errors.throwIfAny();
                    return taken.apply(resolved).invoke(isTaken -> {
                        if (isTaken) {
                            throw FieldErrors.single(FieldErrors.NON_FIELD_ERRORS, duplicate);
                        }
                    });
                })
                .flatMap(resolved -> insert.apply(resolved))
                .onFailure(UniqueViolation.of(constraint))
                .transform(e -> FieldErrors.single(FieldErrors.NON_FIELD_ERRORS, duplicate));
    }
}
