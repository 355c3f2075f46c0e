package dev.plexsrc.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * plex.tv on loopback for the tests: {@code /api/v2/user}, {@code /friends} and {@code /resources}
 * answer per token what a test told them (any status, any body, after any delay; or a body of any
 * size, streamed, or gzipped to inflate to any size), every other
 * token 401, as plex.tv does. Every request is recorded with its headers. {@link #stop()} closes the
 * port (plex.tv unreachable) and {@link #start()} opens the same port again.
 */
public final class FakePlexTv {

    public static final String USER = "/api/v2/user";
    public static final String FRIENDS = "/api/v2/friends";
    public static final String RESOURCES = "/api/v2/resources";

    /** One request as it arrived. */
    public record Request(String path, String query, MultiMap headers) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * What an endpoint answers to a token: a status and a JSON body, or ({@code padding} above 0) a
     * body of that many bytes streamed as the client reads it, in the {@link Framing} given.
     */
    public record Answer(int status, String body, Duration delay, long padding, Framing framing) {

        public static Answer json(String body) {
            return new Answer(200, body, Duration.ZERO, 0, Framing.CONTENT_LENGTH);
        }

        public static Answer status(int status) {
            return new Answer(status, "{\"errors\":[{\"code\":" + status + "}]}", Duration.ZERO, 0, Framing.CONTENT_LENGTH);
        }

        /**
         * A 200 of {@code bytes} bytes: a valid account object padded with spaces, written as fast as
         * the client reads it (never held whole by the fake), with its Content-Length declared or chunked.
         */
        public static Answer huge(long bytes, Framing framing) {
            return new Answer(200, "", Duration.ZERO, bytes, framing);
        }

        /** A 200 with {@code Content-Encoding: gzip} whose body inflates to {@code bytes} bytes of a padded account object. */
        public static Answer gzipBomb(long bytes) {
            return new Answer(200, "", Duration.ZERO, bytes, Framing.GZIP);
        }

        public Answer after(Duration delay) {
            return new Answer(status, body, delay, padding, framing);
        }
    }

    /** How a padded answer is sent. */
    public enum Framing {
        CONTENT_LENGTH,
        CHUNKED,
        /** Compressed whole in advance, sent with its (small) Content-Length. */
        GZIP
    }

    private static final String PADDED_HEAD = "{\"id\":1";
    private static final Buffer PADDING = Buffer.buffer(" ".repeat(64 * 1024));

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Map<Long, byte[]> bombs = new ConcurrentHashMap<>();
    private final AtomicLong paddingSent = new AtomicLong();
    private HttpServer server;
    private int port;

    /** Opens the port: a free one the first time, the same one after {@link #stop()}. */
    public synchronized void start() {
        server = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(this::handle).listen());
        port = server.actualPort();
    }

    /** Closes the port: connections to it are refused until {@link #start()}. */
    public synchronized void stop() {
        await(server.close());
    }

    public void close() {
        await(vertx.close());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Forgets what tests told it and what it received. */
    public void reset() {
        answers.clear();
        requests.clear();
    }

    public FakePlexTv answer(String path, String token, Answer answer) {
        if (answer.framing() == Framing.GZIP) {
            gzipped(answer.padding()); // compressed here, not on the fake's event loop when asked
        }
        answers.put(path + " " + token, answer);
        return this;
    }

    /** {@code /api/v2/user} of the token is the account with this id. */
    public FakePlexTv account(String token, long id) {
        return answer(USER, token, Answer.json("{\"id\":" + id + ",\"uuid\":\"u" + id + "\",\"username\":\"user" + id
                + "\",\"email\":\"user" + id + "@example.com\",\"authToken\":\"" + token + "\"}"));
    }

    /** {@code /api/v2/friends} of the token lists these account ids. */
    public FakePlexTv friends(String token, long... ids) {
        StringBuilder body = new StringBuilder("[");
        for (long id : ids) {
            body.append(body.length() > 1 ? "," : "").append("{\"id\":").append(id).append(",\"title\":\"friend ")
                    .append(id).append("\",\"sharedServers\":[]}");
        }
        return answer(FRIENDS, token, Answer.json(body.append(']').toString()));
    }

    /** {@code /api/v2/resources} of the token, from {@link #server} and {@link #player} entries. */
    public FakePlexTv resources(String token, String... entries) {
        return answer(RESOURCES, token, Answer.json("[" + String.join(",", entries) + "]"));
    }

    public static String server(String clientIdentifier, boolean owned) {
        return "{\"name\":\"srv\",\"product\":\"Plex Media Server\",\"provides\":\"server\",\"clientIdentifier\":\""
                + clientIdentifier + "\",\"owned\":" + owned + ",\"connections\":[]}";
    }

    public static String player(String clientIdentifier) {
        return "{\"name\":\"tv\",\"product\":\"Plex for LG\",\"provides\":\"client,player\",\"clientIdentifier\":\""
                + clientIdentifier + "\",\"owned\":true}";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpServerRequest request) {
        String token = request.getHeader("X-Plex-Token");
        requests.add(new Request(request.path(), request.query(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers())));
        Answer answer = answers.getOrDefault(request.path() + " " + token, Answer.status(401));
        Runnable respond = () -> {
            HttpServerResponse response = request.response().setStatusCode(answer.status())
                    .putHeader("Content-Type", "application/json");
            if (answer.padding() == 0) {
                response.end(answer.body());
            } else if (answer.framing() == Framing.GZIP) {
                response.putHeader("Content-Encoding", "gzip").end(Buffer.buffer(gzipped(answer.padding())));
            } else {
                if (answer.framing() == Framing.CHUNKED) {
                    response.setChunked(true);
                } else {
                    response.putHeader("Content-Length", Long.toString(answer.padding()));
                }
                response.write(PADDED_HEAD);
                pad(response, answer.padding() - PADDED_HEAD.length() - 1);
            }
        };
        if (answer.delay().isZero()) {
            respond.run();
        } else {
            vertx.setTimer(answer.delay().toMillis(), id -> {
                // The client may have given up and closed the connection meanwhile.
                if (!request.response().closed()) {
                    respond.run();
                }
            });
        }
    }

    /** The bytes of padded answers handed to the network so far: what a client made the fake send. */
    public long paddingSent() {
        return paddingSent.get();
    }

    /** Writes {@code left} spaces and the closing brace, no faster than the client takes them. */
    private void pad(HttpServerResponse response, long left) {
        long remaining = left;
        while (remaining > 0 && !response.writeQueueFull()) {
            if (response.closed()) {
                return;
            }
            int length = (int) Math.min(remaining, PADDING.length());
            response.write(length == PADDING.length() ? PADDING : PADDING.getBuffer(0, length));
            remaining -= length;
            paddingSent.addAndGet(length);
        }
        if (remaining > 0) {
            long rest = remaining;
            response.drainHandler(drained -> pad(response, rest));
        } else if (!response.closed()) {
            response.end("}");
        }
    }

    /** The padded account object of {@code bytes} bytes, gzipped (made once per size). */
    private byte[] gzipped(long bytes) {
        return bombs.computeIfAbsent(bytes, size -> {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(PADDED_HEAD.getBytes(StandardCharsets.US_ASCII));
                byte[] padding = PADDING.getBytes();
                for (long left = size - PADDED_HEAD.length() - 1; left > 0; left -= padding.length) {
                    gzip.write(padding, 0, (int) Math.min(left, padding.length));
                }
                gzip.write('}');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return compressed.toByteArray();
        });
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake plex.tv: " + e, e);
        }
    }
}
