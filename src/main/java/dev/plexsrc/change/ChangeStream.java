package dev.plexsrc.change;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.sse.OutboundSseEvent;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.plexsrc.security.Viewer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

/**
 * One client's stream:
 * <ol>
 * <li>The change log is its buffer: it reads a batch after its cursor, up to the feed's settled id,
 * only once the previous batch is sent, so it holds at most one batch however far behind its client is.</li>
 * <li>A client that has caught up once and then, at two heartbeats in a row, is more than
 * {@code maxLag} changes behind with events waiting for it is too slow: it gets a last {@code slow}
 * event and the stream ends (it may resume with Last-Event-ID).</li>
 * <li>State changes are synchronized: database answers, notifies, timers and demand arrive on
 * different threads.</li>
 * </ol>
 */
final class ChangeStream {

    static final String SLOW = "{\"detail\":\"Client too slow: reconnect with Last-Event-ID to resume.\"}";
    private static final Logger LOG = Logger.getLogger(ChangeStream.class);
    private static final int BATCH = 100;
    /** Objects of one batch read at the same time, in a pool shared with requests. */
    private static final int RENDERING_AT_ONCE = 8;

    private final ChangeFeed feed;
    private final ChangeReads reads;
    private final Map<String, ChangedModel> models;
    private final Viewer viewer;
    private final ObjectMapper json;
    private final Supplier<OutboundSseEvent.Builder> events;
    private final Vertx vertx;
    private final int maxLag;
    private final Duration heartbeat;
    private final StreamPlace place;
    private final Runnable abort;
    private final ArrayDeque<OutboundSseEvent> ready = new ArrayDeque<>(BATCH);
    private MultiEmitter<? super OutboundSseEvent> emitter;
    /** The last id read from the log, and the last one handed to the client (or skipped as invisible). */
    private long cursor;
    private long delivered;
    private boolean reading;
    private boolean wanted = true;
    private boolean caughtUp;
    private boolean ended;
    private boolean greeted;
    private boolean behindAtLastBeat;
    private boolean released;
    private long heartbeatTimer = -1;
    private long expiryTimer = -1;

    ChangeStream(ChangeFeed feed, ChangeReads reads, Map<String, ChangedModel> models, Viewer viewer,
            ObjectMapper json, Supplier<OutboundSseEvent.Builder> events, Vertx vertx, int maxLag, Duration heartbeat,
            StreamPlace place, Runnable abort) {
        this.feed = feed;
        this.reads = reads;
        this.models = models;
        this.viewer = viewer;
        this.json = json;
        this.events = events;
        this.vertx = vertx;
        this.maxLag = maxLag;
        this.heartbeat = heartbeat;
        this.place = place;
        this.abort = abort;
    }

    /**
     * The events after {@code after}; the stream's place is released when it ends. Buffering
     * applies only to the last event of a slow client.
     */
    Multi<OutboundSseEvent> events(long after) {
        cursor = after;
        delivered = after;
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> start(emitter))
                .onTermination().invoke(this::terminated);
    }

    private synchronized void start(MultiEmitter<? super OutboundSseEvent> emitter) {
        this.emitter = emitter;
        long untilExpiry = Duration.between(Instant.now(), viewer.expiresAt()).toMillis();
        if (ended || untilExpiry <= 0) {
            // The client left before the stream started, or the token expired on the way here.
            ended = true;
            emitter.complete();
            return;
        }
        emitter.onRequest(requested -> pump());
        expiryTimer = vertx.setTimer(untilExpiry, timer -> end());
        heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), timer -> beat());
        feed.add(this);
        pump();
    }

    /** The feed settled more of the log: read it when the client is ready. */
    synchronized void wake() {
        wanted = true;
        pump();
    }

    /** The client is gone: nothing more is sent, and the stream lets go of its place, timers and feed. */
    synchronized void left() {
        ended = true;
        if (emitter != null) {
            emitter.complete();
        }
        terminated();
    }

    /** Ends the stream cleanly: shutdown or an expired token. */
    synchronized void end() {
        if (!ended) {
            ended = true;
            emitter.complete();
        }
    }

    private synchronized void beat() {
        if (ended) {
            return;
        }
        // Behind at two beats in a row: a burst a client works through within a beat is no reason. And
        // only while events wait for the client to take them: a stream still reading is slow itself.
        boolean behind = caughtUp && !ready.isEmpty() && feed.settled() - delivered > maxLag;
        if (behind && behindAtLastBeat) {
            slow();
            return;
        }
        behindAtLastBeat = behind;
        if (ready.isEmpty() && !reading && emitter.requested() > 0) {
            emitter.emit(events.get().comment("heartbeat").build());
        }
        // Also retries a read that failed (the database was away).
        wake();
    }

    private void pump() {
        long from;
        long through;
        synchronized (this) {
            // A first comment sends the headers at once: the client knows the stream is open.
            if (!greeted && !ended && emitter.requested() > 0) {
                greeted = true;
                emitter.emit(events.get().comment("connected").build());
            }
            while (!ended && !ready.isEmpty() && emitter.requested() > 0) {
                OutboundSseEvent event = ready.poll();
                delivered = Long.parseLong(event.getId());
                emitter.emit(event);
                feed.counted(1);
            }
            if (ready.isEmpty()) {
                delivered = Math.max(delivered, cursor);
            }
            if (ended || reading || !wanted || !ready.isEmpty()) {
                return;
            }
            through = feed.settled();
            if (cursor >= through) {
                caughtUp = true;
                return;
            }
            reading = true;
            wanted = false;
            from = cursor;
        }
        reads.after(from, through, BATCH)
                .flatMap(records -> Multi.createFrom().iterable(records)
                        .onItem().transformToUni(this::render).merge(RENDERING_AT_ONCE)
                        .collect().asList()
                        .map(rendered -> {
                            List<Rendered> inOrder = new ArrayList<>(rendered);
                            inOrder.sort(Comparator.comparingLong(Rendered::id));
                            return new Batch(records.size(), through, inOrder);
                        }))
                .subscribe().with(this::read, this::readFailed);
    }

    /** What one read found up to {@code through}, the settled id it read up to. */
    private record Batch(int size, long through, List<Rendered> rendered) {
    }

    /** An event to send, or null for a change the viewer may not see. */
    private record Rendered(long id, OutboundSseEvent event) {
    }

    private synchronized void read(Batch batch) {
        reading = false;
        for (Rendered rendered : batch.rendered()) {
            cursor = rendered.id();
            if (rendered.event() != null) {
                ready.add(rendered.event());
            }
        }
        if (batch.size() == BATCH) {
            wanted = true;
        } else {
            // Nothing else up to the settled id exists or ever will (the gaps were rolled back).
            cursor = batch.through();
            caughtUp = true;
        }
        pump();
    }

    private synchronized void readFailed(Throwable failure) {
        reading = false;
        wanted = true;
        LOG.debugf("change stream could not read the log, retrying with the next wake: %s", failure);
    }

    private Uni<Rendered> render(ChangeRecord record) {
        ChangedModel model = models.get(record.model());
        if (model == null || !model.visible(viewer, record.ownerUserId())) {
            return Uni.createFrom().item(new Rendered(record.id(), null));
        }
        Uni<Object> object = ChangeRecord.DELETED.equals(record.action())
                ? Uni.createFrom().nullItem()
                : reads.object(record, model, viewer);
        return object.map(found -> new Rendered(record.id(), event(record, found)));
    }

    private OutboundSseEvent event(ChangeRecord record, Object object) {
        ChangeEvent data = new ChangeEvent(record.model(), record.action(), record.pk(), record.changedAt(), object);
        try {
            return events.get().id(Long.toString(record.id())).name(record.model() + "." + record.action())
                    .data(json.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a change event could not be written", e);
        }
    }

    /** The last event is buffered past the client's demand; a client that never takes it is cut off. */
    private void slow() {
        ended = true;
        feed.slowClosed();
        ready.clear();
        emitter.emit(events.get().name("slow").data(SLOW).build());
        emitter.complete();
        // The completion waits behind that event, which a stuck client never takes: free its place now.
        terminated();
        vertx.setTimer(heartbeat.toMillis(), timer -> abort.run());
    }

    private synchronized void terminated() {
        ended = true;
        if (!released) {
            released = true;
            feed.remove(this);
            place.release();
            vertx.cancelTimer(heartbeatTimer);
            vertx.cancelTimer(expiryTimer);
        }
    }
}
