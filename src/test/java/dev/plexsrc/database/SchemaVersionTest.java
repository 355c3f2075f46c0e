package dev.plexsrc.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Versions compare as Flyway's did: numerically, part by part, 1.0 equal to 1. */
class SchemaVersionTest {

    @Test
    void versionsOrderNumericallyPartByPart() {
        List<String> sorted = Stream.of("10", "2", "1.10", "1.2", "1", "1_1", "2.0.1", "9")
                .map(SchemaVersion::parse).sorted().map(SchemaVersion::toString).toList();
        assertEquals(List.of("1", "1.1", "1.2", "1.10", "2", "2.0.1", "9", "10"), sorted);
    }

    @Test
    void trailingZerosMakeNoOtherVersion() {
        assertEquals(SchemaVersion.parse("1"), SchemaVersion.parse("1.0"));
        assertEquals(SchemaVersion.parse("1").hashCode(), SchemaVersion.parse("1_0_0").hashCode());
        assertEquals(0, SchemaVersion.parse("3.0").compareTo(SchemaVersion.parse("3")));
        assertEquals(SchemaVersion.parse("7"), SchemaVersion.parse("007"));
        assertNotEquals(SchemaVersion.parse("1.0.1"), SchemaVersion.parse("1.1"));
    }

    @Test
    void underscoresAreWrittenAsDots() {
        assertEquals("2.1.3", SchemaVersion.parse("2_1.3").toString());
        assertEquals("1.0", SchemaVersion.parse("1.0").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "1.", ".1", "1..2", "1-2", "1.a", " 1"})
    void anythingElseIsRefused(String version) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SchemaVersion.parse(version));
        assertEquals("\"" + version + "\" is not a migration version (digits, separated by . or _)", refused.getMessage());
    }
}
