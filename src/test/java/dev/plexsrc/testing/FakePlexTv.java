package dev.plexsrc.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * plex.tv on loopback for the tests: {@code /api/v2/user}, {@code /friends} and {@code /resources}
 * answer per token what a test told them (any status, any body, after any delay), every other
 * token 401, as plex.tv does. Every request is recorded with its headers. {@link #stop()} closes the
 * port (plex.tv unreachable) and {@link #start()} opens the same port again.
 */
public final class FakePlexTv {

    public static final String USER = "/api/v2/user";
    public static final String FRIENDS = "/api/v2/friends";
    public static final String RESOURCES = "/api/v2/resources";

    /** One request as it arrived. */
    public record Request(String path, String query, MultiMap headers) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    /** What an endpoint answers to a token. */
    public record Answer(int status, String body, Duration delay) {

        public static Answer json(String body) {
            return new Answer(200, body, Duration.ZERO);
        }

        public static Answer status(int status) {
            return new Answer(status, "{\"errors\":[{\"code\":" + status + "}]}", Duration.ZERO);
        }

        public Answer after(Duration delay) {
            return new Answer(status, body, delay);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private int port;

    /** Opens the port: a free one the first time, the same one after {@link #stop()}. */
    public synchronized void start() {
        server = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(this::handle).listen());
        port = server.actualPort();
    }

    /** Closes the port: connections to it are refused until {@link #start()}. */
    public synchronized void stop() {
        await(server.close());
    }

    public void close() {
        await(vertx.close());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Forgets what tests told it and what it received. */
    public void reset() {
        answers.clear();
        requests.clear();
    }

    public FakePlexTv answer(String path, String token, Answer answer) {
        answers.put(path + " " + token, answer);
        return this;
    }

    /** {@code /api/v2/user} of the token is the account with this id. */
    public FakePlexTv account(String token, long id) {
        return answer(USER, token, Answer.json("{\"id\":" + id + ",\"uuid\":\"u" + id + "\",\"username\":\"user" + id
                + "\",\"email\":\"user" + id + "@example.com\",\"authToken\":\"" + token + "\"}"));
    }

    /** {@code /api/v2/friends} of the token lists these account ids. */
    public FakePlexTv friends(String token, long... ids) {
        StringBuilder body = new StringBuilder("[");
        for (long id : ids) {
            body.append(body.length() > 1 ? "," : "").append("{\"id\":").append(id).append(",\"title\":\"friend ")
                    .append(id).append("\",\"sharedServers\":[]}");
        }
        return answer(FRIENDS, token, Answer.json(body.append(']').toString()));
    }

    /** {@code /api/v2/resources} of the token, from {@link #server} and {@link #player} entries. */
    public FakePlexTv resources(String token, String... entries) {
        return answer(RESOURCES, token, Answer.json("[" + String.join(",", entries) + "]"));
    }

    public static String server(String clientIdentifier, boolean owned) {
        return "{\"name\":\"srv\",\"product\":\"Plex Media Server\",\"provides\":\"server\",\"clientIdentifier\":\""
                + clientIdentifier + "\",\"owned\":" + owned + ",\"connections\":[]}";
    }

    public static String player(String clientIdentifier) {
        return "{\"name\":\"tv\",\"product\":\"Plex for LG\",\"provides\":\"client,player\",\"clientIdentifier\":\""
                + clientIdentifier + "\",\"owned\":true}";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpServerRequest request) {
        String token = request.getHeader("X-Plex-Token");
        requests.add(new Request(request.path(), request.query(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers())));
        Answer answer = answers.getOrDefault(request.path() + " " + token, Answer.status(401));
        Runnable respond = () -> request.response().setStatusCode(answer.status())
                .putHeader("Content-Type", "application/json").end(answer.body());
        if (answer.delay().isZero()) {
            respond.run();
        } else {
            vertx.setTimer(answer.delay().toMillis(), id -> {
                // The client may have given up and closed the connection meanwhile.
                if (!request.response().closed()) {
                    respond.run();
                }
            });
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake plex.tv: " + e, e);
        }
    }
}
