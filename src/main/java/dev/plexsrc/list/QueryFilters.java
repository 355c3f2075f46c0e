package dev.plexsrc.list;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.input.JsonFields;
import dev.plexsrc.input.StorableText;

/**
 * Turns exact-match query filters into {@link Criteria}, reporting malformed values with the
 * messages of authentik's filter forms. An empty value means "no filter".
 */
public final class QueryFilters {

    private final Criteria criteria = new Criteria();
    private final FieldErrors errors = new FieldErrors();

    public QueryFilters text(String param, String value, String path) {
        if (isSet(value)) {
            List<String> problems = StorableText.problems(value);
            if (problems.isEmpty()) {
                criteria.equal(path, value);
            }
            problems.forEach(problem -> errors.add(param, problem));
        }
        return this;
    }

    public QueryFilters uuid(String param, String value, String path) {
        return typed(param, value, path, JsonFields::toUuid, "Enter a valid UUID.");
    }

    public QueryFilters integer(String param, String value, String path) {
        return typed(param, value, path, JsonFields::toInteger, "Enter a whole number.");
    }

    public QueryFilters bool(String param, String value, String path) {
        return typed(param, value, path, JsonFields::toBoolean, "Must be a valid boolean.");
    }

    public QueryFilters choice(String param, String value, String path, Set<String> choices) {
        if (isSet(value)) {
            if (choices.contains(value)) {
                criteria.equal(path, value);
            } else {
                errors.add(param, "Select a valid choice. " + value + " is not one of the available choices.");
            }
        }
        return this;
    }

    /** The criteria so far; throws a 400 naming every malformed filter. */
    public Criteria criteria() {
        errors.throwIfAny();
        return criteria;
    }

    private <T> QueryFilters typed(String param, String value, String path, Function<JsonNode, T> parser,
            String message) {
        if (isSet(value)) {
            T parsed = parser.apply(TextNode.valueOf(value));
            if (parsed == null) {
                errors.add(param, message);
            } else {
                criteria.equal(path, parsed);
            }
        }
        return this;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }
}
