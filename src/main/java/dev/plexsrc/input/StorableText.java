package dev.plexsrc.input;

import java.util.ArrayList;
import java.util.List;

/**
 * What PostgreSQL {@code text} cannot hold, reported as Django REST framework's character
 * validators do: a NUL, and a UTF-16 surrogate without its pair (it would be stored as {@code ?}).
 */
public final class StorableText {

    public static final String NULL_CHARACTERS = "Null characters are not allowed.";

    private StorableText() {
    }

    /** The messages for {@code value}, empty when it can be stored as given. */
    public static List<String> problems(String value) {
        List<String> problems = new ArrayList<>(0);
        if (value.indexOf('\0') >= 0) {
            problems.add(NULL_CHARACTERS);
        }
        int surrogate = loneSurrogate(value);
        if (surrogate >= 0) {
            problems.add("Surrogate characters are not allowed: U+" + Integer.toHexString(surrogate).toUpperCase() + ".");
        }
        return problems;
    }

    private static int loneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return c;
            }
        }
        return -1;
    }
}
