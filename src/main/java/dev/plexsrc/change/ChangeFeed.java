package dev.plexsrc.change;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.plexsrc.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * This instance's {@code LISTEN plexsrc_changes} and the streams it wakes:
 * <ol>
 * <li>A notify (it carries only a change id) starts a round that settles the log: the highest id
 * given out, once every transaction writing a change at that moment has ended (the pause grows
 * while one stays open). No id up to it can still commit, so streams read up to it in id order
 * (V4__change_log_without_commit_lock.sql says why ids are not given out in commit order).</li>
 * <li>Rounds run one at a time while streams are open; a notify during a round runs one more after it.</li>
 * <li>The LISTEN connection ({@link PgSubscriber}) opens with the first stream and is kept: a lost
 * one is reconnected with a growing pause, and a round then reads what was committed unheard.</li>
 * <li>Every heartbeat a round runs anyway and the connection is probed, so a dead network or a
 * missed notify delays a change by one heartbeat at most.</li>
 * </ol>
 */
@Startup // its metrics exist from the start, 0 before the first stream
@Singleton
public class ChangeFeed {

    static final String CHANNEL = "plexsrc_changes";
    static final String LISTENER_NAME = "plexsrc-change-listener";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final long FIRST_RECONNECT_PAUSE_MILLIS = 100;
    private static final long MAX_RECONNECT_PAUSE_MILLIS = 5_000;
    private static final String SHUTTING_DOWN = "Service is shutting down, try again shortly.";
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final long FIRST_SETTLE_PAUSE_MILLIS = 2;
    private static final long MAX_SETTLE_PAUSE_MILLIS = 250;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final int maxStreams;
    private final int maxStreamsPerCaller;
    private final Duration heartbeat;
    private final Set<ChangeStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    /** Places held by each caller (token subject); a caller holding none has no entry. */
    private final Map<String, Integer> openByCaller = new ConcurrentHashMap<>();
    private final ChangeLogRepository log;
    private final AtomicLong settled = new AtomicLong();
    private final Counter sent;
    private final Counter slowCloses;
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile PgSubscriber subscriber;
    private boolean settling;
    private boolean settleAgain;

    public ChangeFeed(Vertx vertx, MeterRegistry registry, ChangeLogRepository log,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "plexsrc.db.connect-timeout") Duration connectTimeout,
            @ConfigProperty(name = "plexsrc.changes.max-streams") int maxStreams,
            @ConfigProperty(name = "plexsrc.changes.max-streams-per-caller") int maxStreamsPerCaller,
            @ConfigProperty(name = "plexsrc.changes.heartbeat") Duration heartbeat) {
        this.vertx = vertx;
        this.log = log;
        this.options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password.orElse(""))
                .setConnectTimeout((int) connectTimeout.toMillis())
                // Tells it apart in pg_stat_activity from the pool's connections.
                .addProperty("application_name", LISTENER_NAME);
        this.maxStreams = maxStreams;
        this.maxStreamsPerCaller = maxStreamsPerCaller;
        this.heartbeat = heartbeat;
        registry.gauge("plexsrc.changes.streams.open", open);
        this.sent = Counter.builder("plexsrc.changes.events.sent").description("Change events sent to clients")
                .register(registry);
        this.slowCloses = Counter.builder("plexsrc.changes.slow.closes")
                .description("Change streams closed because their client fell too far behind").register(registry);
    }

    /**
     * Takes a place for a new stream of {@code caller}: 429 past the caller's share, 503 past the
     * instance's maximum or once shutdown has begun. The place is held until released, once.
     */
    StreamPlace reserve(String caller) {
        if (stopping) {
            throw new ApiException(503, SHUTTING_DOWN, RETRY_AFTER_SECONDS);
        }
        boolean[] taken = {false};
        openByCaller.compute(caller, (key, held) -> {
            int now = held == null ? 0 : held;
            if (now >= maxStreamsPerCaller) {
                return held;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw new ApiException(429, "Too many open change streams for this caller, close one first.",
                    RETRY_AFTER_SECONDS);
        }
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            releaseOf(caller);
            throw new ApiException(503, "Too many open change streams, try again shortly.", RETRY_AFTER_SECONDS);
        }
        return new StreamPlace(() -> {
            open.decrementAndGet();
            releaseOf(caller);
        });
    }

    private void releaseOf(String caller) {
        openByCaller.computeIfPresent(caller, (key, held) -> held > 1 ? held - 1 : null);
    }

    /** Wakes {@code stream} whenever the settled id rises from now on; it still reads the log once by itself. */
    void add(ChangeStream stream) {
        streams.add(stream);
        if (stopping) {
            // Reserved just before shutdown began: ended like the others.
            stream.end();
            return;
        }
        startListening();
        // A notify that came while no stream was open started no round.
        changed();
    }

    void remove(ChangeStream stream) {
        streams.remove(stream);
    }

    /** The highest id up to which this instance has settled the log: no change at or below it can still commit. */
    long settled() {
        return settled.get();
    }

    /**
     * Settles the log now: the highest id given out, once every transaction writing a change at
     * that moment has ended. Streams are woken when it is higher than before.
     */
    Uni<Long> settle() {
        return log.allocated()
                .flatMap(allocated -> log.writers().flatMap(writers -> ended(writers, FIRST_SETTLE_PAUSE_MILLIS))
                        .replaceWith(allocated))
                .invoke(this::advance);
    }

    /** Done once none of {@code writers} holds the writers' lock any more: each holds it until it ends. */
    private Uni<Void> ended(Set<String> writers, long pauseMillis) {
        if (writers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Void>emitter(paused -> vertx.setTimer(pauseMillis, timer -> paused.complete(null)))
                .flatMap(paused -> log.writers())
                .flatMap(writing -> {
                    writing.retainAll(writers);
                    return ended(writing, Math.min(MAX_SETTLE_PAUSE_MILLIS, pauseMillis * 2));
                });
    }

    private void advance(long id) {
        if (settled.getAndAccumulate(id, Math::max) < id) {
            streams.forEach(ChangeStream::wake);
        }
    }

    /** A change was committed (or may have been, unheard): settle again, once the round under way has ended. */
    private void changed() {
        synchronized (this) {
            if (streams.isEmpty()) {
                return;
            }
            if (settling) {
                settleAgain = true;
                return;
            }
            settling = true;
        }
        settle().subscribe().with(id -> settleEnded(true), failure -> {
            LOG.debugf("change feed could not settle the log, retrying at the next heartbeat: %s", failure);
            settleEnded(false);
        });
    }

    private void settleEnded(boolean succeeded) {
        boolean again;
        synchronized (this) {
            settling = false;
            again = settleAgain && succeeded;
            settleAgain = false;
        }
        if (again) {
            changed();
        }
    }

    void counted(long events) {
        sent.increment(events);
    }

    void slowClosed() {
        slowCloses.increment();
    }

    private synchronized void startListening() {
        if (!started && !stopping) {
            started = true;
            subscribe(0);
            // A connection that a dead network keeps "open" would never hear a notify again: probe it.
            vertx.setPeriodic(heartbeat.toMillis(), timer -> probe());
        }
    }

    /** Connects a new subscriber; after {@code failures} first connections failed. */
    private void subscribe(int failures) {
        if (stopping) {
            return;
        }
        PgSubscriber fresh = PgSubscriber.subscriber(vertx, options);
        fresh.reconnectPolicy(retries -> reconnectPause(fresh, retries));
        fresh.channel(CHANNEL).subscribeHandler(subscribed -> listening(fresh)).handler(id -> changed());
        subscriber = fresh;
        fresh.connect().onFailure(e -> {
            LOG.debugf("change listener could not connect: %s", e);
            // A subscriber reconnects only a connection it once had: a first one that failed is retried afresh.
            fresh.close();
            vertx.setTimer(pause(failures), timer -> subscribe(failures + 1));
        });
    }

    /** The subscriber's reconnect policy: asked with 0 when its connection is lost, then once per failed attempt. */
    private long reconnectPause(PgSubscriber asking, int failures) {
        if (stopping || asking != subscriber) {
            return -1;
        }
        if (failures == 0) {
            LOG.warn("change listener lost its database connection; reconnecting");
        } else {
            LOG.debugf("change listener could not reconnect (%d attempts)", failures);
        }
        return pause(failures);
    }

    private static long pause(int failures) {
        return Math.min(MAX_RECONNECT_PAUSE_MILLIS, FIRST_RECONNECT_PAUSE_MILLIS << Math.min(failures, 6));
    }

    /** {@code listener} has just run LISTEN on a new connection. */
    private void listening(PgSubscriber listener) {
        if (stopping || listener != subscriber) {
            listener.close();
            return;
        }
        PgConnection connection = listener.actualConnection();
        if (connection != null) {
            // Without a handler Vert.x prints the stack trace of a lost connection to standard error.
            connection.exceptionHandler(e -> LOG.debugf("change listener connection failed: %s", e));
        }
        // Whatever was committed while no one listened is read now.
        changed();
    }

    private void probe() {
        // Also settles what a failed round left, and the rollback of a writer that held an id (it sends no notify).
        changed();
        PgSubscriber listener = subscriber;
        PgConnection connection = listener == null ? null : listener.actualConnection();
        if (connection == null) {
            return;
        }
        // Closing it has the subscriber reconnect.
        long timer = vertx.setTimer(options.getConnectTimeout(), expired -> connection.close());
        connection.query("SELECT 1").execute().onComplete(done -> vertx.cancelTimer(timer));
    }

    /** Before GracefulShutdown waits for requests in flight: an open stream would hold it to its timeout. */
    void endStreams(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownDelayInitiatedEvent shutdown) {
        stop();
    }

    void close(@Observes ShutdownEvent shutdown) {
        stop();
        PgSubscriber listener = subscriber;
        if (listener != null) {
            listener.close();
        }
    }

    private void stop() {
        stopping = true;
        streams.forEach(ChangeStream::end);
    }
}
