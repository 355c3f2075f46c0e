package dev.plexsrc.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, else a
 * new one. It is logged with each line (MDC {@code requestId}) and sent back on every answer,
 * the refusals that no REST code sees included (RequestLimits, GracefulShutdown).
 */
public class RequestIds {

    static final String HEADER = "X-Request-Id";
    /** The MDC key, and the routing context's. */
    static final String KEY = "requestId";

    private static final Pattern SANE_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

    void install(@Observes Router router) {
        // The first route of all: every route after it, and every answer, knows the id.
        router.route().order(RouteOrder.REQUEST_IDS).handler(RequestIds::assign);
    }

    private static void assign(RoutingContext context) {
        String given = context.request().getHeader(HEADER);
        String id = given != null && SANE_ID.matcher(given).matches() ? given : newId();
        context.put(KEY, id);
        MDC.put(KEY, id);
        // Just before the head goes out, whoever answers: no handler after this one can drop it.
        context.addHeadersEndHandler(headers -> context.response().headers().set(HEADER, id));
        context.next();
    }

    /** The request's id; null only for a request this class has not seen. */
    static String of(RoutingContext context) {
        return context.get(KEY);
    }

    /**
     * A random version-4 UUID from the thread's own generator: an id only needs to be unique, and
     * {@link UUID#randomUUID()} would take the shared SecureRandom's lock on every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }
}
