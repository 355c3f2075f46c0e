import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for plex.tv, to try account linking without a Plex account:
 * {@code java dev/FakePlexTv.java [port]} (default 8099), then start plexsrc with
 * {@code PLEXSRC_PLEX_BASE_URL=http://localhost:8099}.
 * <ol>
 * <li>Every token is an account: the first token it sees is account 1001, the next 1002, and so on.
 * A token starting with {@code invalid} is refused (401), as plex.tv refuses a revoked one.</li>
 * <li>Every account is a friend of every other, so any token may link to a source whose owner
 * token it has also seen (the source's own {@code plex_token} is asked for its friends).</li>
 * <li>Nobody has servers: {@code /api/v2/resources} is empty.</li>
 * </ol>
 */
public class FakePlexTv {

    private static final Map<String, Long> ACCOUNTS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1001);

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8099;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/v2/", FakePlexTv::answer);
        server.start();
        System.out.println("fake plex.tv on http://localhost:" + port + " (PLEXSRC_PLEX_BASE_URL=http://localhost:" + port + ")");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestHeaders().getFirst("X-Plex-Token");
        String path = exchange.getRequestURI().getPath();
        if (token == null || token.startsWith("invalid")) {
            send(exchange, 401, "{\"errors\":[{\"code\":1001,\"message\":\"User could not be authenticated\"}]}");
            return;
        }
        long id = ACCOUNTS.computeIfAbsent(token, known -> NEXT_ID.getAndIncrement());
        switch (path) {
            case "/api/v2/user" -> send(exchange, 200, account(id));
            case "/api/v2/friends" -> send(exchange, 200, ACCOUNTS.values().stream().filter(other -> other != id)
                    .sorted().map(FakePlexTv::friend).collect(Collectors.joining(",", "[", "]")));
            case "/api/v2/resources" -> send(exchange, 200, "[]");
            default -> send(exchange, 404, "{\"errors\":[{\"code\":1002,\"message\":\"Not found\"}]}");
        }
        System.out.println(exchange.getRequestMethod() + " " + path + " -> account " + id);
    }

    private static String account(long id) {
        return "{\"id\":" + id + ",\"uuid\":\"fake" + id + "\",\"username\":\"user" + id + "\",\"email\":\"user" + id
                + "@example.com\"}";
    }

    private static String friend(long id) {
        return "{\"id\":" + id + ",\"title\":\"user" + id + "\",\"sharedServers\":[]}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
