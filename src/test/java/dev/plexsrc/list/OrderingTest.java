package dev.plexsrc.list;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ordering=} into ORDER BY: allowed names in the order given, {@code -} descending, the rest ignored, the pk last. */
class OrderingTest {

    private static final Ordering SOURCES = new Ordering(Map.of("name", "s.name", "slug", "s.slug", "enabled", "s.enabled"),
            List.of("s.name"), "s.id");
    private static final Ordering NO_DEFAULT = new Ordering(Map.of("name", "s.name"), List.of(), "s.id");

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                  | s.name ASC, s.id ASC",
            "''                    | s.name ASC, s.id ASC",
            "name                  | s.name ASC, s.id ASC",
            "-name                 | s.name DESC, s.id ASC",
            "slug                  | s.slug ASC, s.id ASC",
            "'-slug,name'          | s.slug DESC, s.name ASC, s.id ASC",
            "'enabled,-slug,-name' | s.enabled ASC, s.slug DESC, s.name DESC, s.id ASC",
            "' -slug , name '      | s.slug DESC, s.name ASC, s.id ASC",
            "'unknown,-slug'       | s.slug DESC, s.id ASC",
            "unknown               | s.name ASC, s.id ASC",
            "'pk'                  | s.name ASC, s.id ASC",
            "--name                | s.name ASC, s.id ASC",
            "'- name'              | s.name ASC, s.id ASC",
            "Name                  | s.name ASC, s.id ASC",
            "'s.id; DROP TABLE x'  | s.name ASC, s.id ASC",
            "',,,'                 | s.name ASC, s.id ASC",
            "'name,,-slug'         | s.name ASC, s.slug DESC, s.id ASC",
    })
    void ordersByAllowedFieldsThenThePrimaryKey(String ordering, String orderBy) {
        assertEquals(orderBy, SOURCES.parse(ordering));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL    | s.id ASC",
            "unknown | s.id ASC",
            "-name   | s.name DESC, s.id ASC",
    })
    void withoutADefaultOrderThePrimaryKeyAloneOrders(String ordering, String orderBy) {
        assertEquals(orderBy, NO_DEFAULT.parse(ordering));
    }
}
