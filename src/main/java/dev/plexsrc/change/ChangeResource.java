package dev.plexsrc.change;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.http.HttpConnections;
import io.quarkus.arc.All;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/v3/changes/plex/}: the change stream, as server-sent events. Outside
 * {@code /sources/}, so no slug or connection id can ever collide with it. Not under
 * {@code @RequestDeadline}: a stream is meant to outlive any request timeout.
 */
@Path("/api/v3/changes/plex")
@Authenticated
public class ChangeResource {

    private static final Pattern ASCII_ID = Pattern.compile("[0-9]{1,18}");
    static final String SINCE_INVALID = "A valid integer is required.";
    static final String EXPIRED = "Changes after this id are no longer kept: list the objects again.";

    /** The answer to an id past the newest change's, {@code newest} (0 when there was none). */
    static String beyondNewest(long newest) {
        return "Must be at most " + newest + ", the newest change.";
    }

    private final ChangeFeed feed;
    private final ChangeReads reads;
    private final Map<String, ChangedModel> models;
    private final AdmittedStream admitted;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final int maxLag;
    private final Duration heartbeat;

    public ChangeResource(ChangeFeed feed, ChangeReads reads, @All List<ChangedModel> models, AdmittedStream admitted,
            ObjectMapper json, Vertx vertx, @ConfigProperty(name = "plexsrc.changes.buffer") int maxLag,
            @ConfigProperty(name = "plexsrc.changes.heartbeat") Duration heartbeat) {
        this.feed = feed;
        this.reads = reads;
        this.models = models.stream().collect(Collectors.toUnmodifiableMap(ChangedModel::model, Function.identity()));
        this.admitted = admitted;
        this.json = json;
        this.vertx = vertx;
        this.maxLag = maxLag;
        this.heartbeat = heartbeat;
    }

    /**
     * Changes committed from now on or, with {@code Last-Event-ID} (or {@code since}), every change
     * after that id first; ChangeStreamAdmission has parsed those, taken the stream's place and read
     * the log before this runs.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse, RoutingContext context) {
        HttpServerRequest request = context.request();
        ChangeStream stream = new ChangeStream(feed, reads, models, admitted.viewer(), json, sse::newEventBuilder,
                vertx, maxLag, heartbeat, admitted.place(), () -> HttpConnections.reset(request));
        // A client gone before the stream's first event may never be told to the stream itself.
        HttpConnections.whenOver(context, stream::left);
        return stream.events(admitted.after());
    }

    /**
     * The id to resume after, from Last-Event-ID or else {@code since}; null for neither, 400 when
     * malformed. Errors of either are the field {@code since}'s: the API's one name for the id.
     */
    static Long parseAfter(String lastEventId, String since) {
        return after(lastEventId != null ? lastEventId : since);
    }

    private static Long after(String id) {
        if (id == null) {
            return null;
        }
        // ASCII digits only: Long.parseLong would also read other scripts' digits.
        String digits = id.strip();
        if (!ASCII_ID.matcher(digits).matches()) {
            throw FieldErrors.single("since", SINCE_INVALID);
        }
        return Long.parseLong(digits);
    }
}
