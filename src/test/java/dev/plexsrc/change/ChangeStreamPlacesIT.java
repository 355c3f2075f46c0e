package dev.plexsrc.change;

import static dev.plexsrc.testing.Api.parse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.EventStream;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.Tokens;

/**
 * A change stream's place is given back however its client leaves, and no caller can take every
 * place: on the packaged application, over raw sockets and HTTP/2, with an instance maximum of
 * {@value #MAX_STREAMS} and a per-caller share of {@value #PER_CALLER}.
 */
class ChangeStreamPlacesIT {

    private static final int MAX_STREAMS = 40;
    private static final int PER_CALLER = 5;
    private static final int DEPARTURES_EACH = 60;
    private static final String STREAMS_OPEN = "plexsrc_changes_streams_open";
    private static final String CHANGES = "/api/v3/changes/plex/";
    private static final String PER_CALLER_REFUSED =
            "{\"detail\":\"Too many open change streams for this caller, close one first.\"}";
    private static final String INSTANCE_FULL = "{\"detail\":\"Too many open change streams, try again shortly.\"}";

    /** How a client leaves before its stream's first event, or right after its headers. */
    enum Departure {
        RESET_AT_ONCE, CLOSE_AT_ONCE, HALF_CLOSE_AT_ONCE, RESET_AFTER_HEADERS, CLOSE_AFTER_HEADERS
    }

    private static PackagedApp app;

    @BeforeAll
    static void start() {
        app = PackagedApp.start("ChangeStreamPlacesIT", settings());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Map<String, String> settings() {
        return Map.of("PLEXSRC_CHANGES_MAX_STREAMS", Integer.toString(MAX_STREAMS),
                "PLEXSRC_CHANGES_MAX_STREAMS_PER_CALLER", Integer.toString(PER_CALLER));
    }

    @Test
    void clientsLeavingEarlyGiveTheirPlacesBack() throws Exception {
        // A token without any permission: opening a stream needs none.
        String token = Tokens.user(7);
        long started = System.nanoTime();
        int sent = 0;
        for (int i = 0; i < DEPARTURES_EACH; i++) {
            for (Departure departure : Departure.values()) {
                leave(app.port(), token, departure);
                sent++;
            }
        }
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        long settledAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.metric(STREAMS_OPEN) == 0);
        long settledMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settledAt);

        // Every place is free again: the same caller gets its whole share, a second caller the rest.
        List<EventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CALLER; i++) {
                streams.add(opened(token));
            }
            for (int i = PER_CALLER; i < MAX_STREAMS; i++) {
                streams.add(opened(Tokens.withSubject("other-" + i / PER_CALLER)));
            }
            assertEquals(MAX_STREAMS, app.metric(STREAMS_OPEN));
        } finally {
            streams.forEach(EventStream::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> app.metric(STREAMS_OPEN) == 0);
        String log = app.log();
        assertFalse(log.contains("database unreachable"), () -> "a client leaving was logged as an outage:\n"
                + linesAround(log, "database unreachable"));
        assertFalse(log.contains(" ERROR "), () -> "a client leaving was logged as an error:\n"
                + linesAround(log, " ERROR "));
        System.out.printf("ChangeStreamPlacesIT: %d streams left early (%s) in %d ms; places open after: 0 within %d ms;"
                + " then %d streams opened at once%n", sent, List.of(Departure.values()), leftMillis, settledMillis,
                MAX_STREAMS);
    }

    @Test
    void aCallerHoldsAtMostItsShareAndTheInstanceItsMaximum() {
        String token = Tokens.user(8);
        List<EventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CALLER; i++) {
                streams.add(opened(token));
            }
            EventStream refused = EventStream.open(changes(), token, null);
            assertEquals(429, refused.status());
            assertEquals("5", refused.header("Retry-After"));
            assertEquals(parse(PER_CALLER_REFUSED), parse(refused.errorBody()));

            // Others still get in, up to the instance's maximum.
            for (int i = PER_CALLER; i < MAX_STREAMS; i++) {
                streams.add(opened(Tokens.withSubject("filler-" + i / PER_CALLER)));
            }
            EventStream full = EventStream.open(changes(), Tokens.withSubject("latecomer"), null);
            assertEquals(503, full.status());
            assertEquals("5", full.header("Retry-After"));
            assertEquals(parse(INSTANCE_FULL), parse(full.errorBody()));

            // A place given back is the caller's again.
            streams.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> app.metric(STREAMS_OPEN) == MAX_STREAMS - 1);
            streams.add(opened(token));
        } finally {
            streams.forEach(EventStream::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> app.metric(STREAMS_OPEN) == 0);
    }

    @Test
    void streamsMultiplexedOnOneHttp2ConnectionShareTheCallersPlaces() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // Upgrades the client's one connection to HTTP/2 (h2c); the streams then share it.
        HttpResponse<String> upgrade = http2.send(HttpRequest.newBuilder(app.uri("/q/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, upgrade.version());
        String token = Tokens.user(9);
        List<EventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CALLER; i++) {
                EventStream stream = EventStream.open(http2, changes(), token, null);
                streams.add(stream);
                assertEquals(200, stream.status());
                assertEquals(HttpClient.Version.HTTP_2, stream.version());
                stream.awaitOpen();
            }
            EventStream refused = EventStream.open(http2, changes(), token, null);
            assertEquals(429, refused.status());
            assertEquals(parse(PER_CALLER_REFUSED), parse(refused.errorBody()));
        } finally {
            streams.forEach(EventStream::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> app.metric(STREAMS_OPEN) == 0);
    }

    @Test
    void shutdownIsNotHeldByStreamsWhoseClientsLeftOrStayed() throws Exception {
        Duration delay = Duration.ofSeconds(1);
        Duration timeout = Duration.ofSeconds(10);
        try (PackagedApp instance = PackagedApp.start("ChangeStreamPlacesIT-shutdown", Map.of(
                "PLEXSRC_SHUTDOWN_DELAY", delay.toSeconds() + "s", "PLEXSRC_SHUTDOWN_TIMEOUT", timeout.toSeconds() + "s"))) {
            String token = Tokens.user(10);
            for (int i = 0; i < 20; i++) {
                for (Departure departure : Departure.values()) {
                    leave(instance.port(), token, departure);
                }
            }
            EventStream stayed = EventStream.open(URI.create("http://127.0.0.1:" + instance.port() + CHANGES), token, null);
            assertEquals(200, stayed.status());
            stayed.awaitOpen();
            long signalled = System.nanoTime();
            instance.process().destroy(); // SIGTERM
            assertTrue(stayed.untilEnd().isEmpty(), "the open stream ends with shutdown");
            assertTrue(instance.process().waitFor(timeout.toSeconds() + 10, TimeUnit.SECONDS), "the instance did not exit");
            long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            String log = instance.log();
            assertTrue(log.contains("no request in flight"), "the drain waited for requests:\n" + log);
            assertFalse(log.contains("requests unanswered"), log);
            // The delay, then a drain of 2 × 250 ms quiet and the JVM's exit: far under the timeout.
            assertTrue(exitMillis < delay.toMillis() + 4_000, "exit took " + exitMillis + " ms");
            System.out.printf("ChangeStreamPlacesIT: SIGTERM with 100 streams left early and 1 open: exit after %d ms"
                    + " (shutdown delay %d ms, timeout %d ms)%n", exitMillis, delay.toMillis(), timeout.toMillis());
        }
    }

    private static URI changes() {
        return app.uri(CHANGES);
    }

    private static EventStream opened(String token) {
        EventStream stream = EventStream.open(changes(), token, null);
        assertEquals(200, stream.status(), stream.errorBody());
        return stream.awaitOpen();
    }

    /** Asks for a stream on a raw socket and leaves as {@code departure} says. */
    private static void leave(int port, String token, Departure departure) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + CHANGES + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            switch (departure) {
                case RESET_AT_ONCE -> socket.setSoLinger(true, 0);
                case CLOSE_AT_ONCE -> {
                }
                case HALF_CLOSE_AT_ONCE -> socket.shutdownOutput();
                case RESET_AFTER_HEADERS -> {
                    awaitHeaders(socket.getInputStream());
                    socket.setSoLinger(true, 0);
                }
                case CLOSE_AFTER_HEADERS -> awaitHeaders(socket.getInputStream());
            }
        }
    }

    private static void awaitHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the connection closed before the stream's headers");
                }
                matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no headers within 5 s", e);
        }
    }

    /** The log from a little before the first line holding {@code text}, for a failure's message. */
    private static String linesAround(String log, String text) {
        List<String> lines = log.lines().toList();
        int at = 0;
        while (at < lines.size() && !lines.get(at).contains(text)) {
            at++;
        }
        return String.join("\n", lines.subList(Math.max(0, at - 20), Math.min(lines.size(), at + 40)));
    }
}
