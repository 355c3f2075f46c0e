package dev.plexsrc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ConcurrentlyTest {

    @Test
    void countsTheMostIntervalsHoldingOneInstant() {
        assertEquals(1, Concurrently.mostAtOnce(new long[] {0, 10, 20}, new long[] {5, 15, 25}));
        assertEquals(3, Concurrently.mostAtOnce(new long[] {0, 1, 2}, new long[] {10, 11, 12}));
        assertEquals(2, Concurrently.mostAtOnce(new long[] {0, 4, 9}, new long[] {5, 8, 12}));
        // One starting at the instant another ended: both were in flight at that instant.
        assertEquals(2, Concurrently.mostAtOnce(new long[] {0, 5}, new long[] {5, 9}));
    }

    @Test
    void aRaceOfCallsThatNeverOverlappedFails() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> Concurrently.run(List.of(() -> 1)));
        assertEquals("the 1 calls ran one after another, so nothing raced ==> expected: <true> but was: <false>",
                failure.getMessage());
    }

    @Test
    void callsInFlightTogetherPass() throws Exception {
        // Each call waits until all four have started: they are in flight together by construction.
        CountDownLatch allStarted = new CountDownLatch(4);
        List<Integer> results = Concurrently.run(4, () -> {
            allStarted.countDown();
            return allStarted.await(10, TimeUnit.SECONDS) ? 7 : 0;
        });
        assertEquals(List.of(7, 7, 7, 7), results);
    }
}
