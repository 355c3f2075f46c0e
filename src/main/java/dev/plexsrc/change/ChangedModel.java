package dev.plexsrc.change;

import dev.plexsrc.security.Viewer;
import io.smallrye.mutiny.Uni;

/**
 * One kind of object the change stream reports, implemented by the feature that owns it: the
 * stream (dev.plexsrc.change) knows only this interface, so it depends on no feature and no
 * feature depends on it; each feature keeps its own rules of who sees what and how it is shown.
 */
public interface ChangedModel {

    /** The model name in the change log and in events, e.g. {@code plexsource}. */
    String model();

    /**
     * Whether {@code viewer} may see this change at all, before its object is read.
     *
     * @param ownerUserId the owning user of a user connection, else null
     */
    boolean visible(Viewer viewer, Integer ownerUserId);

    /**
     * Which view of the object {@code viewer} gets: viewers with the same view are shown the same
     * object, so the stream reads it once for all of them.
     */
    default String view(Viewer viewer) {
        return "";
    }

    /**
     * The object exactly as the viewer's own retrieve shows it now; null when it no longer
     * exists or the viewer may not see it.
     */
    Uni<Object> retrieve(String pk, Viewer viewer);
}
