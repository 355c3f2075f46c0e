package dev.plexsrc.api.list;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.quarkus.panache.common.Parameters;

/**
 * The where-clause of a list query, built from filters and search terms with named
 * parameters only: no client text is ever spliced into the query.
 */
public final class Criteria {

    private final List<String> clauses = new ArrayList<>();
    private final Parameters parameters = new Parameters();
    private int next;

    /** {@code path = value}. */
    public Criteria equal(String path, Object value) {
        clauses.add(path + " = :" + bind(value));
        return this;
    }

    /** Matches nothing: for a caller whose scope is empty. */
    public Criteria none() {
        clauses.add("1 = 0");
        return this;
    }

    /** Every term must occur, case-insensitively, in at least one of the fields. */
    public Criteria search(List<String> terms, List<String> fields) {
        for (String term : terms) {
            String name = bind("%" + escapeLike(term.toLowerCase(Locale.ROOT)) + "%");
            List<String> any = new ArrayList<>();
            for (String field : fields) {
                any.add("lower(" + field + ") like :" + name + " escape '\\'");
            }
            clauses.add("(" + String.join(" or ", any) + ")");
        }
        return this;
    }

    public String where() {
        return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }

    public Parameters parameters() {
        return parameters;
    }

    private String bind(Object value) {
        String name = "p" + next++;
        parameters.and(name, value);
        return name;
    }

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
