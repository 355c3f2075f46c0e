package dev.plexsrc.http;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One INFO line per request once it is over: {@code GET /api/v3/sources/plex/ 200 12 ms}, with the
 * request id, and the same as MDC fields ({@code method}, {@code path}, {@code status},
 * {@code durationMs}) that JSON logs show as fields. The path only: no query, no header.
 */
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    /** The longest path logged whole; past it (a 414) its start and "...". */
    static final int MAX_PATH = 1024;
    /** The status of a request whose client left before any answer was sent (nginx' convention). */
    static final int CLIENT_GONE = 499;
    private static final String[] FIELDS = {"method", "path", "status", "durationMs"};

    void install(@Observes Router router,
            @ConfigProperty(name = "plexsrc.http.access-log.enabled") boolean enabled,
            @ConfigProperty(name = "plexsrc.http.access-log.exclude-pattern") Optional<String> excluded) {
        if (!enabled) {
            return;
        }
        Pattern notLogged = excluded.map(Pattern::compile).orElse(null);
        router.route().order(RouteOrder.ACCESS_LOG).handler(context -> {
            String path = Objects.toString(context.request().path(), "");
            if (notLogged == null || !notLogged.matcher(path).matches()) {
                long start = System.nanoTime();
                HttpConnections.whenOver(context, () -> log(context, path, start));
            }
            context.next();
        });
    }

    private static void log(RoutingContext context, String path, long start) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        HttpServerResponse response = context.response();
        int status = response.headWritten() ? response.getStatusCode() : CLIENT_GONE;
        String method = context.request().method().name();
        String shown = path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "..." : path;
        String outcome = !response.headWritten() ? " (client gone before the answer)"
                : response.ended() ? "" : " (connection closed before the answer ended)";
        // Over when the connection closes, this may run outside the request's context: its id is set here too.
        Object idBefore = MDC.get(RequestIds.KEY);
        MDC.put(RequestIds.KEY, RequestIds.of(context));
        MDC.put("method", method);
        MDC.put("path", shown);
        MDC.put("status", Integer.toString(status));
        MDC.put("durationMs", Long.toString(millis));
        try {
            LOG.infof("%s %s %d %d ms%s", method, shown, status, millis, outcome);
        } finally {
            for (String field : FIELDS) {
                MDC.remove(field);
            }
            if (idBefore == null) {
                MDC.remove(RequestIds.KEY);
            } else {
                MDC.put(RequestIds.KEY, idBefore);
            }
        }
    }
}
