package dev.plexsrc.input;

import java.util.regex.Pattern;

import dev.plexsrc.error.ApiException;

/** Path ids that cannot name an object answer 404, as an unknown one does. */
public final class PathIds {

    private static final Pattern ID = Pattern.compile("^\\d{1,9}$");

    private PathIds() {
    }

    public static int integer(String raw) {
        if (raw == null || !ID.matcher(raw).matches()) {
            throw ApiException.notFound();
        }
        return Integer.parseInt(raw);
    }

    /** A slug in a path; no stored source has one outside the slug alphabet, so it is not looked up. */
    public static String slug(String raw) {
        if (raw == null || !JsonFields.SLUG.matcher(raw).matches()) {
            throw ApiException.notFound();
        }
        return raw;
    }
}
