package dev.plexsrc.change;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A replay may start after any id from the last purged one to the latest, both included, and nowhere else. */
class ChangeLogBoundsTest {

    @ParameterizedTest
    @CsvSource({
            // purged through, latest, resume after, replayable
            "0,   0,   0,   true",
            "0,   0,   1,   false",
            "0,   10,  0,   true",
            "0,   10,  10,  true",
            "0,   10,  11,  false",
            "5,   10,  4,   false",
            "5,   10,  5,   true",
            "5,   10,  7,   true",
            "5,   10,  10,  true",
            "5,   10,  11,  false",
            "10,  10,  10,  true",
            "10,  10,  9,   false",
    })
    void contains(long purgedThrough, long latest, long id, boolean replayable) {
        assertEquals(replayable, new ChangeLogRepository.Bounds(purgedThrough, latest).contains(id));
    }
}
