package dev.plexsrc.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** QUARKUS_INIT_AND_EXIT is read as Quarkus reads a boolean, so that no value Quarkus takes for true skips the migrations. */
class InitAndExitTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", " true ", "1", "yes", "Y", "on", "ja", "j", "si", "sim", "oui"})
    void whatQuarkusReadsAsTrueRunsTheStartUpTasksAndExits(String value) {
        assertTrue(InitAndExit.asked(value));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"false", "0", "no", "off", "2", "truthy"})
    void anythingElseServes(String value) {
        assertFalse(InitAndExit.asked(value));
    }
}
