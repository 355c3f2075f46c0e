package dev.plexsrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.SocketHttpClient;
import dev.plexsrc.testing.SocketHttpClient.Exchange;
import dev.plexsrc.testing.Tokens;

/**
 * The HTTP edge of the packaged application against hostile framing: form bodies sent chunked.
 */
class HttpEdgeIT {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d ERROR ");
    private static final Pattern STACK_LINE = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");
    private static final String BOUNDARY = "edge";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    private static PackagedApp app;

    @BeforeAll
    static void start() {
        app = PackagedApp.start("HttpEdgeIT", Map.of());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /**
     * A chunked form body past the form decoder's 2 KB field limit used to reach Quarkus' own
     * error page; it is answered as the same body with a declared length is: 415, unread.
     */
    @Test
    void aChunkedFormIs415AsWithADeclaredLengthAndLogsNothing() {
        String expected = "{\"detail\":\"Unsupported media type \\\"" + MULTIPART + "\\\" in request.\"}";
        String logBefore = app.log();
        List<String> cases = new ArrayList<>();
        try (SocketHttpClient client = new SocketHttpClient(app.port(), ANSWER_WITHIN)) {
            Exchange declared = client.send("POST", Api.SOURCES, Map.of("Content-Type", MULTIPART),
                    new String(multipart(4096), StandardCharsets.ISO_8859_1));
            assertEquals(415, declared.status());
            assertEquals(expected, declared.body());
            int answered = 0;
            for (int round = 0; round < 13; round++) {
                for (int size : new int[] {4096, 65_536}) {
                    for (boolean token : new boolean[] {false, true}) {
                        Exchange chunked = client.sendRaw(chunkedForm(size, token));
                        String name = size + " B " + (token ? "with" : "without") + " a token";
                        assertTrue(chunked.answered(415), () -> name + ": " + chunked);
                        assertEquals("application/json", chunked.header("content-type"), name);
                        assertEquals(expected, chunked.body(), name);
                        answered++;
                        if (round == 0) {
                            cases.add(name);
                        }
                    }
                }
            }
            String logged = app.log().substring(logBefore.length());
            assertTrue(!ERROR_LINE.matcher(logged).find() && !STACK_LINE.matcher(logged).find(),
                    "ERROR or a stack trace in the log:\n" + logged);
            System.out.printf("chunked forms: %d answered 415 (%s), %d bytes logged meanwhile%n", answered, cases,
                    logged.length());
        }
    }

    /** A multipart form whose one field is {@code size} bytes. */
    private static byte[] multipart(int size) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + "n".repeat(size)
                + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunkedForm(int size, boolean token) {
        byte[] form = multipart(size);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST " + Api.SOURCES + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + MULTIPART
                + "\r\nTransfer-Encoding: chunked\r\n" + (token ? "Authorization: Bearer " + Tokens.admin() + "\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (int at = 0; at < form.length; at += 8192) {
            int length = Math.min(8192, form.length - at);
            request.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.write(form, at, length);
            request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return request.toByteArray();
    }
}
