package dev.plexsrc.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.plexsrc.error.ApiException;

/** A path id or slug that cannot name an object is a 404 "Not found.", as an unknown one is. */
class PathIdsTest {

    @ParameterizedTest
    @CsvSource({ "0, 0", "7, 7", "007, 7", "999999999, 999999999" })
    void integerIds(String raw, int id) {
        assertEquals(id, PathIds.integer(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-1", "+1", " 1", "1 ", "1.0", "seven", "1000000000", "2147483648", "١" })
    void otherIntegerIdsAreNotFound(String raw) {
        assertNotFound(() -> PathIds.integer(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = { "plex", "Plex-Source_2", "-", "redeem_token_authenticated" })
    void slugs(String raw) {
        assertEquals(raw, PathIds.slug(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " plex", "plex ", "a b", "a.b", "a/b", "plüx", "a\u0000" })
    void otherSlugsAreNotFound(String raw) {
        assertNotFound(() -> PathIds.slug(raw));
    }

    private static void assertNotFound(Runnable parse) {
        ApiException e = assertThrows(ApiException.class, parse::run);
        assertEquals(404, e.status());
        assertEquals("Not found.", e.detail());
    }
}
