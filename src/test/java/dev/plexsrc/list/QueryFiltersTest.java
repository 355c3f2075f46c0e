package dev.plexsrc.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.plexsrc.error.ValidationException;
import io.vertx.mutiny.sqlclient.Tuple;

/** Exact-match query filters: each typed value bound as its type, an empty one ignored, malformed ones all named at once. */
class QueryFiltersTest {

    private static final Set<String> MODES = Set.of("all", "any");

    @Test
    void absentAndEmptyValuesAreNoFilter() {
        Criteria criteria = new QueryFilters().text("slug", null, "s.slug").text("name", "", "s.name")
                .uuid("pk", "", "s.id").integer("user", null, "c.user_id").bool("enabled", "", "s.enabled")
                .choice("policy_engine_mode", "", "s.mode", MODES).criteria();
        assertEquals("true", criteria.where());
    }

    @Test
    void validValuesBecomeTypedEqualities() {
        Criteria criteria = new QueryFilters().text("slug", " Plex ", "s.slug")
                .uuid("pk", "3FA85F6457174562B3FC2C963F66AFA6", "s.id").integer("user", " 7 ", "c.user_id")
                .bool("enabled", "off", "s.enabled").choice("policy_engine_mode", "any", "s.mode", MODES).criteria();
        assertEquals("s.slug = $1 AND s.id = $2 AND c.user_id = $3 AND s.enabled = $4 AND s.mode = $5", criteria.where());
        assertEquals(List.of(" Plex ", UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6"), 7, false, "any"),
                values(criteria.parameters()), "text is matched exactly as given, untrimmed");
    }

    @ParameterizedTest
    @CsvSource({ "true, true", "True, true", "1, true", "yes, true", "on, true", "false, false", "0, false", "no, false" })
    void booleanFilterValues(String value, boolean expected) {
        assertEquals(List.of(expected), values(new QueryFilters().bool("enabled", value, "s.enabled").criteria().parameters()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "maybe", "2", " ", "truee", "null" })
    void aMalformedBooleanIsAFieldError(String value) {
        assertRefused(Map.of("enabled", List.of("Must be a valid boolean.")), new QueryFilters().bool("enabled", value, "s.enabled"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "seven", "1.5", "1.0", "2147483648", "0x7", " " })
    void aMalformedIntegerIsAFieldError(String value) {
        assertRefused(Map.of("user", List.of("Enter a whole number.")), new QueryFilters().integer("user", value, "c.user_id"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "x", "3fa85f64-5717-4562-b3fc-2c963f66afa", "3fa85f64-5717-4562-b3fc-2c963f66afa6-", "1" })
    void aMalformedUuidIsAFieldError(String value) {
        assertRefused(Map.of("pk", List.of("Enter a valid UUID.")), new QueryFilters().uuid("pk", value, "s.id"));
    }

    @Test
    void anUnlistedChoiceIsAFieldErrorNamingIt() {
        assertRefused(Map.of("policy_engine_mode", List.of("Select a valid choice. ANY is not one of the available choices.")),
                new QueryFilters().choice("policy_engine_mode", "ANY", "s.mode", MODES));
    }

    @Test
    void textPostgresqlCannotHoldIsAFieldError() {
        assertRefused(Map.of("slug", List.of("Null characters are not allowed."),
                "name", List.of("Surrogate characters are not allowed: U+D800.")),
                new QueryFilters().text("slug", "a\u0000", "s.slug").text("name", "\ud800", "s.name"));
    }

    @Test
    void everyMalformedFilterIsNamedAtOnceAndNoneIsApplied() {
        QueryFilters filters = new QueryFilters().text("slug", "ok", "s.slug").bool("enabled", "maybe", "s.enabled")
                .integer("user", "x", "c.user_id").uuid("pk", "y", "s.id").choice("mode", "z", "s.mode", MODES);
        assertRefused(Map.of("enabled", List.of("Must be a valid boolean."), "user", List.of("Enter a whole number."),
                "pk", List.of("Enter a valid UUID."),
                "mode", List.of("Select a valid choice. z is not one of the available choices.")), filters);
        System.out.println("QueryFiltersTest: 4 malformed filters of 5 named in one 400");
    }

    private static void assertRefused(Map<String, Object> errors, QueryFilters filters) {
        ValidationException e = assertThrows(ValidationException.class, filters::criteria);
        assertEquals(errors, e.errors().asMap());
    }

    private static List<Object> values(Tuple tuple) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < tuple.size(); i++) {
            values.add(tuple.getValue(i));
        }
        return values;
    }
}
