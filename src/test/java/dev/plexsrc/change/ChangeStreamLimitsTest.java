package dev.plexsrc.change;

import static dev.plexsrc.change.ChangeStreamTest.changes;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.metric;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.EventStream;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** Heartbeats, the maximum of open streams and the too-slow close, with small limits. */
@QuarkusTest
@TestProfile(ChangeStreamProfile.class)
class ChangeStreamLimitsTest {

    /** How long a wait for a state the server reaches on its own may take, and how often it checks. */
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration POLL_EVERY = Duration.ofMillis(50);

    @BeforeEach
    void empty() {
        Connections.truncate();
        Tables.truncate("change_log");
        await("streams of an earlier test still open").atMost(WAIT).pollInterval(POLL_EVERY)
                .until(() -> metric("plexsrc_changes_streams_open") == 0);
    }

    @Test
    void aQuietStreamGetsHeartbeats() {
        try (EventStream stream = ChangeStreamTest.open(Tokens.admin())) {
            stream.awaitComment("heartbeat");
            stream.awaitComment("heartbeat");
        }
    }

    @Test
    void pastTheMaximumOfOpenStreamsTheAnswerIs503() {
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < ChangeStreamProfile.MAX_STREAMS; i++) {
                open.add(ChangeStreamTest.open(Tokens.admin()));
            }
            EventStream refused = EventStream.open(changes(""), Tokens.admin(), null);
            assertEquals(503, refused.status());
            assertEquals(Api.parse("{\"detail\":\"Too many open change streams, try again shortly.\"}"),
                    Api.parse(refused.errorBody()));
        } finally {
            open.forEach(EventStream::close);
        }
        await("closed streams still counted").atMost(WAIT).pollInterval(POLL_EVERY)
                .until(() -> metric("plexsrc_changes_streams_open") == 0);
        try (EventStream again = ChangeStreamTest.open(Tokens.admin())) {
            assertEquals(200, again.status());
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAndHoldsNothing() throws Exception {
        String source = createSource("plex").get("pk").asText();
        double slowBefore = metric("plexsrc_changes_slow_closes_total");
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(1024);
            client.connect(new InetSocketAddress("127.0.0.1", RestAssured.port));
            OutputStream out = client.getOutputStream();
            out.write(("GET " + ChangeStreamTest.CHANGES + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + Tokens.admin() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await("the stream did not open").atMost(WAIT).pollInterval(POLL_EVERY)
                    .until(() -> metric("plexsrc_changes_streams_open") == 1);
            // Far more changes than the socket buffers and the allowed lag hold, committed at once.
            Tables.queryString("WITH inserted AS (INSERT INTO group_plex_source_connection (group_id, source_id, identifier) "
                    + "SELECT gen_random_uuid(), '" + source + "', 'g' || n FROM generate_series(1, 5000) n RETURNING 1) "
                    + "SELECT count(*)::text FROM inserted");

            await("the slow client was not closed").atMost(WAIT).pollInterval(POLL_EVERY)
                    .until(() -> metric("plexsrc_changes_slow_closes_total") > slowBefore);
            await("the slow client's stream still counted").atMost(WAIT).pollInterval(POLL_EVERY)
                    .until(() -> metric("plexsrc_changes_streams_open") == 0);
            // The server cut the connection: reading what the buffers held ends, it does not wait.
            client.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            InputStream in = client.getInputStream();
            byte[] chunk = new byte[65536];
            try {
                while (in.read(chunk) != -1) {
                    // drain
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection of the slow client was left open");
            } catch (IOException e) {
                // reset by the server: closed as well
            }
        }
    }
}
