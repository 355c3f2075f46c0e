package dev.plexsrc.database;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A migration's version as Flyway reads it from {@code V<version>__<description>.sql} and records it
 * in {@code flyway_schema_history}: numeric parts separated by dots or underscores (written with
 * dots), compared part by part, numerically, a missing part counting as 0 ({@code 1.0} is {@code 1}).
 */
public final class SchemaVersion implements Comparable<SchemaVersion> {

    static final String FORMAT = "\\d+(?:[._]\\d+)*";
    private static final Pattern VERSION = Pattern.compile(FORMAT);

    private final String text;
    /** The parts without trailing zeros, so that equal versions have equal parts. */
    private final List<BigInteger> parts;

    private SchemaVersion(String text, List<BigInteger> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** {@code 2}, {@code 1.10}, {@code 1_10}; anything else is refused. */
    public static SchemaVersion parse(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("\"" + version + "\" is not a migration version (digits, separated by . or _)");
        }
        String text = version.replace('_', '.');
        List<BigInteger> parts = Arrays.stream(text.split("\\.")).map(BigInteger::new).toList();
        int length = parts.size();
        while (length > 1 && parts.get(length - 1).signum() == 0) {
            length--;
        }
        return new SchemaVersion(text, parts.subList(0, length));
    }

    @Override
    public int compareTo(SchemaVersion other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            int order = part(i).compareTo(other.part(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private BigInteger part(int index) {
        return index < parts.size() ? parts.get(index) : BigInteger.ZERO;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaVersion version && parts.equals(version.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** The version as written in the script's name and the history table ({@code 1.2} for {@code V1_2__...}). */
    @Override
    public String toString() {
        return text;
    }
}
