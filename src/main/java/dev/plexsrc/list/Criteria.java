package dev.plexsrc.list;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The where-clause of a list query in SQL, built from filters and search terms with positional
 * parameters only: no client text is ever spliced into the statement. Columns are the caller's
 * constants, qualified by the query's aliases (e.g. {@code s.slug}).
 */
public final class Criteria {

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** {@code column = value}. */
    public Criteria equal(String column, Object value) {
        clauses.add(column + " = " + bind(value));
        return this;
    }

    /** Matches nothing: for a caller whose scope is empty. */
    public Criteria none() {
        clauses.add("false");
        return this;
    }

    /** Every term must occur, case-insensitively, in at least one of the columns (text expressions). */
    public Criteria search(List<String> terms, List<String> columns) {
        for (String term : terms) {
            String parameter = bind("%" + escapeLike(term.toLowerCase(Locale.ROOT)) + "%");
            List<String> any = new ArrayList<>();
            for (String column : columns) {
                any.add("lower(" + column + ") LIKE " + parameter + " ESCAPE '\\'");
            }
            clauses.add("(" + String.join(" OR ", any) + ")");
        }
        return this;
    }

    /** Whether every row matches: no filter, no search, no scope. */
    public boolean isEmpty() {
        return clauses.isEmpty();
    }

    public String where() {
        return clauses.isEmpty() ? "true" : String.join(" AND ", clauses);
    }

    public Tuple parameters() {
        return Tuple.from(parameters);
    }

    private String bind(Object value) {
        parameters.add(value);
        return "$" + parameters.size();
    }

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
