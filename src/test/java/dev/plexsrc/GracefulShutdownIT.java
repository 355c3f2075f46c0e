package dev.plexsrc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.SocketHttpClient;
import dev.plexsrc.testing.SocketHttpClient.Exchange;
import dev.plexsrc.testing.SocketHttpClient.Outcome;
import dev.plexsrc.testing.Tokens;

/**
 * SIGTERM to the packaged application under steady load (writers creating sources, readers
 * listing them): readiness turns DOWN while requests are still served, then new requests get 503
 * and the listener closes, every request sent gets a complete answer, every acknowledged write is
 * stored (and nothing else), and the process exits in time with a clean log. The clients are
 * polite ones, as a load balancer or SDK is: they keep a connection alive until an answer says
 * {@code Connection: close} and wait {@code Retry-After} after a 503.
 */
class GracefulShutdownIT {

    private static final Duration DELAY = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** JVM exit and the pool's close after the drain, on a loaded 2-core machine. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(5);
    /** The first requests of a fresh JVM take seconds; load is steady once every writer has been answered. */
    private static final Duration WARM_UP_WITHIN = Duration.ofSeconds(60);
    private static final Duration LOAD_BEFORE_SIGTERM = Duration.ofSeconds(2);
    private static final int WRITERS = 8;
    private static final int READERS = 4;
    /** The readiness check Quarkus turns DOWN when shutdown begins. */
    private static final String SHUTDOWN_CHECK = "Graceful Shutdown";
    private static final String SHUTTING_DOWN = "{\"detail\":\"Service is shutting down, try again shortly.\"}";
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d ERROR ");

    /** What one client thread saw. */
    record Attempt(String client, Exchange exchange) {
    }

    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Exchange> readinessPolls = new ConcurrentLinkedQueue<>();
    private volatile boolean stop;
    private volatile boolean pollReadiness = true;

    @Test
    void sigtermUnderLoadAnswersEveryRequestSentAndLosesNoWrite() throws Exception {
        try (PackagedApp app = PackagedApp.start("GracefulShutdownIT", Map.of(
                "PLEXSRC_SHUTDOWN_DELAY", DELAY.toSeconds() + "s",
                "PLEXSRC_SHUTDOWN_TIMEOUT", TIMEOUT.toSeconds() + "s"))) {
            String token = Tokens.admin();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                clients.add(client("writer-" + i, app.port(), writer("w" + i + "-", token)));
            }
            for (int i = 0; i < READERS; i++) {
                clients.add(client("reader-" + i, app.port(), reader(token)));
            }
            clients.add(started("readiness", () -> pollReadiness(app.port())));

            awaitSteadyLoad();
            Thread.sleep(LOAD_BEFORE_SIGTERM.toMillis());
            int acknowledgedBeforeSigterm = acknowledged.size();
            assertTrue(readinessPolls.stream().anyMatch(poll -> poll.answered(200)), "never ready before SIGTERM");

            long sigterm = System.nanoTime();
            long exitDeadline = sigterm + DELAY.plus(TIMEOUT).plus(EXIT_MARGIN).toNanos();
            app.process().destroy();
            long listenerClosed = firstRefusedConnect(app, exitDeadline);
            boolean exited = app.process().waitFor(Math.max(0, exitDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            long exit = System.nanoTime();
            stop = true;
            for (Thread client : clients) {
                client.join();
            }
            Set<String> stored = storedSlugs(app);

            Timeline timeline = new Timeline(sigterm, listenerClosed, exited ? exit : -1);
            report(timeline, acknowledgedBeforeSigterm, stored, exited ? app.process().exitValue() : null);

            assertTrue(exited, "still running " + DELAY.plus(TIMEOUT).plus(EXIT_MARGIN).toSeconds()
                    + " s after SIGTERM (delay + timeout + margin)");
            int exitCode = app.process().exitValue();
            assertTrue(exitCode == 0 || exitCode == 143, "exit code " + exitCode);

            long down = timeline.firstReadinessDown();
            assertTrue(down > 0, () -> "readiness never answered DOWN after SIGTERM; last polls: " + readinessPolls.stream()
                    .skip(Math.max(0, readinessPolls.size() - 5)).map(p -> p.outcome() + " " + p.status() + " "
                            + timeline.after(p.sentAt()) + "-" + timeline.after(p.doneAt()) + " " + p.failure()).toList());
            assertTrue(listenerClosed > 0, "the listener never refused a connection before the process exited");
            assertTrue(down < listenerClosed, "readiness must be DOWN before the listener closes");
            assertTrue(count(a -> a.exchange().outcome() == Outcome.ANSWERED && a.exchange().status() < 300
                    && a.exchange().sentAt() > down) > 0, "nothing was served after readiness turned DOWN");

            List<Attempt> unanswered = attempts.stream()
                    .filter(a -> a.exchange().outcome() == Outcome.UNANSWERED).toList();
            assertTrue(unanswered.isEmpty(), () -> unanswered.size() + " requests sent and never answered, first: "
                    + unanswered.stream().limit(10).map(a -> describe(a, sigterm)).toList());
            List<Attempt> otherFailures = attempts.stream()
                    .filter(a -> a.exchange().outcome() == Outcome.ANSWERED)
                    .filter(a -> a.exchange().status() >= 400 && !isShuttingDown(a.exchange())).toList();
            assertTrue(otherFailures.isEmpty(), () -> "answers other than 2xx and the shutdown 503: "
                    + otherFailures.stream().limit(10).map(a -> describe(a, sigterm)).toList());

            assertEquals(Set.copyOf(acknowledged), stored,
                    "stored sources must be exactly the acknowledged creates (none lost, none committed unanswered)");

            String log = app.log();
            assertTrue(!ERROR_LINE.matcher(log).find(), "ERROR in the log:\n" + log);
            assertTrue(!log.toLowerCase().contains("live transaction"), "live transaction at exit:\n" + log);
        }
    }

    private void awaitSteadyLoad() {
        await("every writer answered 201").atMost(WARM_UP_WITHIN).pollInterval(Duration.ofMillis(50)).untilAsserted(
                () -> assertTrue(acknowledged.stream().map(slug -> slug.substring(0, slug.indexOf('-'))).distinct().count()
                        >= WRITERS, () -> "not every writer was answered 201 within " + WARM_UP_WITHIN + "; first answers: "
                        + attempts.stream().limit(5).map(a -> describe(a, System.nanoTime())).toList()));
    }

    // --- clients ----------------------------------------------------------------------------------

    private interface Request {
        Exchange send(SocketHttpClient http, int n);
    }

    private Request writer(String prefix, String token) {
        return (http, n) -> {
            String slug = prefix + n;
            Exchange exchange = http.send("POST", Api.SOURCES, json(token), Api.minimalSource(slug, slug, "plex-" + slug));
            if (exchange.answered(201)) {
                acknowledged.add(slug);
            }
            return exchange;
        };
    }

    private Request reader(String token) {
        return (http, n) -> http.send("GET", Api.SOURCES + "?page_size=5&ordering=-slug", json(token), null);
    }

    private Thread client(String name, int port, Request request) {
        return started(name, () -> {
            try (SocketHttpClient http = new SocketHttpClient(port, TIMEOUT.plus(EXIT_MARGIN))) {
                for (int n = 0; !stop; n++) {
                    Exchange exchange = request.send(http, n);
                    attempts.add(new Attempt(name, exchange));
                    politePause(exchange);
                }
            }
        });
    }

    private static Thread started(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    /** A polite client waits as told after a 503, and a moment after a refused or failed connection. */
    private static void politePause(Exchange exchange) {
        long millis = 0;
        if (exchange.outcome() != Outcome.ANSWERED) {
            millis = 50;
        } else if (exchange.status() == 503) {
            String retryAfter = exchange.header("retry-after");
            millis = retryAfter == null ? 1000 : Long.parseLong(retryAfter) * 1000;
        }
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Polls readiness on a new connection every 20 ms until Quarkus' shutdown check answers DOWN (a
     * database check that times out once on a busy machine is not the shutdown).
     */
    private void pollReadiness(int port) {
        while (!stop && pollReadiness) {
            try (SocketHttpClient http = new SocketHttpClient(port, Duration.ofSeconds(5))) {
                Exchange poll = http.send("GET", "/q/health/ready", Map.of("Connection", "close"), null);
                readinessPolls.add(poll);
                if (isShutdownDown(poll)) {
                    pollReadiness = false;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean isShutdownDown(Exchange poll) {
        if (!poll.answered(503)) {
            return false;
        }
        for (JsonNode check : Api.parse(poll.body()).path("checks")) {
            if (SHUTDOWN_CHECK.equals(check.path("name").asText())) {
                return "DOWN".equals(check.path("status").asText());
            }
        }
        return false;
    }

    /**
     * Connects (and hangs up without a request) every 10 ms until a connection is refused, which
     * tells when the listener closed; returns that time, or -1 if the process exited first.
     */
    private static long firstRefusedConnect(PackagedApp app, long deadline) throws InterruptedException {
        while (app.process().isAlive() && System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 1000);
            } catch (ConnectException e) {
                long refused = System.nanoTime();
                return app.process().isAlive() ? refused : -1;
            } catch (IOException e) {
                // A connection reset or timed out while the listener closes: try again.
            }
            Thread.sleep(10);
        }
        return -1;
    }

    private static Map<String, String> json(String token) {
        return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    private static boolean isShuttingDown(Exchange exchange) {
        return exchange.status() == 503 && exchange.header("retry-after") != null
                && "close".equalsIgnoreCase(exchange.header("connection"))
                && Api.parse(exchange.body()).equals(Api.parse(SHUTTING_DOWN));
    }

    private static Set<String> storedSlugs(PackagedApp app) throws Exception {
        Set<String> slugs = new HashSet<>();
        try (Connection connection = app.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT slug FROM plex_source")) {
            while (rows.next()) {
                slugs.add(rows.getString(1));
            }
        }
        return slugs;
    }

    // --- figures ----------------------------------------------------------------------------------

    /** Moments after SIGTERM, in System.nanoTime(); -1 for one that did not happen. */
    private final class Timeline {
        final long sigterm;
        final long listenerClosed;
        final long exit;

        Timeline(long sigterm, long listenerClosed, long exit) {
            this.sigterm = sigterm;
            this.listenerClosed = listenerClosed;
            this.exit = exit;
        }

        /** When the first answer other than 200 came (a poll sent just before SIGTERM may bring it). */
        long firstReadinessDown() {
            return readinessPolls.stream().filter(GracefulShutdownIT::isShutdownDown)
                    .mapToLong(Exchange::doneAt).min().orElse(-1);
        }

        String after(long moment) {
            return moment < 0 ? "never" : (moment - sigterm) / 1_000_000 + " ms";
        }
    }

    private void report(Timeline timeline, int acknowledgedBeforeSigterm, Set<String> stored, Integer exitCode) {
        long sent = count(a -> a.exchange().outcome() != Outcome.REFUSED);
        long answered = count(a -> a.exchange().outcome() == Outcome.ANSWERED);
        long refused = count(a -> a.exchange().outcome() == Outcome.REFUSED);
        Map<Integer, Long> byStatus = attempts.stream().filter(a -> a.exchange().outcome() == Outcome.ANSWERED)
                .collect(Collectors.groupingBy(a -> a.exchange().status(), TreeMap::new, Collectors.counting()));
        long down = timeline.firstReadinessDown();
        long first503 = attempts.stream().filter(a -> a.exchange().answered(503))
                .mapToLong(a -> a.exchange().doneAt()).min().orElse(-1);
        long last2xx = attempts.stream().filter(a -> a.exchange().outcome() == Outcome.ANSWERED
                && a.exchange().status() < 300).mapToLong(a -> a.exchange().doneAt()).max().orElse(-1);
        long servedWhileDown = count(a -> a.exchange().outcome() == Outcome.ANSWERED && a.exchange().status() < 300
                && down > 0 && a.exchange().sentAt() > down);
        System.out.printf("""
                GracefulShutdownIT (%d writers, %d readers, delay %d s, timeout %d s):
                  requests sent %d, answered %d %s, unanswered %d; connections refused %d
                  writes acknowledged %d (%d before SIGTERM), rows stored %d
                  after SIGTERM: readiness DOWN %s, last 2xx %s (%d served after DOWN), first 503 %s,
                                 listener closed %s, process exited %s with %s
                """, WRITERS, READERS, DELAY.toSeconds(), TIMEOUT.toSeconds(),
                sent, answered, byStatus, sent - answered, refused,
                acknowledged.size(), acknowledgedBeforeSigterm, stored.size(),
                timeline.after(down), timeline.after(last2xx), servedWhileDown, timeline.after(first503),
                timeline.after(timeline.listenerClosed), timeline.after(timeline.exit), exitCode);
    }

    private long count(Predicate<Attempt> which) {
        return attempts.stream().filter(which).count();
    }

    private static String describe(Attempt attempt, long sigterm) {
        Exchange e = attempt.exchange();
        return attempt.client() + " at " + (e.sentAt() - sigterm) / 1_000_000 + " ms"
                + (e.reused() ? " (kept-alive connection)" : " (new connection)") + ": "
                + (e.outcome() == Outcome.ANSWERED ? e.status() + " " + e.body() : e.failure());
    }
}
