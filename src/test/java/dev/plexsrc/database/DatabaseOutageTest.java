package dev.plexsrc.database;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.CapturedLog;
import dev.plexsrc.testing.DatabaseBehindProxy;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.TcpProxy;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * PostgreSQL lost, slow or partitioned under traffic, through a proxy the test controls: every
 * call answers within a bound (200/201, 503 with Retry-After, or for a write whose COMMIT was out
 * 504 without it; nothing else), a write answered 503 never commits, readiness goes DOWN
 * while liveness stays UP, the service recovers by itself, and every acknowledged write is stored.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.ShortTimeouts.class)
class DatabaseOutageTest {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** The longest any call may take: the request deadline plus room for a busy 2-core machine. */
    static final Duration ANSWER_BOUND = REQUEST_TIMEOUT.plusSeconds(3);
    static final int POOL_SIZE = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.max-size", Integer.class);
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
    /** A statement held by the partition is answered when it heals; then its connection returns to the pool. */
    static final Duration POOL_RELEASE_BOUND = Duration.ofSeconds(30);
    static final String UNAVAILABLE = "{\"detail\":\"Database unavailable, try again shortly.\"}";
    static final String OUTCOME_UNKNOWN = "{\"detail\":\"The database did not confirm the write in time, so whether it"
            + " was stored is unknown: read it back before you retry.\"}";
    /** How long a write answered 503 is watched after the partition heals, to show it never commits. */
    static final Duration ABSENCE_WATCH = Duration.ofSeconds(3);
    /** How often a wait checks its condition. */
    static final Duration POLL_EVERY = Duration.ofMillis(50);
    static final String SOURCES = "/api/v3/sources/plex/";
    static final String USER_CONNECTIONS = "/api/v3/sources/user_connections/plex/";

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("plexsrc.request-timeout", REQUEST_TIMEOUT.toSeconds() + "s",
                    "plexsrc.db.connect-timeout", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseBehindProxy.class));
        }
    }

    TcpProxy proxy;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token = Tokens.admin();

    @BeforeEach
    void empty() {
        proxy.restore();
        Tables.truncate("plex_source");
    }

    @AfterEach
    void heal() {
        proxy.restore();
    }

    @Test
    void aCutMidTrafficAnswers503QuicklyAndRecoversWithoutLosingAcknowledgedWrites() throws Exception {
        long started = System.nanoTime();
        try (CapturedLog log = CapturedLog.attach(); Traffic traffic = new Traffic(4)) {
            await("traffic to succeed").atMost(Duration.ofSeconds(20)).pollInterval(POLL_EVERY)
                    .until(() -> traffic.successes.get() >= 20);
            long cutAt = System.nanoTime();
            proxy.cut();
            await("calls to fail during the cut").atMost(Duration.ofSeconds(20)).pollInterval(POLL_EVERY)
                    .until(() -> traffic.unavailable.get() >= 20 && System.nanoTime() - cutAt > Duration.ofSeconds(3).toNanos());
            assertEquals(503, get("/q/health/ready").statusCode(), "readiness during the cut");
            assertEquals(200, get("/q/health/live").statusCode(), "liveness during the cut");
            int successesBeforeRestore = traffic.successes.get();
            long restoredAt = System.nanoTime();
            proxy.restore();
            await("a success after the restore").atMost(RECOVERY_BOUND).pollInterval(POLL_EVERY)
                    .until(() -> traffic.successes.get() > successesBeforeRestore);
            Duration recovery = Duration.ofNanos(System.nanoTime() - restoredAt);
            await("readiness after the restore").atMost(RECOVERY_BOUND).pollInterval(POLL_EVERY)
                    .until(() -> get("/q/health/ready").statusCode() == 200);
            traffic.stop();

            List<CapturedLog.Line> warnings = log.warningsAndErrors().toList();
            String standardError = log.standardError();
            traffic.assertEveryAnswerWasSuccess503Or504Within(ANSWER_BOUND);
            Set<String> acknowledged = traffic.created;
            String stored = Tables.queryString("SELECT count(*) FROM plex_source WHERE slug IN ('"
                    + String.join("','", acknowledged) + "')");
            assertEquals(Integer.toString(acknowledged.size()), stored, "acknowledged creates that are stored");
            System.out.printf("DatabaseOutageTest cut: %d calls, %d ok, %d x 503, %d x 504, slowest %d ms (bound %d ms),"
                    + " first success %d ms after restore, %d acknowledged creates, %s stored, %s rows in all%n",
                    traffic.answers.size(), traffic.successes.get(), traffic.unavailable.get(), traffic.unconfirmed.get(),
                    traffic.slowest().toMillis(),
                    ANSWER_BOUND.toMillis(), recovery.toMillis(), acknowledged.size(), stored,
                    Tables.queryString("SELECT count(*) FROM plex_source"));
            assertQuietLog(warnings, standardError, Duration.ofNanos(System.nanoTime() - started), traffic.unavailable.get());
        }
    }

    @Test
    void aSlowDatabaseTimesOutAs503WithinTheDeadline() throws Exception {
        proxy.slow(Duration.ofSeconds(2));
        Duration slowest = Duration.ZERO;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            HttpResponse<String> answer = get("/api/v3/sources/plex/?page=" + (i + 1));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertUnavailable(answer);
            assertTrue(took.compareTo(ANSWER_BOUND) <= 0, () -> "answered after " + took.toMillis() + " ms");
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
        }
        proxy.restore();
        long restoredAt = System.nanoTime();
        await("a read after the database is fast again").atMost(RECOVERY_BOUND).pollInterval(POLL_EVERY)
                .until(() -> get("/api/v3/sources/plex/").statusCode() == 200);
        System.out.printf("DatabaseOutageTest slow (2 s a round trip): 3 x 503, slowest %d ms (deadline %d ms),"
                + " reads again %d ms after the delay ends%n", slowest.toMillis(), REQUEST_TIMEOUT.toMillis(),
                Duration.ofNanos(System.nanoTime() - restoredAt).toMillis());
        assertNoConnectionIsHeld();
    }

    @Test
    void aPartitionAnswers503WithinTheDeadlineAndReadinessAnswersDown() throws Exception {
        assertEquals(200, get("/api/v3/sources/plex/").statusCode());
        proxy.blackHole();
        for (String path : List.of("/api/v3/sources/plex/", "/api/v3/sources/plex/missing/",
                "/api/v3/sources/user_connections/plex/")) {
            long started = System.nanoTime();
            HttpResponse<String> answer = get(path);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertUnavailable(answer);
            assertTrue(took.compareTo(ANSWER_BOUND) <= 0, () -> path + " answered after " + took.toMillis() + " ms");
        }
        int heldDuringPartition = callAtOnce(2 * POOL_SIZE, "/api/v3/sources/user_connections/plex/", 503);
        long started = System.nanoTime();
        int readiness = get("/q/health/ready").statusCode();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(503, readiness, "readiness during the partition");
        assertTrue(took.compareTo(Duration.ofSeconds(2)) <= 0, () -> "readiness answered after " + took.toMillis() + " ms");
        proxy.restore();
        long healedAt = System.nanoTime();
        await("a read after the partition heals").atMost(Duration.ofSeconds(30)).pollInterval(POLL_EVERY)
                .until(() -> get("/api/v3/sources/plex/").statusCode() == 200);
        System.out.printf("DatabaseOutageTest partition: 3 calls x 503 within %d ms each, readiness DOWN in %d ms,"
                + " reads again %d ms after it heals%n", ANSWER_BOUND.toMillis(), took.toMillis(),
                Duration.ofNanos(System.nanoTime() - healedAt).toMillis());
        assertTrue(heldDuringPartition > 0, "no call took a connection during the partition, so none could be lost");
        long releaseFrom = System.nanoTime();
        assertNoConnectionIsHeld();
        System.out.printf("DatabaseOutageTest partition: %d connections held by %d calls cut at the deadline, all back"
                + " in the pool %d ms after the first read succeeded%n", heldDuringPartition, 2 * POOL_SIZE,
                Duration.ofNanos(System.nanoTime() - releaseFrom).toMillis());
    }


    /**
     * A write answered 503 ("try again") never commits afterwards: the partition begins as its
     * transaction's BEGIN reaches the database (or before a source's single-statement update or
     * delete is sent), the deadline passes with the COMMIT unsent, and once the partition heals the change
     * stays absent and the client's retry succeeds.
     */
    @Test
    void aWriteCutBeforeItsCommitAnswers503AndNeverCommits() throws Exception {
        createSource("kept");
        createSource("owner");
        List<String> figures = new ArrayList<>();

        proxy.blackHoleAfter(TcpProxy.simpleQuery("BEGIN"));
        figures.add(assertAbandoned("POST source", () -> post(SOURCES, sourceBody("cut-create")),
                "SELECT count(*) FROM plex_source WHERE slug = 'cut-create'", "0"));
        assertEquals(201, post(SOURCES, sourceBody("cut-create")).statusCode(), "the retry of the create");

        // A source's delete is one autocommit DELETE, so sending it is its commit: what comes before is the
        // wait for a connection, which the partition stretches past the deadline by holding every one.
        proxy.blackHole();
        callAtOnce(POOL_SIZE, USER_CONNECTIONS, 503);
        figures.add(assertAbandoned("DELETE source waiting for a connection", () -> delete(SOURCES + "kept/"),
                "SELECT count(*) FROM plex_source WHERE slug = 'kept'", "1"));
        assertEquals(204, delete(SOURCES + "kept/").statusCode(), "the retry of the delete");

        proxy.blackHoleAfter(TcpProxy.simpleQuery("BEGIN"));
        figures.add(assertAbandoned("POST user connection", () -> post(USER_CONNECTIONS, userConnectionBody(7)),
                "SELECT count(*) FROM user_plex_source_connection WHERE user_id = 7", "0"));
        assertEquals(201, post(USER_CONNECTIONS, userConnectionBody(7)).statusCode(), "the retry of the connection");

        // A slug change reads the source and checks the slug before its UPDATE: the partition holds those reads.
        proxy.blackHole();
        figures.add(assertAbandoned("PATCH source slug", () -> patch(SOURCES + "cut-create/", "{\"slug\":\"renamed\"}"),
                "SELECT count(*) FROM plex_source WHERE slug = 'renamed'", "0"));
        assertEquals(200, patch(SOURCES + "cut-create/", "{\"slug\":\"renamed\"}").statusCode(), "the update's retry");

        System.out.printf("DatabaseOutageTest cut before COMMIT: %s; each unchanged for %d ms after the heal,"
                + " then its retry succeeded%n", String.join(", ", figures), ABSENCE_WATCH.toMillis());
        assertNoConnectionIsHeld();
    }

    /**
     * A write whose COMMIT (or single autocommit statement) reached the database before the
     * deadline passed has an unknown outcome: it answers 504 without "try again", and once the
     * partition heals the change is there.
     */
    @Test
    void aWriteWhoseCommitWasSentAnswers504AndIsStoredOnceThePartitionHeals() throws Exception {
        createSource("kept");
        createSource("owner");
        List<String> figures = new ArrayList<>();

        proxy.blackHoleAfter(TcpProxy.simpleQuery("COMMIT"));
        figures.add(assertOutcomeUnknown("POST source", () -> post(SOURCES, sourceBody("sent-create")),
                "SELECT count(*) FROM plex_source WHERE slug = 'sent-create'", "1"));

        // A source's delete is one autocommit DELETE, sent at once: the partition holds its answer.
        proxy.blackHole();
        figures.add(assertOutcomeUnknown("DELETE source", () -> delete(SOURCES + "kept/"),
                "SELECT count(*) FROM plex_source WHERE slug = 'kept'", "0"));

        proxy.blackHoleAfter(TcpProxy.simpleQuery("COMMIT"));
        figures.add(assertOutcomeUnknown("POST user connection", () -> post(USER_CONNECTIONS, userConnectionBody(8)),
                "SELECT count(*) FROM user_plex_source_connection WHERE user_id = 8", "1"));

        // A name-only update is one autocommit UPDATE, sent at once: the partition holds its answer.
        proxy.blackHole();
        figures.add(assertOutcomeUnknown("PATCH source name",
                () -> patch(SOURCES + "sent-create/", "{\"name\":\"Renamed\"}"),
                "SELECT name FROM plex_source WHERE slug = 'sent-create'", "Renamed"));

        System.out.printf("DatabaseOutageTest cut after COMMIT: %s%n", String.join(", ", figures));
        assertNoConnectionIsHeld();
    }

    /**
     * A connection lost while its COMMIT is unanswered leaves the outcome unknown as well: the
     * COMMIT reaches PostgreSQL and its answer is held, then every connection is reset. The create
     * answers 504 at once, not "try again", and it is stored.
     */
    @Test
    void aWriteWhoseConnectionIsLostAfterItsCommitAnswers504() throws Exception {
        String stored = "SELECT count(*) FROM plex_source WHERE slug = 'lost-create'";
        proxy.blackHoleAfter(TcpProxy.simpleQuery("COMMIT"));
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(
                () -> post(SOURCES, sourceBody("lost-create")));
        await("the create's COMMIT to reach the database").atMost(ANSWER_BOUND).pollInterval(POLL_EVERY)
                .until(() -> "1".equals(Tables.queryString(stored)));
        long cutAt = System.nanoTime();
        proxy.cut();
        HttpResponse<String> answer = call.get(ANSWER_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Duration afterCut = Duration.ofNanos(System.nanoTime() - cutAt);
        assertEquals(504, answer.statusCode(), answer::body);
        assertEquals(OUTCOME_UNKNOWN, answer.body());
        assertEquals(null, answer.headers().firstValue("Retry-After").orElse(null), "Retry-After of a 504");
        assertTrue(took.compareTo(REQUEST_TIMEOUT) < 0, () -> "answered after " + took.toMillis() + " ms, at the deadline");
        proxy.restore();
        System.out.printf("DatabaseOutageTest connection lost after COMMIT: POST source 504 %d ms after the cut (%d ms in all),"
                + " stored%n", afterCut.toMillis(), took.toMillis());
        assertNoConnectionIsHeld();
    }

    /** The call answers 503 within the bound; after the heal, {@code check} keeps answering {@code unchanged}. */
    private String assertAbandoned(String call, Callable<HttpResponse<String>> write, String check, String unchanged)
            throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = write.call();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertUnavailable(answer);
        assertTrue(took.compareTo(ANSWER_BOUND) <= 0, () -> call + " answered after " + took.toMillis() + " ms");
        proxy.restore();
        // during() alone would forgive a commit seen early in the window: failFast fails on any one.
        await(call + " to stay uncommitted").pollDelay(Duration.ZERO).pollInterval(POLL_EVERY)
                .during(ABSENCE_WATCH).atMost(ABSENCE_WATCH.plusSeconds(5))
                .failFast("expected " + call + " to stay uncommitted throughout " + ABSENCE_WATCH.toMillis() + " ms",
                        () -> !unchanged.equals(Tables.queryString(check)))
                .until(() -> unchanged.equals(Tables.queryString(check)));
        return call + " 503 in " + took.toMillis() + " ms";
    }

    /** The call answers 504 within the bound; after the heal, {@code check} comes to answer {@code stored}. */
    private String assertOutcomeUnknown(String call, Callable<HttpResponse<String>> write, String check, String stored)
            throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = write.call();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(504, answer.statusCode(), answer::body);
        assertEquals(OUTCOME_UNKNOWN, answer.body());
        assertEquals(null, answer.headers().firstValue("Retry-After").orElse(null), "Retry-After of a 504");
        assertTrue(took.compareTo(ANSWER_BOUND) <= 0, () -> call + " answered after " + took.toMillis() + " ms");
        proxy.restore();
        long healedAt = System.nanoTime();
        await(call + " to be stored after the heal").atMost(RECOVERY_BOUND).pollInterval(POLL_EVERY)
                .until(() -> stored.equals(Tables.queryString(check)));
        long storedAfter = Duration.ofNanos(System.nanoTime() - healedAt).toMillis();
        return call + " 504 in " + took.toMillis() + " ms, change found " + storedAfter + " ms after the heal";
    }

    private void createSource(String slug) {
        HttpResponse<String> answer = post(SOURCES, sourceBody(slug));
        assertEquals(201, answer.statusCode(), answer::body);
    }

    private static String sourceBody(String slug) {
        return "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\",\"plex_token\":\"t\"}";
    }

    private static String userConnectionBody(int user) {
        return "{\"identifier\":\"i\",\"plex_token\":\"t\",\"source\":\"owner\",\"user\":" + user + "}";
    }

    /**
     * An outage is logged in summary, without a stack trace (in the log or printed
     * to standard error by a library): our WARN at most once
     * per 10 s, and the ERROR Hibernate Reactive writes for each transaction the cut broke (its
     * begin, or its commit and rollback: at most two per pool connection).
     */
    private static void assertQuietLog(List<CapturedLog.Line> warnings, String standardError, Duration took, int unavailable) {
        String lines = warnings.stream().map(line -> line.text().lines().findFirst().orElse("")).collect(Collectors.joining("\n"));
        assertTrue(warnings.stream().noneMatch(CapturedLog.Line::stackTrace), () -> "a stack trace in the log:\n" + lines);
        assertTrue(standardError.lines().noneMatch(line -> line.startsWith("\tat ")),
                () -> "a stack trace on standard error:\n" + standardError.lines().limit(20).collect(Collectors.joining("\n")));
        long ours = warnings.stream().filter(line -> line.logger().startsWith("dev.plexsrc")).count();
        assertTrue(ours <= took.toSeconds() / 10 + 1, () -> ours + " lines of ours in " + took.toSeconds() + " s:\n" + lines);
        long theirs = warnings.size() - ours;
        assertTrue(theirs <= 2L * POOL_SIZE, () -> theirs + " lines of libraries:\n" + lines);
        System.out.printf("DatabaseOutageTest cut: %d x 503 logged as %d WARN/ERROR lines (%d ours, %d of libraries),"
                + " no stack trace%n", unavailable, warnings.size(), ours, theirs);
    }

    /** Makes {@code calls} calls of {@code path} at once, each answered {@code status}; the connections they held. */
    private int callAtOnce(int calls, String path, int status) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Callable<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                all.add(() -> get(path));
            }
            int held = 0;
            for (Future<HttpResponse<String>> answer : callers.invokeAll(all)) {
                assertEquals(status, answer.get().statusCode(), answer.get()::body);
                held = Math.max(held, (int) poolGauge("sql_pool_active"));
            }
            return held;
        } finally {
            callers.shutdownNow();
        }
    }

    /**
     * Once the calls are over, the pool lends no connection: a call cut by the deadline while its
     * statement was still out did not keep its connection for good. (The pool's queue gauge is no
     * witness: Vert.x counts a waiter whose connect attempt fails as queued for ever.)
     */
    private void assertNoConnectionIsHeld() {
        try {
            await("the pool to hold no connection").atMost(POOL_RELEASE_BOUND).pollInterval(POLL_EVERY)
                    .until(() -> poolGauge("sql_pool_active") == 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + get("/q/metrics").body().lines()
                    .filter(line -> line.startsWith("sql_pool")).toList(), e);
        }
    }

    private double poolGauge(String name) {
        Matcher gauge = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} (\\S+)$").matcher(get("/q/metrics").body());
        assertTrue(gauge.find(), () -> name + " is not in /q/metrics");
        return Double.parseDouble(gauge.group(1));
    }

    // --- helpers ----------------------------------------------------------------------------

    private static void assertUnavailable(HttpResponse<String> answer) {
        assertEquals(503, answer.statusCode(), answer::body);
        assertEquals(UNAVAILABLE, answer.body());
        assertEquals("5", answer.headers().firstValue("Retry-After").orElse(null));
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> patch(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Writers creating sources and readers listing them, each recording every answer and how long it took. */
    private final class Traffic implements AutoCloseable {

        record Answer(String call, int status, String body, String retryAfter, Duration took) {
        }

        final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        final Set<String> created = ConcurrentHashMap.newKeySet();
        final AtomicInteger successes = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger unconfirmed = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sequence = new AtomicInteger();
        private final ExecutorService clients;

        Traffic(int clients) {
            this.clients = Executors.newFixedThreadPool(clients);
            for (int i = 0; i < clients; i++) {
                boolean writer = i % 2 == 0;
                this.clients.submit(() -> {
                    while (running.get()) {
                        call(writer);
                    }
                });
            }
        }

        private void call(boolean writer) {
            String slug = "outage-" + sequence.incrementAndGet();
            HttpRequest.Builder request = writer
                    ? HttpRequest.newBuilder(base.resolve("/api/v3/sources/plex/"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\",\"plex_token\":\"t\"}"))
                    : HttpRequest.newBuilder(base.resolve("/api/v3/sources/plex/?page_size=5")).GET();
            long started = System.nanoTime();
            HttpResponse<String> answer = send(request.header("Authorization", "Bearer " + token));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            answers.add(new Answer(writer ? "POST " + slug : "GET list", answer.statusCode(), answer.body(),
                    answer.headers().firstValue("Retry-After").orElse(null), took));
            if (answer.statusCode() / 100 == 2) {
                successes.incrementAndGet();
                if (writer) {
                    created.add(slug);
                }
            } else if (answer.statusCode() == 503) {
                unavailable.incrementAndGet();
            } else if (answer.statusCode() == 504) {
                unconfirmed.incrementAndGet();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS), "clients stopped");
        }

        Duration slowest() {
            return answers.stream().map(Answer::took).max(Duration::compareTo).orElse(Duration.ZERO);
        }

        void assertEveryAnswerWasSuccess503Or504Within(Duration bound) {
            List<Answer> wrong = new ArrayList<>();
            for (Answer answer : answers) {
                boolean success = answer.status() == 200 || answer.status() == 201;
                boolean unavailable = answer.status() == 503 && UNAVAILABLE.equals(answer.body()) && "5".equals(answer.retryAfter());
                // A reset can land between a create's COMMIT and its answer.
                boolean unconfirmed = answer.status() == 504 && answer.call().startsWith("POST ")
                        && OUTCOME_UNKNOWN.equals(answer.body()) && answer.retryAfter() == null;
                if (!(success || unavailable || unconfirmed) || answer.took().compareTo(bound) > 0) {
                    wrong.add(answer);
                }
            }
            assertTrue(wrong.isEmpty(), () -> wrong.size() + " answers neither 2xx nor a proper 503 or 504 within "
                    + bound.toMillis() + " ms, e.g. " + wrong.subList(0, Math.min(5, wrong.size())));
        }

        @Override
        public void close() throws InterruptedException {
            if (running.get()) {
                stop();
            }
        }
    }
}
