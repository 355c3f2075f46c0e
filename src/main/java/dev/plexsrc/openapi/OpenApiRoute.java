package dev.plexsrc.openapi;

import java.util.List;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.plexsrc.contract.AuthentikVersion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves at /q/openapi the document of the mode configured, as Quarkus' OpenAPI extension served
 * it (OpenApiServingTest): YAML unless JSON is asked for, by {@code ?format=json}, an Accept header
 * naming application/json, or the path {@code /q/openapi.json}. Nothing of it runs at start-up: the
 * first request has the document made on a worker thread, and every request after it gets the
 * bytes kept, on its event loop. No token is needed.
 */
public class OpenApiRoute {

    private static final Logger LOG = Logger.getLogger(OpenApiRoute.class);
    /** Under Quarkus' non-application root, where the extension served it. */
    private static final String PATH = "/q/openapi";
    private static final List<String> PATHS = List.of(PATH, PATH + ".json", PATH + ".yaml", PATH + ".yml");
    private static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
    private static final String JSON = "application/json";

    void install(@Observes Router router,
            @ConfigProperty(name = "plexsrc.authentik-api-version") AuthentikVersion version) {
        MadeOnFirstUse<ServedDocument> document = new MadeOnFirstUse<>(() -> make(version));
        for (String path : PATHS) {
            router.route(path).handler(context -> serve(context, document));
        }
    }

    private static ServedDocument make(AuthentikVersion version) {
        try {
            return ServedDocument.of(version);
        } catch (RuntimeException e) {
            LOG.error("The OpenAPI document could not be made; /q/openapi answers 500", e);
            throw e;
        }
    }

    private static void serve(RoutingContext context, MadeOnFirstUse<ServedDocument> document) {
        // As the extension: OPTIONS names the methods and leaves the answer to the routes after this one.
        if (HttpMethod.OPTIONS.equals(context.request().method())) {
            context.response().headers().set("Allow", ALLOWED_METHODS);
            context.next();
            return;
        }
        Future<ServedDocument> made = document.get(context.vertx());
        if (made.isComplete()) {
            answer(context, made);
        } else {
            Context own = context.vertx().getOrCreateContext();
            made.onComplete(done -> own.runOnContext(ignored -> {
                if (!context.response().closed()) {
                    answer(context, made);
                }
            }));
        }
    }

    private static void answer(RoutingContext context, Future<ServedDocument> made) {
        HttpServerResponse response = context.response();
        if (made.failed()) {
            response.setStatusCode(500).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end("{\"detail\":\"Internal server error.\"}");
            return;
        }
        boolean json = json(context);
        // Spelled as the extension spelled it, so that even the head's bytes are the same.
        response.headers().set("Content-Type", (json ? JSON : "application/yaml") + ";charset=UTF-8");
        response.end(json ? made.result().json() : made.result().yaml());
    }

    /** The extension's choice: the path's extension first, then the Accept header or the first format parameter. */
    private static boolean json(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.endsWith(".json")) {
            return true;
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return false;
        }
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        List<String> formats = context.queryParam("format");
        return accept != null && accept.contains(JSON) || !formats.isEmpty() && "JSON".equalsIgnoreCase(formats.get(0));
    }
}
