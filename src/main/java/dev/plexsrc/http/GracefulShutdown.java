package dev.plexsrc.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Shutdown on SIGTERM without an unanswered request:
 * <ol>
 * <li>For {@code plexsrc.shutdown.delay} readiness is DOWN (Quarkus' shutdown check, flipped just
 * before the event observed here) while requests are still served, each answer closing its
 * connection, so that load balancers route elsewhere.</li>
 * <li>Then new requests are answered 503 with {@code Retry-After}.</li>
 * <li>Once nothing is in flight and nothing has arrived for {@link #QUIET}, the listening socket
 * closes: connections are refused from then on.</li>
 * <li>Once it has been quiet as long again (a connection accepted just before sends its request and
 * gets its 503), shutdown goes on: Quarkus closes the HTTP server, with no request left to cut, and
 * the database pool, with no transaction left open.</li>
 * </ol>
 * Steps 2 to 4 take at most {@code plexsrc.shutdown.timeout}. Quarkus' own
 * {@code quarkus.shutdown.delay} cannot do this: it waits only until no request is in flight for an
 * instant, still accepting new ones, then closes every connection at once, answered or not.
 */
@Singleton
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    /**
     * How long nothing may arrive before the listener closes: polite clients wait
     * {@link #RETRY_AFTER_SECONDS} after their 503, so closing then catches none of them mid-connect.
     */
    private static final Duration QUIET = Duration.ofMillis(250);
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final String SHUTTING_DOWN = "{\"detail\":\"Service is shutting down, try again shortly.\"}";
    private static final long POLL_MILLIS = 10;

    private enum Phase {
        SERVING,
        /** Readiness DOWN, requests still served. */
        LEAVING,
        /** New requests answered 503. */
        DRAINING
    }

    private final Duration delay;
    private final Duration timeout;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The listening sockets, learnt from the connections they accepted. */
    private final Set<Channel> listeners = ConcurrentHashMap.newKeySet();
    private volatile Phase phase = Phase.SERVING;
    private volatile long lastArrival;

    public GracefulShutdown(@ConfigProperty(name = "plexsrc.shutdown.delay") Duration delay,
            @ConfigProperty(name = "plexsrc.shutdown.timeout") Duration timeout) {
        this.delay = delay;
        this.timeout = timeout;
    }

    void install(@Observes Router router) {
        router.route().order(RouteOrder.GRACEFUL_SHUTDOWN).handler(this::handle);
    }

    /**
     * Runs on Quarkus' shutdown thread before it stops anything, which waits for this method to
     * return just as it waits out its own delay.
     */
    void drain(@Observes ShutdownDelayInitiatedEvent shutdown) {
        try {
            phase = Phase.LEAVING;
            LOG.infof("Shutting down: readiness is DOWN, requests are served for %d ms more", delay.toMillis());
            Thread.sleep(delay.toMillis());
            long deadline = System.nanoTime() + timeout.toNanos();
            lastArrival = System.nanoTime();
            phase = Phase.DRAINING;
            awaitQuiet(deadline);
            for (Channel listener : listeners) {
                listener.close().await(1, TimeUnit.SECONDS);
            }
            lastArrival = System.nanoTime();
            awaitQuiet(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = inFlight.get();
        if (left > 0) {
            LOG.warnf("Shutting down with %d requests unanswered after %d ms", left, timeout.toMillis());
        } else {
            LOG.infof("Drained: %d listening socket(s) closed, no request in flight", listeners.size());
        }
    }

    private void handle(RoutingContext context) {
        Channel listener = HttpConnections.listener(context.request());
        if (listener != null && !listeners.contains(listener)) {
            listeners.add(listener);
        }
        Phase now = phase;
        if (now != Phase.SERVING) {
            lastArrival = System.nanoTime();
            closeConnectionAfterAnswer(context);
        }
        inFlight.incrementAndGet();
        HttpConnections.whenOver(context, inFlight::decrementAndGet);
        if (now == Phase.DRAINING) {
            context.response().setStatusCode(503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .end(SHUTTING_DOWN);
        } else {
            context.next();
        }
    }

    // HTTP/1.x only: an HTTP/2 connection carries other streams and has no Connection header.
    private static void closeConnectionAfterAnswer(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.version() != HttpVersion.HTTP_2) {
            context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            context.addEndHandler(ended -> request.connection().close());
        }
    }

    private void awaitQuiet(long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline
                && (inFlight.get() > 0 || System.nanoTime() - lastArrival < QUIET.toNanos())) {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }
}
