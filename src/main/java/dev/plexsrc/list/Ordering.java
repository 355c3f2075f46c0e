package dev.plexsrc.list;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code ordering=name,-slug} into an SQL order over the allowed fields; unknown names are
 * ignored and the tiebreak always comes last so that pages are stable.
 */
public final class Ordering {

    private final Map<String, String> allowed;
    private final List<String> defaultOrder;
    private final String tiebreak;

    /**
     * @param allowed API field name to SQL column
     * @param defaultOrder columns used, ascending, when the request names no allowed field
     * @param tiebreak column of the primary key
     */
    public Ordering(Map<String, String> allowed, List<String> defaultOrder, String tiebreak) {
        this.allowed = allowed;
        this.defaultOrder = defaultOrder;
        this.tiebreak = tiebreak;
    }

    /** The body of an ORDER BY clause, made only of the allowed columns. */
    public String parse(String ordering) {
        List<String> terms = new ArrayList<>();
        if (ordering != null) {
            for (String raw : ordering.split(",")) {
                String name = raw.strip();
                boolean descending = name.startsWith("-");
                String column = allowed.get(descending ? name.substring(1) : name);
                if (column != null) {
                    terms.add(column + (descending ? " DESC" : " ASC"));
                }
            }
        }
        if (terms.isEmpty()) {
            defaultOrder.forEach(column -> terms.add(column + " ASC"));
        }
        terms.add(tiebreak + " ASC");
        return String.join(", ", terms);
    }
}
