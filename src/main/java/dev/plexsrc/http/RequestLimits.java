package dev.plexsrc.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The size limits of a request, answered with a JSON error before anything else runs. The HTTP
 * layer's own limits ({@code quarkus.http.limits.*}) sit well above these and answer with an empty
 * body, which Quarkus gives no way to change; so they only meet what is far past ours.
 */
public class RequestLimits {

    private static final Pattern LENGTH = Pattern.compile("\\d{1,18}");
    /** How long the rest of a refused request is read and dropped before its connection closes anyway. */
    private static final Duration LINGER = Duration.ofSeconds(30);

    void install(@Observes Router router,
            @ConfigProperty(name = "plexsrc.http.max-uri-length") int maxUriLength,
            @ConfigProperty(name = "plexsrc.http.max-header-count") int maxHeaderCount,
            @ConfigProperty(name = "plexsrc.http.max-header-size") MemorySize maxHeaderSize,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long maxHeaderBytes = maxHeaderSize.asLongValue();
        long maxBodyBytes = maxBodySize.asLongValue();
        BodyHandler chunkedBody = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        router.route().order(RouteOrder.REQUEST_LIMITS).handler(context -> {
            HttpServerRequest request = context.request();
            String unframed = request.version() == HttpVersion.HTTP_2 ? null
                    : RequestFraming.refusal(request.headers().getAll(HttpHeaders.TRANSFER_ENCODING),
                            request.headers().contains(HttpHeaders.CONTENT_LENGTH));
            if (unframed != null) {
                refuseUnframed(context, unframed);
            } else if (request.uri().length() > maxUriLength) {
                refuse(context, 414, "Request URI is too long.");
            } else if (request.headers().size() > maxHeaderCount || headerBytes(request) > maxHeaderBytes) {
                refuse(context, 431, "Request header fields are too large.");
            } else if (declaredBodyBytes(request) > maxBodyBytes) {
                refuse(context, 413, "Request body is too large.");
            } else if (chunked(request) && !form(request)) {
                // Read here, so that past the limit it fails with 413 into the failure handler: REST's
                // own reader would answer an empty 413 and leave an IOException to the mappers.
                chunkedBody.handle(context);
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            // A chunked body past the limit: Quarkus would answer it with an empty body.
            if (context.statusCode() == 413) {
                refuse(context, 413, "Request body is too large.");
            } else {
                context.next();
            }
        });
    }

    private static boolean chunked(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /**
     * A form the body handler would decode (past 2 KB a field fails it into Quarkus' own error page);
     * no operation takes one, so REST answers it 415 unread, as it does when the length is declared.
     */
    private static boolean form(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        String lowerCase = type.toLowerCase(Locale.ROOT);
        return lowerCase.startsWith("multipart/form-data") || lowerCase.startsWith("application/x-www-form-urlencoded");
    }

    /** Header lines as they came: name, ": ", value, CRLF. */
    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private static long declaredBodyBytes(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return declared != null && LENGTH.matcher(declared).matches() ? Long.parseLong(declared) : 0;
    }

    private static Future<Void> answer(RoutingContext context, int status, String detail) {
        return context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"detail\":\"" + detail + "\"}");
    }

    /**
     * Answers 400 and closes the connection as soon as the answer is out: where the request ends
     * cannot be known, so nothing after its head is read (RFC 9112 6.3).
     */
    private static void refuseUnframed(RoutingContext context, String detail) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        answer(context, 400, detail).onComplete(done -> context.request().connection().close());
    }

    /**
     * Answers, then closes the connection once the request has been read to its end (the client
     * gets the answer before the close even while it still sends a body; Vert.x alone would keep
     * the connection after an answer saying close), or after {@link #LINGER} if it never ends.
     */
    private static void refuse(RoutingContext context, int status, String detail) {
        HttpServerRequest request = context.request();
        // HTTP/2 ends the stream only; the connection carries other requests, and a Connection
        // header there is malformed (RFC 9113 8.2.2): clients fail the stream instead of reading it.
        if (request.version() == HttpVersion.HTTP_2) {
            answer(context, status, detail);
            return;
        }
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        Future<Void> answered = answer(context, status, detail);
        Runnable close = () -> answered.onComplete(done -> request.connection().close());
        if (request.isEnded()) {
            close.run();
            return;
        }
        long linger = context.vertx().setTimer(LINGER.toMillis(), expired -> close.run());
        request.handler(discarded -> {
        }).endHandler(ended -> {
            context.vertx().cancelTimer(linger);
            close.run();
        }).resume();
    }
}
