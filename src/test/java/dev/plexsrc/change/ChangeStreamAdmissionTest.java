package dev.plexsrc.change;

import static dev.plexsrc.testing.Api.metric;
import static dev.plexsrc.testing.Api.parse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.EventStream;
import dev.plexsrc.testing.TcpProxy;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * A stream is admitted, or refused with a proper status, before its headers go out: while the
 * database refuses connections or is partitioned, for a malformed resume id, and for a token
 * already past {@code exp} but within the verifier's allowed skew (served until the skew runs out);
 * and a stream ends when its token expires.
 */
@QuarkusTest
@TestProfile(ChangeStreamProfile.class)
class ChangeStreamAdmissionTest {

    static final Duration REQUEST_TIMEOUT = ChangeStreamProfile.REQUEST_TIMEOUT;
    static final int SKEW_SECONDS = ChangeStreamProfile.SKEW_SECONDS;
    static final String UNAVAILABLE = "{\"detail\":\"Database unavailable, try again shortly.\"}";
    static final String STREAMS_OPEN = "plexsrc_changes_streams_open";

    TcpProxy proxy;

    @BeforeEach
    void healthy() {
        proxy.restore();
        await().atMost(Duration.ofSeconds(10)).until(() -> metric(STREAMS_OPEN) == 0);
    }

    @AfterEach
    void heal() {
        proxy.restore();
    }

    @Test
    void aStreamOpenedWhileTheDatabaseRefusesConnectionsIs503WithRetryAfter() {
        proxy.cut();
        EventStream refused = EventStream.open(changes(""), Tokens.admin(), null);
        assertEquals(503, refused.status());
        assertEquals("5", refused.header("Retry-After"));
        assertEquals(parse(UNAVAILABLE), parse(refused.errorBody()));
        assertEquals(0, metric(STREAMS_OPEN));
        proxy.restore();
        try (EventStream stream = EventStream.open(changes(""), Tokens.admin(), null)) {
            assertEquals(200, stream.status());
            stream.awaitOpen();
        }
    }

    @Test
    void aStreamOpenedDuringAPartitionIs503WithinTheRequestDeadline() {
        proxy.blackHole();
        long started = System.nanoTime();
        EventStream refused = EventStream.open(changes("?since=0"), Tokens.admin(), null);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(503, refused.status());
        assertEquals("5", refused.header("Retry-After"));
        assertEquals(parse(UNAVAILABLE), parse(refused.errorBody()));
        assertTrue(tookMillis < REQUEST_TIMEOUT.toMillis() + 3_000, "answered after " + tookMillis + " ms");
        assertEquals(0, metric(STREAMS_OPEN));
        System.out.printf("ChangeStreamAdmissionTest: stream during a partition answered 503 after %d ms (deadline %d ms)%n",
                tookMillis, REQUEST_TIMEOUT.toMillis());
    }

    @Test
    void clientsGivingUpDuringAPartitionGiveTheirPlacesBackAtOnce() throws IOException {
        proxy.blackHole();
        List<Socket> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                waiting.add(requestStream());
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> metric(STREAMS_OPEN) == 5);
        } finally {
            for (Socket socket : waiting) {
                socket.close();
            }
        }
        long leftAt = System.nanoTime();
        // Well before the request deadline would have ended them.
        await().atMost(REQUEST_TIMEOUT.minusSeconds(2)).until(() -> metric(STREAMS_OPEN) == 0);
        System.out.printf("ChangeStreamAdmissionTest: 5 clients gave up during a partition, places free %d ms later%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - leftAt));
    }

    @Test
    void sinceTakesAsciiDigitsOnly() {
        // U+0661 U+0662: Arabic-Indic digits one and two, which Java's number parsing would read as 12.
        EventStream refused = EventStream.open(changes("?since=%D9%A1%D9%A2"), Tokens.admin(), null);
        assertEquals(400, refused.status());
        assertEquals(parse("{\"since\":[\"A valid integer is required.\"]}"), parse(refused.errorBody()));
        try (EventStream stream = EventStream.open(changes("?since=0"), Tokens.admin(), null)) {
            assertEquals(200, stream.status());
            stream.awaitOpen();
        }
    }

    @Test
    void aTokenPastExpWithinTheSkewIsServedUntilTheSkewRunsOut() {
        long exp = System.currentTimeMillis() / 1000 - 1;
        long skewRunsOutMillis = (exp + SKEW_SECONDS) * 1000;
        try (EventStream stream = EventStream.open(changes(""), Tokens.issuedAt(exp - 600, exp), null)) {
            assertEquals(200, stream.status());
            stream.awaitOpen();
            // The token is accepted for 3 to 4 s more: a heartbeat (every second) meanwhile, then the end.
            stream.awaitComment("heartbeat");
            stream.untilEnd();
            long endedMillis = System.currentTimeMillis();
            assertTrue(endedMillis >= skewRunsOutMillis - 50, "ended " + (skewRunsOutMillis - endedMillis)
                    + " ms before the skew ran out");
            assertTrue(endedMillis - skewRunsOutMillis < 3_000, "still open " + (endedMillis - skewRunsOutMillis)
                    + " ms after the skew ran out");
        }
    }

    @Test
    void theStreamEndsWhenTheTokenExpires() {
        // The stream ends at exp plus the skew: 5 s in this profile (60 s by default).
        long exp = System.currentTimeMillis() / 1000 + 2;
        try (EventStream stream = EventStream.open(changes(""),
                Tokens.expiringAt(exp, "authentik_sources_plex.view_plexsource"), null).awaitOpen()) {
            assertEquals(List.of(), stream.untilEnd());
        }
    }

    private static URI changes(String query) {
        return URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v3/changes/plex/" + query);
    }

    /** A stream asked for on a raw socket whose answer the test never reads. */
    private static Socket requestStream() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 2_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v3/changes/plex/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + Tokens.admin() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
