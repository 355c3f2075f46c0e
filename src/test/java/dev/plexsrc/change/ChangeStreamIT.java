package dev.plexsrc.change;

import static dev.plexsrc.testing.Api.minimalSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.EventStream;
import dev.plexsrc.testing.EventStream.Event;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.Tokens;

/**
 * Two instances of the packaged application on one database: a change made through one is
 * streamed by the other (LISTEN/NOTIFY, no broker), and SIGTERM ends an open stream at once
 * instead of holding shutdown to its timeout.
 */
class ChangeStreamIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** Enough for a p99 of the latency from a write to its event on the other instance. */
    private static final int CHANGES = 1000;

    @Test
    void aChangeMadeThroughOneInstanceIsStreamedByTheOtherAndShutdownEndsTheStream() throws Exception {
        try (PackagedApp writer = PackagedApp.start("ChangeStreamIT-writer", Map.of());
                PackagedApp watcher = PackagedApp.start("ChangeStreamIT-watcher", Map.of(
                        "PLEXSRC_DB_NAME", writer.database(),
                        "PLEXSRC_SHUTDOWN_DELAY", "1s",
                        "PLEXSRC_SHUTDOWN_TIMEOUT", "20s"))) {
            String token = Tokens.admin();
            // The commit lies between sending the create and its answer: the time from each to the event
            // bound the commit-to-event latency from above and below (0 when the event beat the answer).
            List<Long> latencies = new ArrayList<>();
            List<Long> afterAnswer = new ArrayList<>();
            try (EventStream stream = EventStream.open(watcher.uri(ChangeStreamTest.CHANGES), token, null).awaitOpen()) {
                for (int i = 0; i < CHANGES; i++) {
                    long created = System.nanoTime();
                    assertEquals(201, post(writer, token, minimalSource("Source " + i, "s" + i, "t" + i)));
                    long answered = System.nanoTime();
                    Event event = stream.next();
                    long streamed = System.nanoTime();
                    latencies.add(streamed - created);
                    afterAnswer.add(streamed - answered);
                    assertEquals("plexsource.created", event.name());
                    assertEquals("s" + i, event.json().get("object").get("slug").asText());
                }
                Collections.sort(latencies);
                Collections.sort(afterAnswer);
                System.out.printf("ChangeStreamIT: %d creates, request sent to the event streamed by the other instance: "
                        + "median %.1f ms, p99 %.1f ms, max %.1f ms; answer received to that event: median %.1f ms, "
                        + "p99 %.1f ms%n", CHANGES, latencies.get(CHANGES / 2) / 1e6,
                        latencies.get(CHANGES * 99 / 100) / 1e6, latencies.get(CHANGES - 1) / 1e6,
                        afterAnswer.get(CHANGES / 2) / 1e6, afterAnswer.get(CHANGES * 99 / 100) / 1e6);

                long sigterm = System.nanoTime();
                watcher.process().destroy();
                assertEquals(List.of(), stream.untilEnd());
                long ended = System.nanoTime() - sigterm;
                assertTrue(watcher.process().waitFor(15, TimeUnit.SECONDS), "the watcher did not exit");
                long exited = System.nanoTime() - sigterm;
                // The stream ends when the shutdown starts, not when its timeout (20 s) runs out.
                assertTrue(ended < TimeUnit.SECONDS.toNanos(5), "the stream ended " + ended / 1_000_000 + " ms after SIGTERM");
                assertTrue(exited < TimeUnit.SECONDS.toNanos(10), "the watcher exited " + exited / 1_000_000 + " ms after SIGTERM");
            }
        }
    }

    private static int post(PackagedApp app, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/api/v3/sources/plex/"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
