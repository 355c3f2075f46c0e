package dev.plexsrc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The setting takes the two labels and refuses anything else, naming what it takes. */
class AuthentikVersionTest {

    @ParameterizedTest
    @CsvSource({ "2024.8, V2024_8", "2026.8, V2026_8", "' 2026.8 ', V2026_8" })
    void aLabelIsItsVersion(String value, AuthentikVersion version) {
        assertEquals(version, new AuthentikVersionConverter().convert(value));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025.1", "2026", "V2026_8", "latest", "" })
    void anythingElseIsRefusedNamingTheAllowedValues(String value) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new AuthentikVersionConverter().convert(value));
        assertEquals("plexsrc.authentik-api-version must be one of 2024.8, 2026.8, not \"" + value + "\"",
                refused.getMessage());
    }
}
