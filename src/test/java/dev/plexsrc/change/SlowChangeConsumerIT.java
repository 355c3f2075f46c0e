package dev.plexsrc.change;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.EventStream;
import dev.plexsrc.testing.EventStream.Event;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.SocketHttpClient;
import dev.plexsrc.testing.SocketHttpClient.Exchange;
import dev.plexsrc.testing.Tokens;

/**
 * A slow consumer is closed without the service's memory growing, shown against the packaged
 * application (1 s heartbeat, {@code plexsrc.changes.buffer} 300): 50 clients open the change stream
 * on sockets with a 1 kB receive buffer and read nothing after their first heartbeat, one client reads
 * everything, and 1,200 changes of plex sources are made, each event about 6 kB (a name of the longest
 * allowed, 512 characters, and 120 allowed servers).
 *
 * <p>A stuck client is not behind at once: however small its receive buffer, Linux lets the server's
 * send buffer on loopback grow to about 1.6 MB (kernel memory, not the process'), some 250 events of
 * 6 kB. So the changes are made in two parts. First one source (10 changes) at a time, each time
 * waiting for the reading client to get them, until every stuck connection is full (the server's side
 * queues over 1 MB and no more than a source before, seen in /proc/net/tcp): until then the server
 * sends every change to 51 streams, and writing faster would leave the reading one behind too. Then
 * 4 writers make the rest as fast as the reading client takes them (at most 100 ahead: a stream
 * sends a few hundred changes a second here, and the reading one must not be taken for a slow one),
 * and the stuck streams, which read the log only as their client takes events, cost nothing more
 * but the rest of the one batch they hold.
 *
 * <p>Had the service kept each stuck client's events until it read them, it would hold
 * 1,200 changes x 6 kB x 50 clients = about 390 MB by the last change, and 200 to 300 MB even just
 * until the stuck streams were closed (the run prints both figures, from what each stuck client can
 * have been sent); the heap is 128 MB (-Xmx128m, as Dockerfile.jvm). So:
 * <ul>
 * <li>each stuck client's connection is closed by the server within three heartbeats and 2 s of the
 * moment it was provably more than 300 behind (two beats to be found slow, one more before the
 * connection is cut, since its last {@code slow} event cannot get through a full socket; the slack
 * is for a settling round and timers on a loaded machine): the server's side leaves ESTABLISHED in
 * /proc/net/tcp, seen without the client reading, and the client then reads to EOF or a reset;</li>
 * <li>{@code plexsrc_changes_slow_closes_total} rises by 50 and {@code plexsrc_changes_streams_open}
 * is back to 1;</li>
 * <li>the reading client gets every change, ids strictly increasing and the same as the change log's,
 * one event per write;</li>
 * <li>the resident memory of the process stays within 100 MB of what it was after a warm-up (500
 * changes and one reading client), as in SlowClientsIT, and the log has no ERROR.</li>
 * </ul>
 * 50 stuck clients, not hundreds: each costs the server about 1.6 MB of events to render and send
 * before it can be seen stuck, 1 to 2 s of this machine's 2 cores for every 10 clients.
 * Every broken promise is listed in the one failure.
 */
class SlowChangeConsumerIT {

    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final int BUFFER = 300;
    private static final int STUCK = 50;
    /** Each source is created and then updated 9 times: 10 changes. */
    private static final int SOURCES = 120;
    private static final int UPDATES = 9;
    private static final int WARM_UP_SOURCES = 50;
    /**
     * A stuck client's connection counts as full once the server's side has at least this much
     * queued and no more than a source's changes before (the kernel takes about 1.6 MB, above).
     */
    private static final long FULL_SEND_QUEUE = 1 << 20;
    /** The most sources written one at a time while the stuck clients' connections fill. */
    private static final int MAX_FILLING_SOURCES = 60;
    private static final int WRITERS = 4;
    /**
     * How far the writers may get ahead of the reading client: a stream sends each change as its own
     * read of it, some hundreds a second here, and it must never be taken for a slow one.
     */
    private static final int MAX_AHEAD = 100;
    private static final int RECEIVE_BUFFER = 1024;
    private static final int NAME_LENGTH = 512;
    private static final int ALLOWED_SERVERS = 120;
    private static final long RSS_BOUND_KB = 100 * 1024;
    /** A settling round of the feed, and timers on a loaded 2-core machine: a close may come this much late. */
    private static final Duration CLOSE_SLACK = Duration.ofSeconds(2);
    private static final Duration CLOSE_BOUND = HEARTBEAT.multipliedBy(3).plus(CLOSE_SLACK);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How often a wait for a state the server reaches on its own checks it. */
    private static final Duration POLL_EVERY = Duration.ofMillis(50);
    /** How long past the close bound after the last write the test still looks for closes, to report them. */
    private static final Duration DEADLINE_SLACK = Duration.ofSeconds(5);
    private static final String SLOW_CLOSES = "plexsrc_changes_slow_closes_total";
    private static final String STREAMS_OPEN = "plexsrc_changes_streams_open";
    private static final Pattern ERROR_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d ERROR ");

    @Test
    void streamsWhoseClientsStopReadingAreClosedWithoutTheServiceHoldingTheirChanges() throws Exception {
        try (PackagedApp app = PackagedApp.start("SlowChangeConsumerIT", Map.of(
                "PLEXSRC_CHANGES_HEARTBEAT", HEARTBEAT.toSeconds() + "s",
                "PLEXSRC_CHANGES_BUFFER", Integer.toString(BUFFER),
                // One token holds every stream here.
                "PLEXSRC_CHANGES_MAX_STREAMS_PER_CALLER", "100"))) {
            String token = Tokens.admin();
            try (Episode warmUp = new Episode(app, token, "warm", 0, WARM_UP_SOURCES)) {
                warmUp.run();
            }
            long baselineKb = app.residentKb();
            try (Episode episode = new Episode(app, token, "slow", STUCK, SOURCES)) {
                episode.run();
                episode.report(baselineKb);
                List<String> broken = episode.check();
                long grewKb = episode.residentKb.getMax() - baselineKb;
                if (grewKb >= RSS_BOUND_KB) {
                    broken.add("resident memory grew by " + grewKb / 1024 + " MB, over the bound of " + RSS_BOUND_KB / 1024
                            + " MB");
                }
                List<String> errors = app.log().lines().filter(line -> ERROR_LINE.matcher(line).find()).toList();
                if (!errors.isEmpty()) {
                    broken.add(errors.size() + " ERROR lines in the log " + app.logFile() + ", first: " + errors.get(0));
                }
                assertEquals(List.of(), broken, "broken promises");
            }
        }
    }

    /**
     * One round: stuck clients and a reading one open, the writers make their changes, and the
     * round ends when every stuck stream is closed (or a deadline passes: {@link #check} says what
     * did not happen).
     */
    private static final class Episode implements AutoCloseable {

        final PackagedApp app;
        final String token;
        final String prefix;
        final int sources;
        final List<Stuck> stuck = new ArrayList<>();
        final ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final LongSummaryStatistics residentKb = new LongSummaryStatistics();
        final int stuckCount;
        EventStream reader;
        long baseId;
        double slowBefore;
        long fdsBefore;
        long fdsOpen;
        long fdsAtEnd;
        long fdsAfter;
        long writesStarted;
        long writesEnded;
        /** When the sampling ended: every stuck stream closed, or the deadline. */
        long deadline;
        long slowCountedAt = -1;
        long openBackAt = -1;
        double slowCloses;
        double streamsOpen;
        int maxReaderLag;
        /** The reading client's events: taken by the test's thread while the connections fill, then by a thread of its own. */
        final List<Event> events = Collections.synchronizedList(new ArrayList<>());
        int filledSources;
        long filledAt;
        /** Why the reading stream ended early, or null. */
        volatile String readerEnded;
        List<Long> logIds;
        long[] ackTimes;

        Episode(PackagedApp app, String token, String prefix, int stuckCount, int sources) {
            this.app = app;
            this.token = token;
            this.prefix = prefix;
            this.stuckCount = stuckCount;
            this.sources = sources;
        }

        void run() throws Exception {
            await("streams of an earlier round are still open").atMost(WAIT).pollInterval(POLL_EVERY)
                    .until(() -> app.metric(STREAMS_OPEN) == 0);
            slowBefore = app.metric(SLOW_CLOSES);
            baseId = lastChangeId();
            fdsBefore = app.openFiles();
            for (int i = 0; i < stuckCount; i++) {
                stuck.add(Stuck.open(app.port(), token));
            }
            for (Stuck client : stuck) {
                client.awaitFirstHeartbeat();
            }
            reader = EventStream.open(app.uri(ChangeStreamTest.CHANGES), token, null).awaitOpen();
            await("the streams did not all open").atMost(WAIT).pollInterval(POLL_EVERY)
                    .until(() -> app.metric(STREAMS_OPEN) == stuckCount + 1);
            fdsOpen = app.openFiles();

            writesStarted = System.nanoTime();
            int filled = fill();
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
            try {
                Future<?> reading = threads.submit(this::read);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(threads.submit(() -> write(filled, writer)));
                }
                sample(writers);
                for (Future<?> writer : writers) {
                    writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
                ackTimes = acks.stream().mapToLong(Long::longValue).sorted().toArray();
                if (ackTimes.length > 0) {
                    writesEnded = ackTimes[ackTimes.length - 1];
                }
                fdsAtEnd = app.openFiles();
                reading.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }
            logIds = changeIdsAfter(baseId);
            for (Stuck client : stuck) {
                client.drain();
            }
            fdsAfter = app.openFiles();
        }

        /**
         * Writes source after source, each time waiting for the reading client to get the source's
         * changes, until every stuck client's connection is full: the server renders each change
         * for every stream that is not yet stuck, and writing faster than that would leave every
         * stream behind, the reading one too. Returns how many sources it wrote.
         */
        private int fill() throws InterruptedException {
            try (SocketHttpClient client = new SocketHttpClient(app.port(), Duration.ofSeconds(10))) {
                int source = 0;
                while (source < Math.min(sources, MAX_FILLING_SOURCES) && !stuckFull()) {
                    writeSource(client, source++);
                    try {
                        while (events.size() < acks.size()) {
                            events.add(reader.next());
                        }
                    } catch (AssertionError ended) {
                        readerEnded = ended.getMessage();
                        break;
                    }
                    sampleOnce(System.nanoTime());
                }
                filledSources = source;
                filledAt = System.nanoTime();
                return source;
            }
        }

        /**
         * Whether every stuck client's connection is full: the stream then holds the rest of a batch
         * it cannot send and reads no more (a connection closed already counts too).
         */
        private boolean stuckFull() {
            Map<Integer, PackagedApp.TcpConnection> connections = app.connections();
            boolean full = true;
            for (Stuck client : stuck) {
                long before = client.queued;
                client.observe(connections.get(client.localPort), acks.size(), System.nanoTime());
                full &= client.closedAt >= 0 || client.queued >= FULL_SEND_QUEUE && client.queued == before;
            }
            return full;
        }

        /** Takes the reading client's events as they come, until it has one for every change or it ends. */
        private void read() {
            try {
                while (readerEnded == null && events.size() < sources * (1 + UPDATES)) {
                    events.add(reader.next());
                }
            } catch (AssertionError ended) {
                readerEnded = ended.getMessage();
            }
        }

        /** Writer {@code w}'s share of the sources from {@code first} on, never {@link #MAX_AHEAD} ahead of the reader. */
        private void write(int first, int w) {
            try (SocketHttpClient client = new SocketHttpClient(app.port(), Duration.ofSeconds(10))) {
                for (int i = first + w; i < sources; i += WRITERS) {
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (acks.size() - events.size() > MAX_AHEAD && readerEnded == null && System.nanoTime() < deadline) {
                        TimeUnit.MILLISECONDS.sleep(5);
                    }
                    writeSource(client, i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Source {@code i} created, then updated {@link #UPDATES} times. */
        private void writeSource(SocketHttpClient client, int i) {
            Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
            String slug = prefix + "-" + i;
            record(client.send("POST", Api.SOURCES, headers, Api.toJson(Map.of("name", name(i, 0),
                    "slug", slug, "plex_token", "token-" + slug, "allowed_servers", servers()))), 201);
            for (int round = 1; round <= UPDATES; round++) {
                record(client.send("PATCH", Api.source(slug), headers, Api.toJson(Map.of("name", name(i, round)))), 200);
            }
        }

        private void record(Exchange exchange, int expected) {
            if (exchange.answered(expected)) {
                acks.add(exchange.doneAt());
            } else {
                failures.add(exchange.outcome() + " " + exchange.status() + " " + exchange.body() + " " + exchange.failure());
            }
        }

        /**
         * Every {@link #SAMPLE_EVERY} while the writers write and then until every stuck stream is
         * closed (or {@link #CLOSE_BOUND} and a while more after the last write): memory, the
         * server's side of each stuck connection, the two metrics and how far the reader is behind.
         */
        private void sample(List<Future<?>> writers) throws InterruptedException {
            deadline = Long.MAX_VALUE;
            while (System.nanoTime() < deadline) {
                long now = System.nanoTime();
                sampleOnce(now);
                boolean writing = writers.stream().anyMatch(writer -> !writer.isDone());
                if (writing) {
                    writesEnded = System.nanoTime();
                } else {
                    deadline = Math.min(deadline, writesEnded + CLOSE_BOUND.plus(DEADLINE_SLACK).toNanos());
                    if (openBackAt >= 0 && stuck.stream().allMatch(client -> client.closedAt >= 0)) {
                        deadline = now;
                        return;
                    }
                }
                TimeUnit.NANOSECONDS.sleep(Math.max(0, now + SAMPLE_EVERY.toNanos() - System.nanoTime()));
            }
        }

        private void sampleOnce(long now) {
            residentKb.accept(app.residentKb());
            Map<Integer, PackagedApp.TcpConnection> connections = app.connections();
            for (Stuck client : stuck) {
                client.observe(connections.get(client.localPort), acks.size(), now);
            }
            slowCloses = app.metric(SLOW_CLOSES) - slowBefore;
            streamsOpen = app.metric(STREAMS_OPEN);
            if (slowCountedAt < 0 && slowCloses >= stuck.size()) {
                slowCountedAt = now;
            }
            if (openBackAt < 0 && slowCountedAt >= 0 && streamsOpen == 1) {
                openBackAt = now;
            }
            maxReaderLag = Math.max(maxReaderLag, acks.size() - events.size());
        }

        /**
         * When the stuck client was provably more than the buffer behind: once more changes were
         * committed after the last it could have been handed than the buffer (each acknowledged
         * write is one change committed). Counted in changes, not ids: an id a rolled-back write
         * took is a gap that only widens the distance in ids.
         */
        long behindAt(Stuck client) {
            long writes = deliveredAtMost(client) + BUFFER + 1;
            return writes <= ackTimes.length ? ackTimes[Math.toIntExact(writes) - 1] : -1;
        }

        /**
         * How many of the round's changes the server can have handed the client at most: what it
         * sent had been committed when its side of the connection was last seen queueing more (up
         * to one write per writer committed but not yet acknowledged), and one more in flight; or,
         * when the client read to EOF all there was, up to the last whole event it got and one more
         * (a reset may have thrown away what was queued).
         */
        long deliveredAtMost(Stuck client) {
            long queueing = client.acksWhenQueueing + WRITERS + 1;
            return client.end.equals("EOF") ? Math.min(queueing, committedThrough(client.lastId()) + 1) : queueing;
        }

        /** How many of the round's changes have an id up to {@code id}. */
        private long committedThrough(long id) {
            int at = Collections.binarySearch(logIds, id);
            return at >= 0 ? at + 1 : -at - 1;
        }

        /** What the round shows broken, each promise said in one line. */
        List<String> check() {
            List<String> broken = new ArrayList<>();
            if (!failures.isEmpty()) {
                broken.add(failures.size() + " writes did not succeed, first: " + failures.peek());
            }
            if (ackTimes.length != sources * (1 + UPDATES)) {
                broken.add("only " + ackTimes.length + " of " + sources * (1 + UPDATES) + " writes succeeded");
            }
            List<Stuck> neverBehind = stuck.stream().filter(client -> behindAt(client) < 0).toList();
            if (!neverBehind.isEmpty()) {
                broken.add("the test's premise: " + ackTimes.length + " changes are not enough to leave " + neverBehind.size()
                        + " stuck clients more than " + BUFFER + " behind, first " + neverBehind.get(0));
            }
            List<Stuck> open = stuck.stream().filter(client -> client.closedAt < 0).toList();
            if (!open.isEmpty()) {
                broken.add(open.size() + " of " + stuck.size() + " stuck clients' connections were still open on the "
                        + "server's side " + (deadline - lastBehindAt()) / 1_000_000 + " ms after the last was provably "
                        + BUFFER + " behind (bound " + CLOSE_BOUND.toMillis() + " ms), first " + open.get(0));
            }
            List<Stuck> late = stuck.stream()
                    .filter(client -> client.closedAt >= 0 && client.closedAt - behindAt(client) > CLOSE_BOUND.toNanos()).toList();
            if (!late.isEmpty()) {
                broken.add(late.size() + " stuck clients were closed later than " + CLOSE_BOUND.toMillis()
                        + " ms after they were provably " + BUFFER + " behind, first " + late.get(0) + " after "
                        + (late.get(0).closedAt - behindAt(late.get(0))) / 1_000_000 + " ms");
            }
            List<Stuck> notEnded = stuck.stream().filter(client -> client.closedAt >= 0 && !client.ended()).toList();
            if (!notEnded.isEmpty()) {
                broken.add(notEnded.size() + " stuck clients did not read to EOF or a reset, first " + notEnded.get(0));
            }
            if (slowCloses != stuck.size()) {
                broken.add(SLOW_CLOSES + " rose by " + slowCloses + " for " + stuck.size() + " stuck streams");
            }
            if (openBackAt < 0) {
                broken.add(STREAMS_OPEN + " is " + streamsOpen + ", not back to the one reading stream");
            }

            if (readerEnded != null) {
                broken.add("the reading stream ended (" + readerEnded + ") after " + events.size() + " of "
                        + ackTimes.length + " events, the last " + (events.isEmpty() ? "none" : events.get(events.size() - 1)));
            }
            List<Long> ids = events.stream().filter(event -> event.id() != null).map(event -> Long.parseLong(event.id()))
                    .toList();
            for (int i = 1; i < ids.size(); i++) {
                if (ids.get(i) <= ids.get(i - 1)) {
                    broken.add("the reading stream's ids are not increasing at " + i + ": " + ids.subList(i - 1, i + 1));
                    break;
                }
            }
            if (!ids.equals(logIds)) {
                broken.add("the reading stream's " + ids.size() + " ids are not the change log's " + logIds.size());
            }
            Map<String, Long> names = events.stream().collect(Collectors.groupingBy(Event::name, Collectors.counting()));
            Map<String, Long> expected = Map.of("plexsource.created", (long) sources, "plexsource.updated",
                    (long) sources * UPDATES);
            if (!names.equals(expected)) {
                broken.add("the reading stream got " + names + ", not " + expected);
            }
            return broken;
        }

        private long lastBehindAt() {
            return stuck.stream().mapToLong(this::behindAt).max().orElse(writesStarted);
        }

        void report(long baselineKb) {
            double eventBytes = events.stream().mapToLong(event -> event.data().length()).average().orElse(0);
            // What buffering per client would have held for the stuck streams until they were closed (or
            // until the end, for those never closed): the changes committed meanwhile that each had not got.
            long heldUntilClosed = 0;
            for (Stuck client : stuck) {
                long until = client.closedAt >= 0 ? client.closedAt : deadline;
                long committed = Arrays.stream(ackTimes).filter(at -> at < until).count();
                heldUntilClosed += Math.max(0, committed - deliveredAtMost(client));
            }
            List<Stuck> closed = stuck.stream().filter(client -> client.closedAt >= 0).toList();
            long[] closeAfterBehind = closed.stream().mapToLong(client -> client.closedAt - behindAt(client)).sorted()
                    .toArray();
            String closes = closed.isEmpty() ? "none closed" : String.format(
                    "%d closed %.1f-%.1f s (median %.1f) after being provably %d behind, the last %.1f s after the first change",
                    closed.size(), closeAfterBehind[0] / 1e9, closeAfterBehind[closeAfterBehind.length - 1] / 1e9,
                    closeAfterBehind[closeAfterBehind.length / 2] / 1e9, BUFFER,
                    (closed.stream().mapToLong(client -> client.closedAt).max().orElse(0) - writesStarted) / 1e9);
            LongSummaryStatistics queued = stuck.stream().mapToLong(client -> client.queuedMax).summaryStatistics();
            long readToEof = stuck.stream().filter(client -> client.end.equals("EOF")).count();
            long reset = stuck.stream().filter(client -> client.end.equals("reset")).count();
            LongSummaryStatistics behindAfter = stuck.stream()
                    .mapToLong(client -> deliveredAtMost(client) + BUFFER + 1).summaryStatistics();
            long withSlowEvent = stuck.stream().filter(Stuck::gotSlowEvent).count();
            int filledChanges = filledSources * (1 + UPDATES);
            double fastSeconds = (writesEnded - filledAt) / 1e9;
            System.out.printf("""
                    SlowChangeConsumerIT: %d stuck streams (1 kB receive buffer) and 1 reading, heartbeat %d s, buffer %d; \
                    %d changes of %.1f kB: %d one source at a time in %.1f s until the stuck connections were full, \
                    then %d in %.1f s (%.0f/s) by %d writers at most %d ahead of the reader
                      unbounded buffering would hold %d changes x %.1f kB x %d = %.0f MB by the last change, \
                    %.0f MB until the stuck streams were closed
                      resident memory %d MB after the warm-up, max %d MB (+%d MB, bound %d MB); open files %d before, \
                    %d with the streams open, %d at the end, %d once the stuck clients had read what was left
                      stuck streams: %s (bound %.1f s); %d of %d connections still open on the server's side \
                    %.1f s after the last write; %s +%.0f, %s back to %.0f %s
                      stuck connections: %d-%d kB queued on the server's side (kernel memory); provably behind after %d-%d \
                    changes; afterwards %d read to EOF, %d were reset, %d saw the slow event; \
                    reader: %d events, at most %d behind the writes at a sample
                    """, stuck.size(), HEARTBEAT.toSeconds(), BUFFER, ackTimes.length, eventBytes / 1024, filledChanges,
                    (filledAt - writesStarted) / 1e9, ackTimes.length - filledChanges, fastSeconds,
                    (ackTimes.length - filledChanges) / fastSeconds, WRITERS, MAX_AHEAD,
                    ackTimes.length, eventBytes / 1024, stuck.size(), ackTimes.length * eventBytes * stuck.size() / 1e6,
                    heldUntilClosed * eventBytes / 1e6,
                    baselineKb / 1024, residentKb.getMax() / 1024, (residentKb.getMax() - baselineKb) / 1024,
                    RSS_BOUND_KB / 1024, fdsBefore, fdsOpen, fdsAtEnd, fdsAfter,
                    closes, CLOSE_BOUND.toMillis() / 1000.0, stuck.size() - closed.size(), stuck.size(),
                    (deadline - writesEnded) / 1e9, SLOW_CLOSES, slowCloses, STREAMS_OPEN, streamsOpen,
                    openBackAt < 0 ? "(not back)" : String.format("%.1f s after the first change", (openBackAt - writesStarted) / 1e9),
                    queued.getMin() / 1024, queued.getMax() / 1024, behindAfter.getMin(), behindAfter.getMax(), readToEof,
                    reset, withSlowEvent, events.size(),
                    maxReaderLag);
        }

        private long lastChangeId() throws Exception {
            try (Connection connection = app.connect(); Statement statement = connection.createStatement();
                    ResultSet max = statement.executeQuery("SELECT coalesce(max(id), 0) FROM change_log")) {
                max.next();
                return max.getLong(1);
            }
        }

        private List<Long> changeIdsAfter(long id) throws Exception {
            List<Long> ids = new ArrayList<>();
            try (Connection connection = app.connect(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id FROM change_log WHERE id > " + id + " ORDER BY id")) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }

        @Override
        public void close() {
            for (Stuck client : stuck) {
                client.close();
            }
            if (reader != null) {
                reader.close();
            }
        }

        private static String name(int source, int round) {
            String start = "Source " + source + ", round " + round + ": ";
            return start + "n".repeat(NAME_LENGTH - start.length());
        }

        /** Plex machine identifiers (40 hex digits). */
        private static List<String> servers() {
            return IntStream.range(0, ALLOWED_SERVERS)
                    .mapToObj(i -> (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40))
                    .toList();
        }
    }

    /**
     * A client of the change stream on a socket with a small receive buffer that reads the answer's
     * head and its first heartbeat (the stream has read the log once: it has caught up) and then
     * nothing, until {@link #drain} reads what the server left it after closing.
     */
    private static final class Stuck implements AutoCloseable {

        final Socket socket;
        final int localPort;
        /** Everything read off the socket: head and chunked body. */
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        /** What the server's side had queued to send when last looked at, and the most it had. */
        long queued = -1;
        long queuedMax;
        /** How many writes were acknowledged when the server's side was last seen queueing more. */
        int acksWhenQueueing;
        /** When the server's side of the connection was first seen closed. */
        long closedAt = -1;
        /** How the drain ended: EOF, reset, or still open after a pause of 5 s. */
        String end = "not drained";
        private List<Event> events;

        private Stuck(Socket socket) {
            this.socket = socket;
            this.localPort = socket.getLocalPort();
        }

        static Stuck open(int port, String token) throws IOException {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(Math.toIntExact(WAIT.toMillis()));
            socket.getOutputStream().write(("GET " + ChangeStreamTest.CHANGES + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new Stuck(socket);
        }

        void awaitFirstHeartbeat() throws IOException {
            InputStream in = socket.getInputStream();
            byte[] heartbeat = "heartbeat".getBytes(StandardCharsets.US_ASCII);
            while (!endsWith(wire.toByteArray(), heartbeat)) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the stream ended before its first heartbeat: " + text());
                }
                wire.write(b);
            }
            String head = text().substring(0, text().indexOf("\r\n\r\n")).toLowerCase();
            assertTrue(head.startsWith("http/1.1 200") && head.contains("transfer-encoding: chunked")
                    && head.contains("text/event-stream"), head);
        }

        /** Notes the server's side of the connection as /proc/net/tcp shows it {@code now}, {@code acks} writes acknowledged. */
        void observe(PackagedApp.TcpConnection server, int acks, long now) {
            if (closedAt >= 0) {
                return;
            }
            if (server == null || !server.established()) {
                closedAt = now;
                return;
            }
            if (server.sendQueue() > queued) {
                acksWhenQueueing = acks;
            }
            queued = server.sendQueue();
            queuedMax = Math.max(queuedMax, queued);
        }

        /** Reads all the server left until it closes: the connection must end, with EOF or a reset. */
        void drain() throws IOException {
            // Through a 1 kB window the kernel would trickle what it holds (persist timer); the
            // window may grow now (up to 64 kB: no window scaling was agreed for so small a buffer).
            socket.setReceiveBufferSize(1 << 20);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[65536];
            try {
                for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                    wire.write(chunk, 0, read);
                }
                end = "EOF";
            } catch (SocketTimeoutException e) {
                end = "still open";
            } catch (IOException e) {
                end = "reset";
            }
        }

        boolean ended() {
            return end.equals("EOF") || end.equals("reset");
        }

        List<Event> events() {
            if (events == null) {
                byte[] raw = wire.toByteArray();
                String text = new String(raw, StandardCharsets.ISO_8859_1);
                int body = text.indexOf("\r\n\r\n") + 4;
                events = EventStream.parse(new String(SocketHttpClient.dechunk(Arrays.copyOfRange(raw, body, raw.length)),
                        StandardCharsets.UTF_8));
            }
            return events;
        }

        /** The id of the last whole change event it got, 0 for none. */
        long lastId() {
            return events().stream().filter(event -> event.id() != null).mapToLong(event -> Long.parseLong(event.id()))
                    .max().orElse(0);
        }

        boolean gotSlowEvent() {
            return events().stream().anyMatch(event -> "slow".equals(event.name()));
        }

        private String text() {
            return wire.toString(StandardCharsets.ISO_8859_1);
        }

        private static boolean endsWith(byte[] bytes, byte[] end) {
            return bytes.length >= end.length
                    && Arrays.equals(bytes, bytes.length - end.length, bytes.length, end, 0, end.length);
        }

        @Override
        public String toString() {
            return "stuck client :" + localPort + " (server side closed: " + (closedAt >= 0) + ", drain: " + end
                    + ", got " + wire.size() + " bytes, last id " + lastId() + ")";
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
