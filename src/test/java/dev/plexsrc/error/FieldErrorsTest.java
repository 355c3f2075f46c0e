package dev.plexsrc.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** DRF's error shape: messages per field in the order added, list items by index, thrown only when there are any. */
class FieldErrorsTest {

    @Test
    void messagesCollectPerFieldInOrder() {
        FieldErrors errors = new FieldErrors().add("name", "first").add("slug", "only").add("name", "second");
        assertEquals(Map.of("name", List.of("first", "second"), "slug", List.of("only")), errors.asMap());
        assertEquals(List.of("name", "slug"), List.copyOf(errors.asMap().keySet()));
        assertTrue(errors.has("name"));
        assertFalse(errors.has("plex_token"));
    }

    @Test
    void listItemsAreKeyedByTheirIndex() {
        FieldErrors errors = new FieldErrors().addItem("allowed_servers", 2, "a").addItem("allowed_servers", 0, "b")
                .addItem("allowed_servers", 2, "c");
        assertEquals(Map.of("allowed_servers", Map.of("2", List.of("a", "c"), "0", List.of("b"))), errors.asMap());
    }

    @Test
    void throwsOnlyWhenSomethingWasCollected() {
        FieldErrors none = new FieldErrors();
        assertTrue(none.isEmpty());
        none.throwIfAny();

        FieldErrors some = new FieldErrors().add("name", "This field is required.");
        assertFalse(some.isEmpty());
        assertSame(some, assertThrows(ValidationException.class, some::throwIfAny).errors());
        assertEquals(Map.of("non_field_errors", List.of("m")),
                FieldErrors.single("non_field_errors", "m").errors().asMap());
    }
}
