package dev.plexsrc.plextv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * plex.tv, non-blocking, at {@code plexsrc.plex.base-url}. The calls of one redeem form a
 * {@link Conversation} that ends within {@code plexsrc.plex.timeout} as a whole, however many calls
 * it makes. Each call is timed ({@code plexsrc_plextv_requests_seconds}, tagged by endpoint and
 * outcome), and a call that fails becomes a {@link PlexTvException}.
 * <p>
 * Answers are read through Vert.x's HTTP client as they arrive, at most
 * {@code plexsrc.plex.max-response-size} bytes of each: past that (declared or streamed) the
 * connection is reset at once, so no answer is ever held whole. Tokens travel only in the
 * {@code X-Plex-Token} header, never in a query string.
 */
@Singleton
public class PlexTvClient {

    private static final Logger LOG = Logger.getLogger(PlexTvClient.class);
    private static final String METRIC = "plexsrc.plextv.requests";
    // As many connections to plex.tv as the REST client this replaces pooled by default.
    private static final int MAX_CONNECTIONS = 50;

    static final String TOKEN_HEADER = "X-Plex-Token";
    static final String CLIENT_IDENTIFIER_HEADER = "X-Plex-Client-Identifier";
    static final String PRODUCT_HEADER = "X-Plex-Product";
    // authentik's name: the source's client identifier is the device authentik's Plex login registered under it.
    static final String PRODUCT = "authentik";

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;
    private final long maxResponseBytes;
    private final ObjectMapper json;
    private final JavaType account;
    private final JavaType accounts;
    private final JavaType resources;
    private final MeterRegistry registry;

    public PlexTvClient(@ConfigProperty(name = "plexsrc.plex.base-url") URI baseUrl,
            @ConfigProperty(name = "plexsrc.plex.timeout") Duration timeout,
            @ConfigProperty(name = "plexsrc.plex.max-response-size") MemorySize maxResponseSize, Vertx vertx,
            ObjectMapper json, MeterRegistry registry) {
        this.baseUrl = baseUrl.toString().replaceFirst("/+$", "");
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseSize.asLongValue();
        this.json = json;
        this.account = json.constructType(PlexAccount.class);
        this.accounts = json.getTypeFactory().constructCollectionType(List.class, PlexAccount.class);
        this.resources = json.getTypeFactory().constructCollectionType(List.class, PlexResource.class);
        this.registry = registry;
        // No compression is asked for or decoded: a small gzip answer could inflate past any bound in one chunk.
        this.http = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
    }

    /** The calls of one redeem, as the plex.tv client {@code clientIdentifier}; it ends within the timeout from now. */
    public Conversation converse(String clientIdentifier) {
        return new Conversation(clientIdentifier, System.nanoTime() + timeout.toNanos());
    }

    /** The calls of one redeem, bounded together by one deadline. */
    public final class Conversation {

        private final String clientIdentifier;
        private final long deadlineNanos;

        private Conversation(String clientIdentifier, long deadlineNanos) {
            this.clientIdentifier = clientIdentifier;
            this.deadlineNanos = deadlineNanos;
        }

        /** {@code GET /api/v2/user}: the token's own account. */
        public Uni<PlexAccount> account(String token) {
            return call("user", "/api/v2/user", token, account);
        }

        /** {@code GET /api/v2/friends}: the accounts the token's account shares with. */
        public Uni<List<PlexAccount>> friends(String token) {
            return call("friends", "/api/v2/friends", token, accounts);
        }

        /**
         * {@code GET /api/v2/resources}: the devices the token's account owns or has access to; as
         * authentik asks, servers reachable over HTTPS and through the relay are listed too.
         */
        public Uni<List<PlexResource>> resources(String token) {
            return call("resources", "/api/v2/resources?includeHttps=1&includeRelay=1", token, resources);
        }

        private <T> Uni<T> call(String endpoint, String path, String token, JavaType type) {
            return Uni.createFrom().deferred(() -> {
                long started = System.nanoTime();
                Duration left = Duration.ofNanos(Math.max(1, deadlineNanos - started));
                // Built inside the chain: a header no request can carry (a line break in a source's
                // client_id) fails this call like any other, not the redeem with a 500.
                return Uni.createFrom().item(() -> request(path, token, clientIdentifier, left))
                        .flatMap(PlexTvClient.this::exchange)
                        .ifNoItem().after(left).fail()
                        .map(body -> PlexTvClient.this.<T>read(body, type))
                        .onItemOrFailure().transformToUni((answer, failure) -> {
                            PlexTvOutcome outcome = failure == null
                                    ? answer == null ? PlexTvOutcome.INVALID_RESPONSE : PlexTvOutcome.SUCCESS
                                    : PlexTvOutcome.of(failure);
                            record(endpoint, outcome, started);
                            if (outcome != PlexTvOutcome.SUCCESS) {
                                // Only the classes of the failure: a client's messages may hold the URL or headers.
                                LOG.infof("plex.tv %s: %s%s", endpoint, outcome.tag(), causes(failure));
                                return Uni.createFrom().failure(new PlexTvException(endpoint, outcome));
                            }
                            return Uni.createFrom().item(answer);
                        });
            });
        }
    }

    private RequestOptions request(String path, String token, String clientIdentifier, Duration left) {
        // Connect and idle timeouts only back up the conversation's own bound.
        return new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(baseUrl + path)
                .setConnectTimeout(left.toMillis())
                .setIdleTimeout(left.toMillis())
                .putHeader(TOKEN_HEADER, token)
                .putHeader(CLIENT_IDENTIFIER_HEADER, clientIdentifier)
                .putHeader(PRODUCT_HEADER, PRODUCT)
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .putHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
    }

    /**
     * The 2xx body of one request, at most {@code maxResponseBytes} of it. A call that ends in any
     * other way (failed, too large, cancelled by the deadline) resets its connection, so that the rest
     * of an answer is never read.
     */
    private Uni<Buffer> exchange(RequestOptions options) {
        // A connection the pool handed out while it was closing (after a reset) fails before any
        // answer: the call, a GET, is sent once more on a fresh one.
        return attempt(options).onFailure(StaleConnection.class).retry().atMost(1)
                .onFailure(StaleConnection.class).transform(Throwable::getCause);
    }

    private Uni<Buffer> attempt(RequestOptions options) {
        return Uni.createFrom().emitter(emitter -> http.request(options).onComplete(opened -> {
            if (opened.failed()) {
                emitter.fail(StaleConnection.ifClosed(opened.cause()));
                return;
            }
            HttpClientRequest request = opened.result();
            Body body = new Body(maxResponseBytes);
            emitter.onTermination(() -> {
                if (!body.ended) {
                    request.reset();
                }
            });
            request.send().onComplete(sent -> {
                if (sent.failed()) {
                    emitter.fail(StaleConnection.ifClosed(sent.cause()));
                    return;
                }
                HttpClientResponse response = sent.result();
                // First: a reset below fails the response too, and Vert.x logs a failure nobody handles at ERROR.
                response.exceptionHandler(emitter::fail);
                boolean success = response.statusCode() >= 200 && response.statusCode() <= 299;
                String encoding = response.getHeader(HttpHeaders.CONTENT_ENCODING);
                if (success && encoding != null && !encoding.equalsIgnoreCase("identity")) {
                    emitter.fail(new UnaskedEncoding());
                    return;
                }
                if (body.declaredTooLarge(response.getHeader(HttpHeaders.CONTENT_LENGTH))) {
                    emitter.fail(new TooLarge());
                    return;
                }
                response.handler(chunk -> {
                    if (!body.append(chunk)) {
                        emitter.fail(new TooLarge());
                    }
                });
                // An error's body is read too (bounded), so that its connection can serve the next call.
                response.endHandler(end -> {
                    body.ended = true;
                    if (success) {
                        emitter.complete(body.bytes);
                    } else {
                        emitter.fail(new UnexpectedStatus(response.statusCode()));
                    }
                });
            });
        }));
    }

    private <T> T read(Buffer body, JavaType type) {
        try {
            return json.readValue(body.getBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What arrived of one answer, refused past the bound; filled on its connection's event loop only. */
    private static final class Body {

        private final long maxBytes;
        private final Buffer bytes = Buffer.buffer();
        private volatile boolean ended;

        Body(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        boolean declaredTooLarge(String contentLength) {
            try {
                return contentLength != null && Long.parseLong(contentLength.strip()) > maxBytes;
            } catch (NumberFormatException e) {
                return false; // the HTTP decoder has already refused a malformed length; the bytes are counted anyway
            }
        }

        /** Appends the chunk unless that passes the bound; once refused, nothing more is kept. */
        boolean append(Buffer chunk) {
            if (bytes.length() + (long) chunk.length() > maxBytes) {
                return false;
            }
            bytes.appendBuffer(chunk);
            return true;
        }
    }

    /** plex.tv answered with a status other than 2xx. */
    static final class UnexpectedStatus extends RuntimeException {

        private final int status;

        UnexpectedStatus(int status) {
            super("status " + status, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** A connection closed under a request before any answer arrived; the cause is Vert.x' failure. */
    static final class StaleConnection extends RuntimeException {

        private StaleConnection(Throwable closed) {
            super(null, closed, false, false);
        }

        static Throwable ifClosed(Throwable failure) {
            return failure instanceof HttpClosedException ? new StaleConnection(failure) : failure;
        }
    }

    /** plex.tv's answer is longer than {@code plexsrc.plex.max-response-size}. */
    static final class TooLarge extends RuntimeException {

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** plex.tv compressed an answer though asked for none: its bytes are not what the endpoint answers. */
    static final class UnaskedEncoding extends RuntimeException {

        UnaskedEncoding() {
            super(null, null, false, false);
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder classes = new StringBuilder();
        for (Throwable t = failure; t != null && classes.length() < 500; t = t.getCause()) {
            classes.append(classes.length() == 0 ? " (" : " < ").append(t.getClass().getName());
        }
        return classes.length() == 0 ? "" : classes.append(')').toString();
    }

    private void record(String endpoint, PlexTvOutcome outcome, long startedNanos) {
        Timer.builder(METRIC)
                .description("Calls to plex.tv by endpoint and outcome")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome.tag())
                .register(registry)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
