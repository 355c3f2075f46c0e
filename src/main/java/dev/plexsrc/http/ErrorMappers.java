package dev.plexsrc.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import dev.plexsrc.database.RequestDeadlineInterceptor;
import dev.plexsrc.error.ApiException;
import dev.plexsrc.error.GenericError;
import dev.plexsrc.error.ValidationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * The one place where failures become authentik-shaped JSON answers. Nothing a client sends
 * ends as a 500, and no answer ever echoes request content (it may hold a token).
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final long OUTAGE_LOG_INTERVAL_NANOS = 10_000_000_000L;

    // An outage fails every request the same way: one WARN per interval, with the count, not one per request.
    private static final AtomicLong lastOutageLog = new AtomicLong(System.nanoTime() - OUTAGE_LOG_INTERVAL_NANOS);
    private static final AtomicInteger unloggedOutageFailures = new AtomicInteger();
    // A bug met by every request: its stack trace once per interval, a line for each other occurrence.
    private static final RepeatedFailures UNEXPECTED = new RepeatedFailures(Duration.ofSeconds(10));

    // The SQL client's failure (a Vert.x-internal class, hence its message) for a statement sent on
    // a connection the outage has just closed, as Hibernate Reactive may still do within a transaction.
    private static final String CONNECTION_CLOSED_UNDER_STATEMENT = "Connection is not active now";

    @ServerExceptionMapper
    public Response validation(ValidationException e) {
        return json(400, e.errors().asMap());
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        if (e.retryAfterSeconds() > 0) {
            return Response.fromResponse(detail(e.status(), e.detail()))
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds())).build();
        }
        return detail(e.status(), e.detail());
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
        return detail(400, "JSON parse error - Invalid JSON" + where + ".");
    }

    @ServerExceptionMapper
    public Response missingCredentials(UnauthorizedException e) {
        return unauthorized("Authentication credentials were not provided.");
    }

    @ServerExceptionMapper
    public Response invalidCredentials(AuthenticationFailedException e) {
        return unauthorized("Token invalid/expired");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return detail(403, ApiException.forbidden().detail());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return detail(404, "Not found.");
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, Request request) {
        return Response.fromResponse(detail(405, "Method \"" + request.getMethod() + "\" not allowed."))
                .header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
                .build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers) {
        // The header as sent, as DRF echoes it; parsing it would throw on a malformed one.
        String type = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return detail(415, "Unsupported media type \"" + (type == null ? "" : type) + "\" in request.");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return detail(406, "Could not satisfy the request Accept header.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        // The JSON reader wraps parse failures in a plain 400.
        if (e.getCause() instanceof JsonProcessingException parse) {
            return jsonParse(parse);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return detail(status, reason == null || reason.isEmpty() ? "Bad request." : reason + ".");
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (HttpConnections.clientGone(request)) {
            // The client left (a reset stream, say): its socket's failure says nothing about the database.
            LOG.debugf("no answer for a client that has left: %s", e);
            return detail(500, "Internal server error.");
        }
        // No Retry-After: the write may be stored, and a blind retry would store it twice or fail on it.
        if (anyCause(e, RequestDeadlineInterceptor.CommitUnconfirmed.class::isInstance)) {
            logOutage(e);
            return detail(504, "The database did not confirm the write in time, so whether it was stored is unknown:"
                    + " read it back before you retry.");
        }
        if (databaseUnreachable(e)) {
            logOutage(e);
            return Response.fromResponse(detail(503, "Database unavailable, try again shortly."))
                    .header("Retry-After", "5")
                    .build();
        }
        // Tokens reach the database only encrypted, so a failure's message cannot carry one.
        if (UNEXPECTED.fullReportDue(e)) {
            LOG.error("unexpected failure", e);
        } else {
            LOG.errorf("unexpected failure %s: %s (its stack trace is logged once every %d s)",
                    RepeatedFailures.kind(e), e.getMessage(), UNEXPECTED.intervalSeconds());
        }
        return detail(500, "Internal server error.");
    }

    private static void logOutage(Throwable e) {
        long now = System.nanoTime();
        long last = lastOutageLog.get();
        if (now - last >= OUTAGE_LOG_INTERVAL_NANOS && lastOutageLog.compareAndSet(last, now)) {
            LOG.warnf("database unreachable: %s (%d more such failures since the last report)",
                    e.getClass().getName(), unloggedOutageFailures.getAndSet(0));
        } else {
            unloggedOutageFailures.incrementAndGet();
        }
    }

    /**
     * A failure that means the database cannot be reached or does not answer in time: refused or
     * reset connections (socket I/O on a request path is only ever the database's), connect
     * timeouts, the request deadline. Mutiny may wrap several
     * failures in one, so each is looked at.
     */
    static boolean databaseUnreachable(Throwable e) {
        return anyCause(e, t -> t instanceof IOException || t instanceof ClosedConnectionException
                || t instanceof RequestDeadlineInterceptor.DeadlineExceeded
                || String.valueOf(t.getMessage()).startsWith(CONNECTION_CLOSED_UNDER_STATEMENT));
    }

    private static boolean anyCause(Throwable e, Predicate<Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (kind.test(t)) {
                return true;
            }
            if (t instanceof CompositeException composite
                    && composite.getCauses().stream().anyMatch(cause -> anyCause(cause, kind))) {
                return true;
            }
        }
        return false;
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(detail(401, message)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response detail(int status, String message) {
        return json(status, new GenericError(message));
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
