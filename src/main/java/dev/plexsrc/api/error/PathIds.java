package dev.plexsrc.api.error;

/** Path ids that cannot name an object answer 404, as an unknown one does. */
public final class PathIds {

    private PathIds() {
    }

    public static int integer(String raw) {
        if (raw == null || !raw.matches("^\\d{1,9}$")) {
            throw ApiException.notFound();
        }
        return Integer.parseInt(raw);
    }
}
