package dev.plexsrc.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Races for tests: calls run from a thread each, released at once, and the race counts only if
 * at least two of them were in flight together (a race whose calls ran one after another tested
 * nothing, so that fails the test rather than passing it).
 */
public final class Concurrently {

    private Concurrently() {
    }

    /** Sends the requests over HTTP/1.1 (a connection each), released at once; the answers in order. */
    public static List<HttpResponse<String>> send(List<HttpRequest> requests) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (HttpRequest request : requests) {
            calls.add(() -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        }
        return run(calls);
    }

    /** Runs {@code callers} copies of {@code call} at once; their results in order. */
    public static <T> List<T> run(int callers, Callable<T> call) throws Exception {
        List<Callable<T>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(call);
        }
        return run(calls);
    }

    /** Runs the calls at once; their results in order. */
    public static <T> List<T> run(List<Callable<T>> calls) throws Exception {
        int n = calls.size();
        long[] started = new long[n];
        long[] ended = new long[n];
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> pending = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> call = calls.get(i);
                pending.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    started[index] = System.nanoTime();
                    try {
                        return call.call();
                    } finally {
                        ended[index] = System.nanoTime();
                    }
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "all callers ready");
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : pending) {
                results.add(future.get(90, TimeUnit.SECONDS));
            }
            int most = mostAtOnce(started, ended);
            assertTrue(most >= 2, "the " + n + " calls ran one after another, so nothing raced");
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The most intervals [started, ended] that hold one instant in common. */
    static int mostAtOnce(long[] started, long[] ended) {
        long[] starts = started.clone();
        long[] ends = ended.clone();
        Arrays.sort(starts);
        Arrays.sort(ends);
        int most = 0;
        int open = 0;
        int e = 0;
        for (long start : starts) {
            while (e < ends.length && ends[e] < start) {
                open--;
                e++;
            }
            open++;
            most = Math.max(most, open);
        }
        return most;
    }
}
