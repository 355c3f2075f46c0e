package dev.plexsrc.api.error;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The size limits of a request, answered with a JSON error before anything else runs. The HTTP
 * layer's own limits ({@code quarkus.http.limits.*}) sit well above these and answer with an empty
 * body, which Quarkus gives no way to change; so they only meet what is far past ours.
 */
public class RequestLimits {

    private static final Pattern LENGTH = Pattern.compile("\\d{1,18}");

    void install(@Observes Router router,
            @ConfigProperty(name = "plexsrc.http.max-uri-length") int maxUriLength,
            @ConfigProperty(name = "plexsrc.http.max-header-count") int maxHeaderCount,
            @ConfigProperty(name = "plexsrc.http.max-header-size") MemorySize maxHeaderSize,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long maxHeaderBytes = maxHeaderSize.asLongValue();
        long maxBodyBytes = maxBodySize.asLongValue();
        // Right after GracefulShutdown, which sees every request first.
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            HttpServerRequest request = context.request();
            if (request.uri().length() > maxUriLength) {
                refuse(context, 414, "Request URI is too long.");
            } else if (request.headers().size() > maxHeaderCount || headerBytes(request) > maxHeaderBytes) {
                refuse(context, 431, "Request header fields are too large.");
            } else if (declaredBodyBytes(request) > maxBodyBytes) {
                refuse(context, 413, "Request body is too large.");
            } else {
                context.next();
            }
        });
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

    // The connection closes: the rest of the request is not read.
    private static void refuse(RoutingContext context, int status, String detail) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"detail\":\"" + detail + "\"}");
    }
}
