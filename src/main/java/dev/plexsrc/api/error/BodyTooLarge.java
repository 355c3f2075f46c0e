package dev.plexsrc.api.error;

import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a declared body over {@code quarkus.http.limits.max-body-size} with a JSON 413 before
 * the HTTP layer's own check, which would answer with an empty body.
 */
public class BodyTooLarge {

    private static final Pattern LENGTH = Pattern.compile("\\d{1,18}");

    private static final String BODY = "{\"detail\":\"Request body is too large.\"}";

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long max = limit.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && LENGTH.matcher(declared).matches() && Long.parseLong(declared) > max) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(BODY);
            } else {
                context.next();
            }
        });
    }
}
