package dev.plexsrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.SocketHttpClient;
import dev.plexsrc.testing.SocketHttpClient.Exchange;
import dev.plexsrc.testing.Tokens;

/**
 * The HTTP edge of the packaged application against hostile framing: form bodies sent chunked,
 * requests whose length two servers could read differently (request smuggling), and the size limits and stream bound over HTTP/2 (cleartext, as the JDK's client upgrades to it).
 */
class HttpEdgeIT {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d ERROR ");
    private static final Pattern STACK_LINE = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");
    private static final String BOUNDARY = "edge";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
    private static final String URI_TOO_LONG = "{\"detail\":\"Request URI is too long.\"}";
    private static final String HEADERS_TOO_LARGE = "{\"detail\":\"Request header fields are too large.\"}";
    private static final String BODY_TOO_LARGE = "{\"detail\":\"Request body is too large.\"}";
    private static final String BOTH = "{\"detail\":\"Request has both Content-Length and Transfer-Encoding.\"}";
    private static final String NOT_CHUNKED = "{\"detail\":\"Request has a Transfer-Encoding other than chunked.\"}";
    /** What a smuggler puts after the body: run, it would be answered 200. */
    private static final String SMUGGLED = "GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

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

    /** A request that cannot be framed: its header lines after the request line, its body, and the answer's detail. */
    record Unframed(String name, String headers, String body, String expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Unframed> unframed() {
        String emptyChunked = "0\r\n\r\n";
        return List.of(
                new Unframed("CL then TE chunked", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", emptyChunked, BOTH),
                new Unframed("TE chunked then CL", "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", emptyChunked, BOTH),
                new Unframed("CHUNKED", "Content-Length: 5\r\nTransfer-Encoding: CHUNKED\r\n", emptyChunked, BOTH),
                new Unframed("tab before chunked", "Content-Length: 5\r\nTransfer-Encoding:\tchunked\r\n", emptyChunked, BOTH),
                new Unframed("space after chunked", "Content-Length: 5\r\nTransfer-Encoding: chunked \r\n", emptyChunked, BOTH),
                new Unframed("obs-fold", "Content-Length: 5\r\nTransfer-Encoding:\r\n chunked\r\n", emptyChunked, BOTH),
                new Unframed("chunked, identity", "Content-Length: 5\r\nTransfer-Encoding: chunked, identity\r\n", emptyChunked, BOTH),
                new Unframed("two TE headers", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n",
                        emptyChunked, BOTH),
                new Unframed("CL 0 and chunked", "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n", emptyChunked, BOTH),
                new Unframed("xchunked and CL", "Content-Length: 5\r\nTransfer-Encoding: xchunked\r\n", emptyChunked, BOTH),
                new Unframed("identity and CL", "Content-Length: 5\r\nTransfer-Encoding: identity\r\n", emptyChunked, BOTH),
                new Unframed("xchunked", "Transfer-Encoding: xchunked\r\n", emptyChunked, NOT_CHUNKED),
                new Unframed("identity", "Transfer-Encoding: identity\r\n", emptyChunked, NOT_CHUNKED),
                new Unframed("gzip", "Transfer-Encoding: gzip\r\n", emptyChunked, NOT_CHUNKED),
                new Unframed("chunked, identity without CL", "Transfer-Encoding: chunked, identity\r\n", emptyChunked, NOT_CHUNKED),
                new Unframed("gzip, chunked", "Transfer-Encoding: gzip, chunked\r\n", emptyChunked, NOT_CHUNKED),
                new Unframed("chunked twice", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", emptyChunked,
                        NOT_CHUNKED),
                new Unframed("quoted chunked", "Transfer-Encoding: \"chunked\"\r\n", emptyChunked, NOT_CHUNKED));
    }

    /**
     * Content-Length with Transfer-Encoding, or a Transfer-Encoding other than chunked, followed on
     * the same connection by a second request: one answer, 400 in the error shape, and the
     * connection closed, the second request never run (RFC 9112 6.1, 6.3).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unframed")
    void aRequestThatCannotBeFramedIs400AndItsConnectionCloses(Unframed request) throws IOException {
        String sent = "POST " + Api.SOURCES + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + request.headers() + "\r\n" + request.body() + SMUGGLED;
        long start = System.nanoTime();
        String answer = SocketHttpClient.untilClosed(app.port(), ANSWER_WITHIN, sent.getBytes(StandardCharsets.ISO_8859_1));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
        assertEquals(1, answer.split("HTTP/1\\.1 ", -1).length - 1, () -> "more than one answer: " + answer);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertTrue(head.contains("\r\ncontent-type: application/json"), answer);
        assertTrue(head.contains("\r\nconnection: close"), answer);
        assertEquals(request.expected(), answer.substring(answer.indexOf("\r\n\r\n") + 4));
        System.out.printf("unframed %-30s -> 400, one answer, closed after %d ms%n", request.name(), tookMillis);
    }

    /** A plainly chunked request and one with a plain length are framed as before, and their connection serves on. */
    @Test
    void plainChunkedAndPlainLengthAreServed() {
        try (SocketHttpClient client = new SocketHttpClient(app.port(), ANSWER_WITHIN)) {
            Exchange chunked = client.sendRaw(("POST " + Api.SOURCES + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + Tokens.admin() + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\n{\"n\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            Exchange length = client.send("POST", Api.SOURCES, Map.of("Authorization", "Bearer " + Tokens.admin(),
                    "Content-Type", "application/json"), "{\"n");
            Exchange after = client.send("GET", "/q/health/live", Map.of(), null);
            for (Exchange bad : List.of(chunked, length)) {
                assertTrue(bad.answered(400), bad::toString);
                assertTrue(bad.body().startsWith("{\"detail\":\"JSON parse error"), bad.body());
                assertEquals(null, bad.header("connection"));
            }
            assertTrue(after.answered(200) && after.reused(), after::toString);
            System.out.printf("plain chunked -> %d %s, plain length -> %d, then %d on the same connection%n",
                    chunked.status(), chunked.body(), length.status(), after.status());
        }
    }

    /** Over HTTP/2 the limits answer as over HTTP/1.1, without the Connection header HTTP/2 forbids, and the connection goes on. */
    @Test
    void limitsOverHttp2AnswerJsonAndKeepTheConnection() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(ANSWER_WITHIN).build();
        HttpResponse<String> upgraded = client.send(get("/q/health/live").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, upgraded.version());
        Set<Integer> connections = establishedPorts();

        HttpResponse<String> longUri = client.send(get(Api.source("s".repeat(10_000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefusedOverHttp2(longUri, 414, URI_TOO_LONG);

        HttpRequest.Builder manyHeaders = get(Api.SOURCES);
        for (int i = 0; i < 101; i++) {
            manyHeaders.header("X-Extra-" + i, "1");
        }
        HttpResponse<String> tooMany = client.send(manyHeaders.build(), HttpResponse.BodyHandlers.ofString());
        assertRefusedOverHttp2(tooMany, 431, HEADERS_TOO_LARGE);

        HttpResponse<String> largeHeader = client.send(get(Api.SOURCES).header("X-Padding", "p".repeat(25_000)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefusedOverHttp2(largeHeader, 431, HEADERS_TOO_LARGE);

        byte[] body = ("{\"name\":\"" + "n".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooLarge = client.send(HttpRequest.newBuilder(app.uri(Api.SOURCES)).timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + Tokens.admin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertRefusedOverHttp2(tooLarge, 413, BODY_TOO_LARGE);

        HttpResponse<String> after = client.send(get(Api.SOURCES).header("Authorization", "Bearer " + Tokens.admin())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, after.version());
        assertEquals(200, after.statusCode());
        assertEquals(connections, establishedPorts(), "the HTTP/2 connection was replaced");
        System.out.printf("HTTP/2: 414 (10,000-character URI), 431 (101 headers), 431 (25,000-byte header), 413 "
                + "(%,d-byte body) with JSON and no connection header, then 200, all on client port(s) %s%n",
                body.length, connections);
    }

    /** The same limits over HTTP/1.1 answer as before: JSON and Connection: close. */
    @Test
    void limitsOverHttp1StayJsonAndClose() {
        Map<String, Exchange> answers = new HashMap<>();
        try (SocketHttpClient client = new SocketHttpClient(app.port(), ANSWER_WITHIN)) {
            answers.put(URI_TOO_LONG, client.send("GET", Api.source("s".repeat(10_000)), Map.of(), null));
            Map<String, String> headers = new HashMap<>();
            for (int i = 0; i < 101; i++) {
                headers.put("X-Extra-" + i, "1");
            }
            answers.put(HEADERS_TOO_LARGE, client.send("GET", Api.SOURCES, headers, null));
            answers.put(BODY_TOO_LARGE, client.send("POST", Api.SOURCES, Map.of("Content-Type", "application/json"),
                    "{\"name\":\"" + "n".repeat(1_100_000) + "\"}"));
        }
        Map<String, Integer> statuses = Map.of(URI_TOO_LONG, 414, HEADERS_TOO_LARGE, 431, BODY_TOO_LARGE, 413);
        answers.forEach((expected, answer) -> {
            assertTrue(answer.answered(statuses.get(expected)), answer::toString);
            assertEquals(expected, answer.body());
            assertEquals("application/json", answer.header("content-type"));
            assertEquals("close", answer.header("connection"));
        });
        System.out.printf("HTTP/1.1: %s%n", answers.entrySet().stream()
                .map(e -> e.getValue().status() + " " + e.getKey() + " connection: " + e.getValue().header("connection"))
                .toList());
    }

    /** The server announces its bound on concurrent streams (and on header lists) in its first SETTINGS frame. */
    @Test
    void http2SettingsBoundConcurrentStreams() throws IOException {
        Map<Integer, Long> settings = new HashMap<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 2000);
            socket.setSoTimeout(Math.toIntExact(ANSWER_WITHIN.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[9];
            in.readFully(header);
            int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
            assertEquals(4, header[3], "the server's first frame is SETTINGS");
            for (int read = 0; read < length; read += 6) {
                settings.put(in.readUnsignedShort(), in.readInt() & 0xffffffffL);
            }
        }
        System.out.printf("HTTP/2 SETTINGS from the server: %s%n", settings);
        assertEquals(100L, settings.get(0x3), "SETTINGS_MAX_CONCURRENT_STREAMS");
        assertEquals(131_072L, settings.get(0x6), "SETTINGS_MAX_HEADER_LIST_SIZE");
    }

    private static void assertRefusedOverHttp2(HttpResponse<String> response, int status, String body) {
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals(status, response.statusCode(), response::body);
        assertEquals(body, response.body());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("content-type"));
        assertEquals(Optional.empty(), response.headers().firstValue("connection"));
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(app.uri(path)).timeout(ANSWER_WITHIN);
    }

    /** The client ports of the server's established connections. */
    private static Set<Integer> establishedPorts() {
        return app.connections().entrySet().stream().filter(e -> e.getValue().established()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
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
