package dev.plexsrc.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import dev.plexsrc.database.RequestDeadlineInterceptor.CommitUnconfirmed;
import dev.plexsrc.database.RequestDeadlineInterceptor.DeadlineExceeded;

/** The deadline and a commit decide between 503 and 504 once, whichever comes first. */
class WriteDeadlineTest {

    @Test
    void aCommitSentBeforeTheDeadlineMakesItAnswerUnconfirmed() {
        WriteDeadline deadline = WriteDeadline.start();
        assertTrue(deadline.claimCommit());
        assertTrue(deadline.claimCommit(), "a second transaction of the same request");
        assertInstanceOf(CommitUnconfirmed.class, deadline.pass());
        assertFalse(deadline.passed());
    }

    @Test
    void aDeadlinePassedBeforeTheCommitRefusesIt() {
        WriteDeadline deadline = WriteDeadline.start();
        assertInstanceOf(DeadlineExceeded.class, deadline.pass());
        assertFalse(deadline.claimCommit());
        assertTrue(deadline.passed());
        assertInstanceOf(DeadlineExceeded.class, deadline.pass());
    }

    @Test
    void whenBothComeAtOnceExactlyOneWins() throws Exception {
        int rounds = 2_000;
        int commits = 0;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < rounds; i++) {
                WriteDeadline deadline = WriteDeadline.start();
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Boolean> claimed = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return deadline.claimCommit();
                }, threads);
                CompletableFuture<RuntimeException> answer = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return deadline.pass();
                }, threads);
                boolean committed = claimed.get();
                assertEquals(committed ? CommitUnconfirmed.class : DeadlineExceeded.class, answer.get().getClass(),
                        "round " + i);
                commits += committed ? 1 : 0;
            }
        } finally {
            threads.shutdownNow();
        }
        System.out.printf("WriteDeadlineTest race: %d rounds, commit first %d, deadline first %d, never both%n",
                rounds, commits, rounds - commits);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
