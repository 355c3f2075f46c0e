package dev.plexsrc.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The OpenAPI document is made once, on a worker thread, however many first requests ask for it at once. */
class MadeOnFirstUseTest {

    private static final int ASKERS = 8;

    private final Vertx vertx = Vertx.vertx();
    private final ExecutorService askers = Executors.newFixedThreadPool(ASKERS);

    @AfterEach
    void close() throws Exception {
        askers.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void concurrentFirstUsesMakeItOnceOnAWorkerThread() throws Exception {
        AtomicInteger makings = new AtomicInteger();
        CountDownLatch madeWhenReleased = new CountDownLatch(1);
        CompletableFuture<Boolean> madeOnAWorker = new CompletableFuture<>();
        MadeOnFirstUse<String> document = new MadeOnFirstUse<>(() -> {
            makings.incrementAndGet();
            madeOnAWorker.complete(Context.isOnWorkerThread());
            madeWhenReleased.await();
            return "document";
        });
        assertEquals(0, makings.get(), "nothing is made before it is asked for");

        List<Future<String>> asked = askAllAtOnce(document);
        assertTrue(madeOnAWorker.get(10, TimeUnit.SECONDS), "made on a Vert.x worker thread");
        assertTrue(asked.stream().noneMatch(Future::isComplete), "complete before it was made");
        madeWhenReleased.countDown();

        for (Future<String> answer : asked) {
            assertEquals("document", answer.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
        assertEquals("document", document.get(vertx).result(), "kept once made");
        assertEquals(1, makings.get());
    }

    @Test
    void aFailedMakingIsKept() throws Exception {
        AtomicInteger makings = new AtomicInteger();
        MadeOnFirstUse<String> document = new MadeOnFirstUse<>(() -> {
            makings.incrementAndGet();
            throw new IllegalStateException("The OpenAPI document openapi/x.json is missing from the build");
        });
        Future<String> first = document.get(vertx);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> first.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals("The OpenAPI document openapi/x.json is missing from the build", failure.getCause().getMessage());
        assertSame(first, document.get(vertx));
        assertEquals(1, makings.get());
    }

    /** Every asker on a thread of its own, all let go at the same instant (a barrier), not one after another. */
    private List<Future<String>> askAllAtOnce(MadeOnFirstUse<String> document) throws Exception {
        CyclicBarrier together = new CyclicBarrier(ASKERS);
        List<java.util.concurrent.Future<Future<String>>> asking = new ArrayList<>();
        for (int i = 0; i < ASKERS; i++) {
            asking.add(askers.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                return document.get(vertx);
            }));
        }
        List<Future<String>> asked = new ArrayList<>();
        for (java.util.concurrent.Future<Future<String>> one : asking) {
            asked.add(one.get(10, TimeUnit.SECONDS));
        }
        return asked;
    }
}
