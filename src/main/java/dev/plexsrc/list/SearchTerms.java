package dev.plexsrc.list;

import java.util.ArrayList;
import java.util.List;

/** Splits a search string on whitespace and commas; a double-quoted phrase stays one term. */
public final class SearchTerms {

    private SearchTerms() {
    }

    public static List<String> split(String search) {
        List<String> terms = new ArrayList<>();
        if (search == null) {
            return terms;
        }
        StringBuilder term = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < search.length(); i++) {
            char c = search.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                flush(term, terms);
            } else if (!quoted && (Character.isWhitespace(c) || c == ',')) {
                flush(term, terms);
            } else {
                term.append(c);
            }
        }
        flush(term, terms);
        return terms;
    }

    private static void flush(StringBuilder term, List<String> terms) {
        String value = term.toString().strip();
        if (!value.isEmpty()) {
            terms.add(value);
        }
        term.setLength(0);
    }
}
