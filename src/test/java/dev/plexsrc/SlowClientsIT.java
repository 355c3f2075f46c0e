package dev.plexsrc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.SocketHttpClient;
import dev.plexsrc.testing.SocketHttpClient.Exchange;
import dev.plexsrc.testing.Tokens;

/**
 * 500 hostile connections held open against the packaged application for 15 s (silent ones, ones
 * stalled in the middle of a request line, and ones trickling a header byte every 2 s; each one
 * reopened as soon as the server closes it), while a normal client keeps calling the API: every
 * call must be answered within 1 s, the process' resident memory must stay within 100 MB of what it
 * was before, and every hostile connection must be closed {@code quarkus.http.idle-timeout} after it
 * opened (5 s here, so that the test sees it happen several times). A trickled header does not keep a
 * connection alive: the server's idle check sits behind its HTTP decoder, so only a complete request
 * head counts.
 */
class SlowClientsIT {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration HOLD = Duration.ofSeconds(15);
    private static final Duration TRICKLE_EVERY = Duration.ofSeconds(2);
    private static final Duration CALL_EVERY = Duration.ofMillis(50);
    private static final Duration MAX_LATENCY = Duration.ofSeconds(1);
    private static final long RSS_BOUND_KB = 100 * 1024;
    /** The server's idle check is a timer on a loaded machine: a close may come this much late. */
    private static final Duration CLOSE_SLACK = Duration.ofSeconds(3);
    private static final int WARM_UP_CALLS = 200;
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d ERROR ");

    enum Kind {
        /** Connects and sends nothing. */
        SILENT(200, ""),
        /** Sends half a request line, then nothing. */
        STALLED(150, "GET /api/v3/sources/pl"),
        /** Sends a request line and a header, then one more header byte every {@link #TRICKLE_EVERY}. */
        TRICKLING(150, "GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");

        final int connections;
        final String opening;

        Kind(int connections, String opening) {
            this.connections = connections;
            this.opening = opening;
        }
    }

    /** A hostile connection, when it was opened and when it last sent something. */
    private static final class Hostile {
        final Kind kind;
        final SocketChannel channel;
        final long opened = System.nanoTime();
        long lastSent = opened;

        Hostile(Kind kind, SocketChannel channel) {
            this.kind = kind;
            this.channel = channel;
        }
    }

    /** How long a hostile connection had been open, and since its last byte, when the server closed it. */
    record Closed(long openMillis, long silentMillis) {
    }

    private final Map<Kind, List<Closed>> closedByServer = new EnumMap<>(Kind.class);
    private int openedInAll;

    @Test
    void fiveHundredSlowConnectionsNeitherStarveANormalClientNorGrowMemory() throws Exception {
        try (PackagedApp app = PackagedApp.start("SlowClientsIT",
                Map.of("QUARKUS_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT.toSeconds() + "s"));
                SocketHttpClient normal = new SocketHttpClient(app.port(), Duration.ofSeconds(10));
                Selector selector = Selector.open()) {
            Map<String, String> headers = Map.of("Authorization", "Bearer " + Tokens.admin());
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                call(normal, headers, i);
            }
            long baselineKb = app.residentKb();
            long baselineFds = app.openFiles();

            for (Kind kind : Kind.values()) {
                closedByServer.put(kind, new ArrayList<>());
                for (int i = 0; i < kind.connections; i++) {
                    open(selector, app.port(), kind);
                }
            }
            long openedKb = app.residentKb();

            List<Exchange> calls = new ArrayList<>();
            LongSummaryStatistics residentKb = new LongSummaryStatistics();
            LongSummaryStatistics fds = new LongSummaryStatistics();
            long start = System.nanoTime();
            long nextTrickle = start + TRICKLE_EVERY.toNanos();
            long nextSample = start;
            for (int n = 0; System.nanoTime() - start < HOLD.toNanos(); n++) {
                calls.add(call(normal, headers, n));
                long callDue = System.nanoTime() + CALL_EVERY.toNanos();
                while (System.nanoTime() < callDue) {
                    serveHostile(selector, app.port(), Duration.ofNanos(callDue - System.nanoTime()));
                    if (System.nanoTime() >= nextTrickle) {
                        trickle(selector);
                        nextTrickle += TRICKLE_EVERY.toNanos();
                    }
                }
                if (System.nanoTime() >= nextSample) {
                    residentKb.accept(app.residentKb());
                    fds.accept(app.openFiles());
                    nextSample += Duration.ofSeconds(1).toNanos();
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }

            report(calls, baselineKb, openedKb, residentKb, baselineFds, fds);

            List<Exchange> slowOrFailed = calls.stream()
                    .filter(call -> !call.answered(200) || call.took().compareTo(MAX_LATENCY) > 0).toList();
            assertTrue(slowOrFailed.isEmpty(), () -> slowOrFailed.size() + " of " + calls.size()
                    + " normal calls failed or took over " + MAX_LATENCY.toMillis() + " ms, first: "
                    + slowOrFailed.stream().limit(5).map(c -> c.outcome() + " " + c.status() + " after "
                            + c.took().toMillis() + " ms " + c.failure()).toList());
            assertTrue(residentKb.getMax() - baselineKb < RSS_BOUND_KB, "resident memory grew by "
                    + (residentKb.getMax() - baselineKb) / 1024 + " MB, over the bound of " + RSS_BOUND_KB / 1024 + " MB");
            for (Kind kind : Kind.values()) {
                List<Closed> closed = closedByServer.get(kind);
                assertTrue(closed.size() >= kind.connections, kind + ": only " + closed.size() + " of "
                        + kind.connections + " connections were closed within " + HOLD.toSeconds() + " s");
                LongSummaryStatistics open = closed.stream().mapToLong(Closed::openMillis).summaryStatistics();
                assertTrue(open.getMin() >= IDLE_TIMEOUT.toMillis() - 200
                        && open.getMax() <= IDLE_TIMEOUT.plus(CLOSE_SLACK).toMillis(), kind
                        + " connections must be closed " + IDLE_TIMEOUT.toSeconds() + " s after opening, were after "
                        + open + " ms");
            }
            String log = app.log();
            assertTrue(!ERROR_LINE.matcher(log).find(), "ERROR in the log:\n" + log);
        }
    }

    private static Exchange call(SocketHttpClient normal, Map<String, String> headers, int n) {
        // Every other call on a new connection, so that accepting one is measured too.
        if (n % 2 == 0) {
            normal.close();
        }
        return normal.send("GET", Api.SOURCES + "?page_size=5", headers, null);
    }

    private void open(Selector selector, int port, Kind kind) throws IOException {
        openedInAll++;
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.write(ByteBuffer.wrap(kind.opening.getBytes(StandardCharsets.US_ASCII)));
        Hostile hostile = new Hostile(kind, channel);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, hostile);
    }

    /** Notes every hostile connection the server closed (its idle time then) and opens another of its kind. */
    private void serveHostile(Selector selector, int port, Duration within) throws IOException {
        if (selector.select(Math.max(1, within.toMillis())) == 0) {
            return;
        }
        ByteBuffer sink = ByteBuffer.allocate(4096);
        for (SelectionKey key : selector.selectedKeys()) {
            Hostile hostile = (Hostile) key.attachment();
            int read;
            try {
                read = hostile.channel.read(sink.clear());
            } catch (IOException reset) {
                read = -1;
            }
            if (read < 0) {
                long now = System.nanoTime();
                closedByServer.get(hostile.kind).add(new Closed((now - hostile.opened) / 1_000_000,
                        (now - hostile.lastSent) / 1_000_000));
                key.cancel();
                hostile.channel.close();
                open(selector, port, hostile.kind);
            }
        }
        selector.selectedKeys().clear();
    }

    private static void trickle(Selector selector) {
        for (SelectionKey key : selector.keys()) {
            Hostile hostile = (Hostile) key.attachment();
            if (hostile.kind == Kind.TRICKLING && key.isValid()) {
                try {
                    hostile.channel.write(ByteBuffer.wrap(new byte[] {'x'}));
                    hostile.lastSent = System.nanoTime();
                } catch (IOException closed) {
                    // The server closed it: the next select sees that and reopens it.
                }
            }
        }
    }

    private void report(List<Exchange> calls, long baselineKb, long openedKb, LongSummaryStatistics residentKb,
            long baselineFds, LongSummaryStatistics fds) {
        long[] millis = calls.stream().mapToLong(c -> c.took().toNanos() / 1000).sorted().toArray();
        StringBuilder closed = new StringBuilder();
        for (Kind kind : Kind.values()) {
            LongSummaryStatistics open = closedByServer.get(kind).stream().mapToLong(Closed::openMillis)
                    .summaryStatistics();
            LongSummaryStatistics silent = closedByServer.get(kind).stream().mapToLong(Closed::silentMillis)
                    .summaryStatistics();
            closed.append(String.format("%n    %-9s %3d open at a time, %3d closed by the server", kind, kind.connections,
                    open.getCount()));
            if (open.getCount() > 0) {
                closed.append(String.format(" %.1f-%.1f s after opening (%.1f-%.1f s after their last byte)",
                        open.getMin() / 1000.0, open.getMax() / 1000.0, silent.getMin() / 1000.0, silent.getMax() / 1000.0));
            }
        }
        System.out.printf("""
                SlowClientsIT (idle timeout %d s, held %d s):
                  hostile connections (%d opened in all):%s
                  normal calls: %d, answered 200: %d, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms
                  resident memory: %d MB before, %d MB with the 500 open, max %d MB (+%d MB); open files %d before, max %d
                """, IDLE_TIMEOUT.toSeconds(), HOLD.toSeconds(), openedInAll, closed,
                calls.size(), calls.stream().filter(c -> c.answered(200)).count(),
                millis[millis.length / 2] / 1000.0, millis[millis.length * 99 / 100] / 1000.0,
                millis[millis.length - 1] / 1000.0,
                baselineKb / 1024, openedKb / 1024, residentKb.getMax() / 1024, (residentKb.getMax() - baselineKb) / 1024,
                baselineFds, fds.getMax());
    }
}
