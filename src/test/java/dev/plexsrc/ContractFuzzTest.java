package dev.plexsrc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Seeded fuzzing of the whole contract: generated requests over every endpoint and method (the
 * redeem action included, against the tests' fake plex.tv), as admin, as callers with fewer
 * permissions and with missing or broken tokens, with hostile input in bodies, query parameters
 * and paths. Every answer must be below 500, leak no internals and,
 * when it is a 4xx, be an authentik error body; a rejected write must leave the data as it was.
 *
 * <p>Replay a failure with {@code -Dplexsrc.fuzz.seed=N}; {@code -Dplexsrc.fuzz.requests=N} sets
 * how many requests are sent.
 */
@QuarkusTest
class ContractFuzzTest {

    private static final int DEFAULT_REQUESTS = 10_000;
    private static final String PERMISSION = "authentik_sources_plex.";

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyAnswerKeepsTheContractAndRejectedWritesChangeNothing() throws Exception {
        long seed = seed();
        int requests = Integer.getInteger("plexsrc.fuzz.requests", DEFAULT_REQUESTS);
        System.out.printf("ContractFuzzTest seed=%d requests=%d (replay: -Dplexsrc.fuzz.seed=%d)%n",
                seed, requests, seed);
        // One connection for the whole run: a connection per fingerprint would cost more than the requests.
        try (Connection database = Tables.connect(); Statement statement = database.createStatement()) {
            // Replays start from empty tables and fresh id sequences, so server-assigned ids repeat too.
            statement.execute("TRUNCATE user_plex_source_connection, group_plex_source_connection, plex_source"
                    + " RESTART IDENTITY CASCADE");
            run(seed, requests, database);
        }
    }

    private void run(long seed, int requests, Connection database) throws InterruptedException {
        Random random = new Random(seed);
        Known known = new Known(random, database);
        Generator generator = new Generator(random, known, Caller.all());
        Sender sender = new Sender(base);
        Report report = new Report(seed);
        // The fingerprint of the data as it is now, or null when a successful write made it stale.
        String fingerprint = null;
        long started = System.nanoTime();

        for (int index = 0; index < requests; index++) {
            FuzzRequest request = generator.next(index);
            if (request.isWrite() && fingerprint == null) {
                fingerprint = Tables.fingerprint(database);
            }
            Answer answer = sender.send(request);
            report.count(answer);
            List<String> problems = Contract.check(request, answer);
            if (index < Generator.SETUP_REQUESTS && answer.status() != 201) {
                problems.add("a valid set-up create was not answered 201");
            }
            if (request.isWrite()) {
                if (answer.isSuccess()) {
                    fingerprint = null;
                    known.refresh();
                } else {
                    String after = Tables.fingerprint(database);
                    if (!after.equals(fingerprint)) {
                        problems.add("data changed although the write was rejected");
                        known.refresh();
                    }
                    fingerprint = after;
                }
            }
            report.fail(index, request, answer, problems);
        }

        report.printSummary(requests, Duration.ofNanos(System.nanoTime() - started));
        assertTrue(report.passed(), report::failureMessage);
    }

    /** The seed from {@code plexsrc.fuzz.seed}, or a fresh random one. */
    private static long seed() {
        String given = System.getProperty("plexsrc.fuzz.seed");
        return given == null || given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.strip());
    }

    // ------------------------------------------------------------------------------------------
    // What is sent and what comes back

    /**
     * One generated request; {@code path} is already percent-encoded and may carry a query, and
     * {@code contentType} and {@code accept} are header values or null for none.
     */
    record FuzzRequest(Resource resource, String method, String path, Caller caller, String contentType, byte[] body,
            String accept) {

        FuzzRequest(Resource resource, String method, String path, Caller caller, String contentType, byte[] body) {
            this(resource, method, path, caller, contentType, body, null);
        }

        FuzzRequest accepting(String type) {
            return new FuzzRequest(resource, method, path, caller, contentType, body, type);
        }

        FuzzRequest declaring(String type) {
            return new FuzzRequest(resource, method, path, caller, type, body, accept);
        }

        /** The authentik permission this request needs, e.g. {@code change_plexsource}. */
        String permission() {
            String action = switch (method) {
                case "POST" -> "add";
                case "PUT", "PATCH" -> "change";
                case "DELETE" -> "delete";
                default -> "view";
            };
            return action + "_" + resource.model;
        }

        /** Whether the method may change data (unknown methods included), so the data is fingerprinted. */
        boolean isWrite() {
            return switch (method) {
                case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
                default -> true;
            };
        }

        /** Everything the client chose, for the check that generated input carries no leak marker. */
        String text() {
            return method + " " + path + " " + (body == null ? "" : new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * A response; {@code transportFailure} tells that a first attempt got no answer, and
     * {@code status} is 0 when the second got none either.
     */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, String transportFailure) {

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst().orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Who sends a request: the Authorization header (or none) and the groups its token carries. */
    record Caller(String name, String authorization, boolean validToken, int weight, Set<String> groups) {

        /** Whether the token grants {@code permission}, e.g. {@code view_plexsource}. */
        boolean may(String permission) {
            return groups.contains("admin") || groups.contains(PERMISSION + permission);
        }

        static List<Caller> all() {
            List<String> everyPermission = new ArrayList<>();
            List<String> viewOnly = new ArrayList<>();
            for (Resource resource : Resource.values()) {
                for (String action : List.of("view", "add", "change", "delete")) {
                    everyPermission.add(PERMISSION + action + "_" + resource.model);
                }
                viewOnly.add(PERMISSION + "view_" + resource.model);
            }
            String[] every = everyPermission.toArray(String[]::new);
            String addOwnConnection = PERMISSION + "add_userplexsourceconnection";
            return List.of(
                    bearer("admin (user 1)", Tokens.admin(), 46, "admin"),
                    bearer("user 3 with every permission but not admin", Tokens.user(3, every), 14, every),
                    bearer("user 2 with view permissions only", Tokens.user(2, viewOnly.toArray(String[]::new)), 10,
                            viewOnly.toArray(String[]::new)),
                    bearer("user 4 without permissions", Tokens.user(4), 8),
                    bearer("user 5 with add_userplexsourceconnection only", Tokens.user(5, addOwnConnection), 8,
                            addOwnConnection),
                    bearer("subject 'alice' (no integer id) with every permission", Tokens.withSubject("alice", every),
                            3, every),
                    new Caller("no Authorization header", null, false, 3, Set.of()),
                    broken("garbage bearer token", "Bearer not.a.jwt"),
                    broken("empty bearer token", "Bearer "),
                    broken("Basic credentials", "Basic YWRtaW46YWRtaW4="),
                    broken("expired token", "Bearer " + Tokens.expired()),
                    broken("token of another issuer", "Bearer " + Tokens.wrongIssuer()),
                    broken("unsigned token (alg none)", "Bearer " + Tokens.algNone()),
                    broken("token signed by another key", "Bearer " + Tokens.signedByAnotherKey()),
                    broken("oversized token (30,000 characters)", "Bearer " + "a".repeat(30_000)));
        }

        private static Caller bearer(String name, String token, int weight, String... groups) {
            return new Caller(name, "Bearer " + token, true, weight, Set.of(groups));
        }

        private static Caller broken(String name, String authorization) {
            return new Caller(name, authorization, false, 1, Set.of());
        }
    }

    /** Sends requests one after another on one client, so each fingerprint brackets one request. */
    static final class Sender {

        private final String base;
        private HttpClient client = newClient();
        /** The status of the previous answer: a failure to answer may be the previous answer's doing. */
        private int previousStatus;

        Sender(URI base) {
            String text = base.toString();
            this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        }

        /**
         * The answer; when the connection fails instead, the failure is noted and the request is sent
         * once more on a new connection, so that the rest of the run stays as a replay would see it.
         */
        Answer send(FuzzRequest request) throws InterruptedException {
            try {
                return exchange(request, null);
            } catch (IOException first) {
                String failure = first + " (the request before it was answered " + previousStatus + ")";
                client = newClient();
                try {
                    return exchange(request, failure);
                } catch (IOException second) {
                    previousStatus = 0;
                    return new Answer(0, Map.of(), new byte[0], failure + "; sent again: " + second);
                }
            }
        }

        private Answer exchange(FuzzRequest request, String transportFailure) throws IOException, InterruptedException {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                    .timeout(Duration.ofSeconds(30))
                    .method(request.method(), request.body() == null ? BodyPublishers.noBody()
                            : BodyPublishers.ofByteArray(request.body()));
            if (request.caller().authorization() != null) {
                builder.header("Authorization", request.caller().authorization());
            }
            if (request.contentType() != null) {
                builder.header("Content-Type", request.contentType());
            }
            if (request.accept() != null) {
                builder.header("Accept", request.accept());
            }
            HttpResponse<byte[]> response = client.send(builder.build(), BodyHandlers.ofByteArray());
            previousStatus = response.statusCode();
            return new Answer(response.statusCode(), response.headers().map(), response.body(), transportFailure);
        }

        private static HttpClient newClient() {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                    .build();
        }
    }

    // ------------------------------------------------------------------------------------------
    // The contract every answer is held to

    static final class Contract {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        /** Text that only a stack trace, an SQL statement or a Java class name would put in a body. */
        static final List<String> LEAK_MARKERS = List.of("Exception", "exception", "\tat ", "at dev.", "at io.",
                "at java.", "at org.", "java.", "javax.", "jakarta.", "dev.plexsrc", "io.vertx", "io.quarkus",
                "io.smallrye", "io.netty", "org.hibernate", "org.postgresql", "org.jboss", "com.fasterxml",
                "SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", "syntax error", "PSQLException", "PgException",
                "pgclient", "SQLSTATE", "Caused by", "ERROR:", "NullPointer", "StackOverflow", "OutOfMemory");

        private Contract() {
        }

        static String leakMarkerIn(String text) {
            for (String marker : LEAK_MARKERS) {
                if (text.contains(marker)) {
                    return marker;
                }
            }
            return null;
        }

        static List<String> check(FuzzRequest request, Answer answer) {
            List<String> problems = new ArrayList<>();
            if (answer.transportFailure() != null) {
                problems.add("no HTTP answer: " + answer.transportFailure());
                if (answer.status() == 0) {
                    return problems;
                }
            }
            if (answer.status() >= 500) {
                problems.add("server error " + answer.status());
            }
            String leak = leakMarkerIn(answer.bodyText());
            if (leak != null) {
                problems.add("body leaks internals (contains \"" + Report.escape(leak) + "\")");
            }
            if (answer.isSuccess() && !request.caller().validToken()) {
                problems.add("answered " + answer.status() + " to a caller without a valid token");
            }
            // User connections also answer their owners, so only the other two are held to the codenames.
            if (answer.isSuccess() && request.resource() != Resource.USER_CONNECTIONS
                    && !request.caller().may(request.permission())) {
                problems.add("answered " + answer.status() + " to a caller without " + request.permission());
            }
            // The permission comes before the body, as in Django REST framework: never a 400 without it.
            if (answer.status() == 400 && parse(answer.body()) != null && request.resource() != Resource.USER_CONNECTIONS
                    && request.caller().validToken() && !request.caller().may(request.permission())) {
                problems.add("answered 400 to a caller without " + request.permission() + ": 403 comes first");
            }
            if (answer.isSuccess()) {
                checkTokensStayHidden(request, answer, problems);
            }
            if (answer.status() >= 400 && answer.status() < 500) {
                checkClientError(answer, problems);
            } else if (answer.isSuccess() && answer.body().length > 0 && parse(answer.body()) == null) {
                problems.add("success body is not JSON");
            }
            return problems;
        }

        /**
         * A source's plex_token goes only to callers that may change the source (2026.8 answers
         * the others the required key as ""); a connection's plex_token is write-only.
         */
        private static void checkTokensStayHidden(FuzzRequest request, Answer answer, List<String> problems) {
            JsonNode body = parse(answer.body());
            if (body == null || body.findValue("plex_token") == null) {
                return;
            }
            if (request.resource() != Resource.SOURCES) {
                problems.add("a connection's write-only plex_token was returned");
            } else if (!request.caller().may("change_plexsource")) {
                boolean keyRequired = "2026.8".equals(
                        ConfigProvider.getConfig().getValue("plexsrc.authentik-api-version", String.class));
                if (!keyRequired || body.findValues("plex_token").stream().anyMatch(token -> !"".equals(token.asText()))) {
                    problems.add("plex_token returned to a caller without change_plexsource");
                }
            }
        }

        /** A 4xx is JSON: a GenericError, or (400 only) a ValidationError. */
        private static void checkClientError(Answer answer, List<String> problems) {
            String type = answer.header("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                problems.add("4xx Content-Type is " + type + ", not application/json");
            }
            if (answer.status() == 401 && !String.valueOf(answer.header("WWW-Authenticate")).startsWith("Bearer")) {
                problems.add("401 without WWW-Authenticate: Bearer");
            }
            JsonNode body = parse(answer.body());
            if (body == null) {
                problems.add("4xx body is not JSON");
            } else if (!isGenericError(body) && !(answer.status() == 400 && isValidationError(body))) {
                problems.add(answer.status() == 400 ? "400 body is neither a GenericError nor a ValidationError"
                        : answer.status() + " body is not a GenericError {\"detail\": \"...\"}");
            }
        }

        /** {@code {"detail": "..."}} with an optional string {@code code}. */
        static boolean isGenericError(JsonNode body) {
            if (!body.isObject() || !body.path("detail").isTextual()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean allowed = field.getKey().equals("detail")
                        || field.getKey().equals("code") && field.getValue().isTextual();
                if (!allowed) {
                    return false;
                }
            }
            return true;
        }

        /** Each value a list of strings, or for list items an object of index to list of strings. */
        static boolean isValidationError(JsonNode body) {
            if (!body.isObject() || body.isEmpty()) {
                return false;
            }
            for (JsonNode value : body) {
                boolean valid = isMessageList(value);
                if (!valid && value.isObject() && !value.isEmpty()) {
                    valid = true;
                    for (Iterator<Map.Entry<String, JsonNode>> items = value.fields(); items.hasNext();) {
                        Map.Entry<String, JsonNode> item = items.next();
                        valid &= item.getKey().matches("\\d+") && isMessageList(item.getValue());
                    }
                }
                if (!valid) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isMessageList(JsonNode value) {
            if (!value.isArray() || value.isEmpty()) {
                return false;
            }
            for (JsonNode message : value) {
                if (!message.isTextual()) {
                    return false;
                }
            }
            return true;
        }

        /** The JSON value, or null when the bytes are not one (invalid UTF-8 included). */
        static JsonNode parse(byte[] body) {
            try {
                JsonNode node = MAPPER.readTree(body);
                return node == null || node.isMissingNode() ? null : node;
            } catch (IOException e) {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // What exists on the server, so that paths and references hit real objects

    static final class Known {

        private static final String STATE = "SELECT json_build_object("
                + "'sources', (SELECT coalesce(json_agg(json_build_array(slug, id) ORDER BY slug), '[]')"
                + " FROM plex_source),"
                + "'users', (SELECT coalesce(json_agg(id ORDER BY id), '[]') FROM user_plex_source_connection),"
                + "'groups', (SELECT coalesce(json_agg(id ORDER BY id), '[]') FROM group_plex_source_connection))";

        final List<String> sourceSlugs = new ArrayList<>();
        final List<String> sourcePks = new ArrayList<>();
        final List<Integer> userConnectionIds = new ArrayList<>();
        final List<Integer> groupConnectionIds = new ArrayList<>();
        /** A few group uuids, reused so that duplicate (group, source) pairs happen. */
        final List<String> groups = new ArrayList<>();

        private final Connection database;

        Known(Random random, Connection database) {
            this.database = database;
            for (int i = 0; i < 4; i++) {
                groups.add(new UUID(random.nextLong(), random.nextLong()).toString());
            }
        }

        void refresh() {
            JsonNode state = Contract.parse(Tables.queryString(database, STATE).getBytes(StandardCharsets.UTF_8));
            sourceSlugs.clear();
            sourcePks.clear();
            userConnectionIds.clear();
            groupConnectionIds.clear();
            for (JsonNode source : state.get("sources")) {
                sourceSlugs.add(source.get(0).asText());
                sourcePks.add(source.get(1).asText());
            }
            state.get("users").forEach(id -> userConnectionIds.add(id.asInt()));
            state.get("groups").forEach(id -> groupConnectionIds.add(id.asInt()));
        }
    }

    // ------------------------------------------------------------------------------------------
    // The generator: every choice comes from the one seeded Random

    enum Resource {
        SOURCES("plexsource", "/api/v3/sources/plex/",
                List.of("pbm_uuid", "name", "slug", "enabled", "authentication_flow", "enrollment_flow",
                        "policy_engine_mode", "user_matching_mode", "group_matching_mode", "client_id",
                        "allow_friends"),
                List.of("pk", "name", "slug", "enabled", "policy_engine_mode", "user_matching_mode",
                        "group_matching_mode", "user_path_template", "client_id", "allow_friends", "managed"),
                List.of("name", "slug", "enabled", "authentication_flow", "enrollment_flow", "user_property_mappings",
                        "group_property_mappings", "policy_engine_mode", "user_matching_mode", "user_path_template",
                        "group_matching_mode", "client_id", "allowed_servers", "allow_friends", "plex_token"),
                List.of("name", "slug", "plex_token"), List.of("name", "slug", "plex_token")),
        USER_CONNECTIONS("userplexsourceconnection", "/api/v3/sources/user_connections/plex/",
                List.of("user", "source__slug", "source"),
                List.of("pk", "user", "source", "identifier", "created", "last_updated"),
                List.of("identifier", "plex_token", "source", "user"),
                List.of("identifier", "plex_token", "source"), List.of("identifier", "plex_token")),
        GROUP_CONNECTIONS("groupplexsourceconnection", "/api/v3/sources/group_connections/plex/",
                List.of("group", "source__slug", "source"),
                List.of("pk", "group", "source", "identifier", "created", "last_updated"),
                List.of("group", "source", "identifier"),
                List.of("group", "source", "identifier"), List.of("identifier"));

        /** The model's name in authentik's permission codenames. */
        final String model;
        final String path;
        final List<String> filters;
        final List<String> orderingFields;
        final List<String> fields;
        final List<String> requiredOnCreate;
        final List<String> requiredOnPut;

        Resource(String model, String path, List<String> filters, List<String> orderingFields, List<String> fields,
                List<String> requiredOnCreate, List<String> requiredOnPut) {
            this.model = model;
            this.path = path;
            this.filters = filters;
            this.orderingFields = orderingFields;
            this.fields = fields;
            this.requiredOnCreate = requiredOnCreate;
            this.requiredOnPut = requiredOnPut;
        }
    }

    static final class Generator {

        /** Valid creates first (sources, then connections), so later requests find real objects. */
        static final int SETUP_SOURCES = 4;
        static final int SETUP_REQUESTS = SETUP_SOURCES + 6;

        private static final List<String> NOT_ALLOWED_ON_LIST = List.of("PUT", "PATCH", "DELETE", "TRACE", "FOO");
        private static final List<String> NOT_ALLOWED_ON_USED_BY = List.of("POST", "PUT", "PATCH", "DELETE");
        private static final String REDEEM = "/api/v3/sources/plex/redeem_token_authenticated/";
        private static final List<String> NOT_ALLOWED_ON_REDEEM = List.of("GET", "PUT", "PATCH", "DELETE");
        private static final List<String> READ_ONLY_KEYS = List.of("pk", "component", "verbose_name", "managed",
                "icon", "meta_model_name", "created", "last_updated", "id");
        private static final List<String> ODD_CONTENT_TYPES = List.of("text/plain", "application/xml",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json; charset=utf-16",
                "application/json; charset=iso-8859-1", "application/json; charset=nonsense",
                "application/merge-patch+json", "application/*", "*/*", "application/json;;;", "garbage", "",
                "application/octet-stream", "text/json");

        private static final List<String> ODD_ACCEPTS = List.of("text/html", "application/xml", "*/*",
                "application/json", "application/json;q=0", "garbage", "", "text/*;q=0.5, application/json",
                "application/json; charset=utf-16", "image/png", "application/*", ";;;");

        private final Random random;
        private final Known known;
        private final List<Caller> callers;
        private final int callerWeights;
        private final Values values;
        private final Caller admin;

        Generator(Random random, Known known, List<Caller> callers) {
            this.random = random;
            this.known = known;
            this.callers = callers;
            this.callerWeights = callers.stream().mapToInt(Caller::weight).sum();
            this.values = new Values(random);
            this.admin = callers.get(0);
        }

        FuzzRequest next(int index) {
            if (index < SETUP_REQUESTS) {
                return setUp(index);
            }
            FuzzRequest request;
            // A generated value that spells a leak marker would make the leak check cry wolf.
            do {
                request = generate();
            } while (Contract.leakMarkerIn(request.text()) != null);
            return request;
        }

        private FuzzRequest setUp(int index) {
            Resource resource = index < SETUP_SOURCES ? Resource.SOURCES
                    : index % 2 == 0 ? Resource.USER_CONNECTIONS : Resource.GROUP_CONNECTIONS;
            Map<String, String> body = validObject(resource, "POST");
            if (resource == Resource.SOURCES) {
                body.put("slug", Json.quote("fz-setup-" + index));
            } else {
                body.put("source", Json.quote(known.sourceSlugs.get(index % known.sourceSlugs.size())));
            }
            if (resource == Resource.USER_CONNECTIONS) {
                // Distinct users, so that one (user, source) pair never repeats during set-up.
                body.put("user", Integer.toString(index));
            }
            if (resource == Resource.GROUP_CONNECTIONS) {
                body.put("group", Json.quote(new UUID(index, random.nextLong()).toString()));
            }
            return new FuzzRequest(resource, "POST", resource.path, admin, "application/json", Json.object(body));
        }

        private FuzzRequest generate() {
            Resource resource = pick(Resource.values());
            Caller caller = caller();
            int shape = random.nextInt(100);
            FuzzRequest request = shape < 38 ? onList(resource, caller)
                    : shape < 82 ? onObject(resource, caller)
                    : shape < 96 ? onUsedBy(resource, caller)
                    : onRedeem(caller);
            // Clients mostly send no Accept header; a few ask for what the service cannot produce.
            if (random.nextInt(100) < 6) {
                request = request.accepting(pick(ODD_ACCEPTS));
            }
            // A request without a body may still declare a type, which must not matter.
            if (request.body() == null && random.nextInt(100) < 3) {
                request = request.declaring(pick(ODD_CONTENT_TYPES));
            }
            return request;
        }

        private FuzzRequest onList(Resource resource, Caller caller) {
            int roll = random.nextInt(100);
            // Paths are served with and without the trailing slash.
            String path = random.nextInt(8) == 0 ? resource.path.substring(0, resource.path.length() - 1)
                    : resource.path;
            if (roll < 45) {
                return new FuzzRequest(resource, "GET", path + query(resource), caller, null, null);
            }
            if (roll < 90) {
                return withBody("POST", path, resource, caller);
            }
            return withBody(pick(NOT_ALLOWED_ON_LIST), path, resource, caller);
        }

        private FuzzRequest onObject(Resource resource, Caller caller) {
            String path = resource.path + target(resource) + (random.nextInt(8) == 0 ? "" : "/");
            int roll = random.nextInt(100);
            if (roll < 25) {
                return new FuzzRequest(resource, "GET", path, caller, null, null);
            }
            if (roll < 50) {
                return withBody("PUT", path, resource, caller);
            }
            if (roll < 75) {
                return withBody("PATCH", path, resource, caller);
            }
            if (roll < 90) {
                // A DELETE sometimes carries a body, which must be ignored.
                return random.nextInt(10) == 0 ? withBody("DELETE", path, resource, caller)
                        : new FuzzRequest(resource, "DELETE", path, caller, null, null);
            }
            return withBody("POST", path, resource, caller);
        }

        private FuzzRequest onUsedBy(Resource resource, Caller caller) {
            String path = resource.path + target(resource) + "/used_by" + (random.nextInt(8) == 0 ? "" : "/");
            if (random.nextInt(100) < 85) {
                return new FuzzRequest(resource, "GET", path, caller, null, null);
            }
            return withBody(pick(NOT_ALLOWED_ON_USED_BY), path, resource, caller);
        }

        /**
         * The redeem action, which creates the caller's own user connection. The run's plex.tv is the
         * tests' fake on loopback, which does not know the generated tokens: a valid body gets 400.
         */
        private FuzzRequest onRedeem(Caller caller) {
            String path = REDEEM.substring(0, REDEEM.length() - (random.nextInt(8) == 0 ? 1 : 0));
            int roll = random.nextInt(100);
            if (roll < 60 && !known.sourceSlugs.isEmpty()) {
                path += "?slug=" + Url.encode(pick(known.sourceSlugs));
            } else if (roll < 75) {
                path += "?slug=" + Url.encode(values.slug());
            } else if (roll < 88) {
                path += "?slug=" + Url.encode(values.nastyString(false));
            }
            String method = random.nextInt(100) < 90 ? "POST" : pick(NOT_ALLOWED_ON_REDEEM);
            return withBody(method, path, Resource.USER_CONNECTIONS, caller);
        }

        private Caller caller() {
            int roll = random.nextInt(callerWeights);
            for (Caller caller : callers) {
                roll -= caller.weight();
                if (roll < 0) {
                    return caller;
                }
            }
            throw new IllegalStateException("weights");
        }

        // --- paths ---------------------------------------------------------------------------

        /** A path segment naming an object: mostly a real one, else unknown or impossible. */
        private String target(Resource resource) {
            int roll = random.nextInt(100);
            List<?> real = resource == Resource.SOURCES ? known.sourceSlugs
                    : resource == Resource.USER_CONNECTIONS ? known.userConnectionIds : known.groupConnectionIds;
            if (roll < 60 && !real.isEmpty()) {
                return Url.encode(String.valueOf(pick(real)));
            }
            if (roll < 75) {
                return resource == Resource.SOURCES ? Url.encode(values.slug())
                        : Integer.toString(random.nextInt(100_000));
            }
            if (roll < 85 && !real.isEmpty()) {
                // A real object's name with something hostile attached.
                return Url.encode(String.valueOf(pick(real))) + pick(Values.ODD_PATH_SEGMENTS);
            }
            return random.nextInt(4) == 0 ? Url.encode(values.nastyString(false)) : pick(Values.ODD_PATH_SEGMENTS);
        }

        // --- query strings -------------------------------------------------------------------

        private String query(Resource resource) {
            List<String> names = new ArrayList<>(resource.filters);
            names.addAll(List.of("page", "page_size", "search", "ordering", "search", "ordering"));
            int count = random.nextInt(5);
            if (count == 0) {
                return "";
            }
            List<String> parameters = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = random.nextInt(25) == 0 ? pick(List.of("unknown", "page[size]", "%00", "search%00",
                        "ordering[]", "a=b", "")) : pick(names);
                String value = random.nextInt(100) < 40 ? Url.encode(validQueryValue(resource, name))
                        : values.queryValue();
                parameters.add(Url.encodeName(name) + (random.nextInt(30) == 0 ? "" : "=" + value));
            }
            return "?" + String.join("&", parameters);
        }

        private String validQueryValue(Resource resource, String name) {
            return switch (name) {
                case "pbm_uuid", "authentication_flow", "enrollment_flow", "source" ->
                        known.sourcePks.isEmpty() || random.nextBoolean() ? values.uuid() : pick(known.sourcePks);
                case "slug", "source__slug" -> known.sourceSlugs.isEmpty() ? values.slug() : pick(known.sourceSlugs);
                case "enabled", "allow_friends" -> pick(List.of("true", "false", "1", "0", "TRUE", "False"));
                case "policy_engine_mode" -> pick(Values.POLICY_ENGINE_MODES);
                case "user_matching_mode" -> pick(Values.USER_MATCHING_MODES);
                case "group_matching_mode" -> pick(Values.GROUP_MATCHING_MODES);
                case "user" -> Integer.toString(random.nextInt(7));
                case "group" -> pick(known.groups);
                case "page" -> pick(List.of("1", "2", "last", "3"));
                case "page_size" -> pick(List.of("1", "2", "5", "20", "100", "101"));
                case "search" -> random.nextInt(10) == 0 ? manyTerms()
                        : random.nextBoolean() && !known.sourceSlugs.isEmpty()
                        ? startOf(pick(known.sourceSlugs)) : values.word() + " " + values.word();
                case "ordering" -> ordering(resource);
                default -> values.word();
            };
        }

        /** Up to three leading characters of a slug (generated slugs can be shorter): a term it matches. */
        private static String startOf(String slug) {
            return slug.substring(0, Math.min(3, slug.length()));
        }

        /** Hundreds of search terms: each one is a condition of its own. */
        private String manyTerms() {
            StringBuilder terms = new StringBuilder();
            for (int i = random.nextInt(100, 900); i > 0; i--) {
                terms.append(values.alphanumeric(1)).append(random.nextBoolean() ? " " : ",");
            }
            return terms.toString();
        }

        /** One to three allowed fields, or now and then a hundred or so (a long ORDER BY). */
        private String ordering(Resource resource) {
            List<String> terms = new ArrayList<>();
            for (int i = random.nextInt(10) == 0 ? random.nextInt(50, 200) : random.nextInt(3) + 1; i > 0; i--) {
                terms.add((random.nextBoolean() ? "-" : "") + pick(resource.orderingFields));
            }
            return String.join(",", terms);
        }

        // --- bodies --------------------------------------------------------------------------

        private FuzzRequest withBody(String method, String path, Resource resource, Caller caller) {
            String contentType = random.nextInt(100) < 88 ? "application/json"
                    : random.nextInt(5) == 0 ? null : pick(ODD_CONTENT_TYPES);
            int roll = random.nextInt(100);
            byte[] body;
            if (roll < 35) {
                body = Json.object(validObject(resource, method));
            } else if (roll < 70) {
                body = Json.object(mutated(validObject(resource, method), resource));
            } else if (roll < 78) {
                body = Json.object(everyFieldHostile(resource));
            } else if (roll < 84) {
                body = values.malformedJson(Json.object(validObject(resource, method)));
            } else if (roll < 89) {
                body = values.withInvalidUtf8(Json.object(validObject(resource, method)));
            } else if (roll < 93) {
                body = values.deeplyNestedBody();
            } else if (roll < 96) {
                body = random.nextBoolean() ? new byte[0] : null;
            } else if (roll < 97) {
                // Over the 1 MiB body limit.
                body = Json.object(Map.of("name", Json.quote(values.alphanumeric(1_100_000))));
            } else {
                body = Json.utf8(pick(List.of("[]", "[{}]", "\"text\"", "123", "null", "true", "1e400", "[null]",
                        " ", "{}")));
            }
            return new FuzzRequest(resource, method, path, caller, contentType, body);
        }

        /** A body that the contract accepts for this resource and method, as JSON fragments by key. */
        private Map<String, String> validObject(Resource resource, String method) {
            List<String> required = method.equals("PUT") ? resource.requiredOnPut : resource.requiredOnCreate;
            Map<String, String> body = new LinkedHashMap<>();
            for (String field : resource.fields) {
                boolean include = method.equals("PATCH") ? random.nextInt(3) == 0
                        : required.contains(field) || random.nextInt(3) == 0;
                if (include) {
                    body.put(field, validValue(resource, field));
                }
            }
            return body;
        }

        private String validValue(Resource resource, String field) {
            return switch (field) {
                case "name", "identifier" -> Json.quote(values.word() + " " + values.word());
                case "slug" -> Json.quote(values.slug());
                case "plex_token", "client_id" -> Json.quote(values.alphanumeric(20));
                case "enabled", "allow_friends" -> Boolean.toString(random.nextBoolean());
                case "authentication_flow", "enrollment_flow" ->
                        random.nextInt(4) == 0 ? "null" : Json.quote(values.uuid());
                case "user_property_mappings", "group_property_mappings" ->
                        random.nextBoolean() ? "[]" : "[" + Json.quote(values.uuid()) + "]";
                case "policy_engine_mode" -> Json.quote(pick(Values.POLICY_ENGINE_MODES));
                case "user_matching_mode" -> Json.quote(pick(Values.USER_MATCHING_MODES));
                case "group_matching_mode" -> Json.quote(pick(Values.GROUP_MATCHING_MODES));
                case "user_path_template" -> Json.quote("goauthentik.io/" + values.word() + "/%(slug)s");
                case "allowed_servers" -> "[" + Json.quote(values.alphanumeric(12)) + "]";
                case "user" -> Integer.toString(random.nextInt(7));
                case "group" -> Json.quote(pick(known.groups));
                case "source" -> sourceReference();
                default -> throw new IllegalArgumentException(resource + "." + field);
            };
        }

        /** A source by slug or by pk, sometimes one that does not exist. */
        private String sourceReference() {
            int roll = random.nextInt(10);
            if (roll < 6 && !known.sourceSlugs.isEmpty()) {
                return Json.quote(pick(known.sourceSlugs));
            }
            if (roll < 8 && !known.sourcePks.isEmpty()) {
                return Json.quote(pick(known.sourcePks));
            }
            return Json.quote(random.nextBoolean() ? values.slug() : values.uuid());
        }

        /** A valid body with one to three fields (or extra keys) replaced by hostile values. */
        private Map<String, String> mutated(Map<String, String> body, Resource resource) {
            for (int i = random.nextInt(3) + 1; i > 0; i--) {
                int roll = random.nextInt(20);
                String key = roll == 0 ? pick(READ_ONLY_KEYS)
                        : roll == 1 ? Json.unquoted(values.nastyString(false))
                        : pick(resource.fields);
                if (random.nextInt(10) == 0) {
                    body.remove(key);
                } else {
                    body.put(key, values.hostileJson());
                }
            }
            return body;
        }

        private Map<String, String> everyFieldHostile(Resource resource) {
            Map<String, String> body = new LinkedHashMap<>();
            for (String field : resource.fields) {
                body.put(field, values.hostileJson());
            }
            return body;
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        private <T> T pick(T[] items) {
            return items[random.nextInt(items.length)];
        }
    }

    /** Hostile and ordinary values, all drawn from the seeded Random. */
    static final class Values {

        static final List<String> POLICY_ENGINE_MODES = List.of("all", "any");
        static final List<String> USER_MATCHING_MODES = List.of("identifier", "email_link", "email_deny",
                "username_link", "username_deny");
        static final List<String> GROUP_MATCHING_MODES = List.of("identifier", "name_link", "name_deny");

        private static final List<String> WORDS = List.of("plex", "home", "Media", "server", "Ünïcödé", "friends",
                "living room", "日本語", "kino", "😀", "o'brien", "50%", "snake_case", "back\\slash");

        /** SQL and LIKE metacharacters, as they would be typed by someone probing for injection. */
        static final List<String> SQL_AND_LIKE = List.of("'", "''", "%", "%%", "_", "\\", "\\\\", ";--", "--",
                "' OR 1=1 --",
                "' OR '1'='1", "\" OR \"\"=\"", "'); DROP TABLE plex_source; --", "1; drop table plex_source",
                "' union select null, null --", "%' AND '%'='", "a%b_c", "\\%", "\\_", "%_%", "[a-z]", "*", "$1", "?",
                ":name", "' || pg_sleep(0) || '", "/*", "*/", "E'\\x00'", "0x00", "$$", "\\'", "%00");

        /**
         * Odd path segments, already percent-encoded: NUL and bytes that are not UTF-8, dot segments,
         * lengths up to past the 4 KiB request line, numbers out of range, unicode, SQL.
         */
        static final List<String> ODD_PATH_SEGMENTS = List.of("%00", "a%00", "%00a", "%FF", "%C0%AF", "%C0%80",
                "%ED%A0%80", "%ED%B0%80", "..", "%2e%2e", ".", "%2F", "a%2Fb", "x".repeat(51), "y".repeat(300),
                "z".repeat(2_000), "w".repeat(5_000), "-1", "0", "00001", "2147483647", "2147483648", "-2147483649",
                "9999999999999999999", "18446744073709551616", "1e3", "1.0", "0x10", "+1", "%2B1", "%20", "%201",
                "1%20", "%09", "%0A", "%0D%0A", "a%0Ab", "%C3%BC", "%E6%97%A5%E6%9C%AC", "%F0%9F%98%80", "%D9%A3",
                "%EF%BB%BF", "%E2%80%AE", "%27", "%27%20OR%201%3D1%20--", "%25", "%255C", "_", "%5C", ";--", "%3B--",
                "*", "null", "undefined", "%7B%7D", "%22", "%3Cscript%3E", "-", "__");

        private final Random random;

        Values(Random random) {
            this.random = random;
        }

        String word() {
            return WORDS.get(random.nextInt(WORDS.size()));
        }

        String alphanumeric(int length) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        /** A valid slug, from a small alphabet so that duplicates happen now and then. */
        String slug() {
            return "fz-" + alphanumeric(random.nextInt(2) + 1).toLowerCase(Locale.ROOT);
        }

        String uuid() {
            UUID uuid = new UUID(random.nextLong(), random.nextLong());
            return random.nextInt(8) == 0 ? uuid.toString().replace("-", "") : uuid.toString();
        }

        /** A hostile JSON value: wrong types, extreme numbers, hostile or huge strings, deep nesting. */
        String hostileJson() {
            int roll = random.nextInt(100);
            if (roll < 20) {
                return pick(List.of("123", "-1", "0", "1", "1.5", "true", "false", "[]", "[\"a\"]", "[1,2]", "{}",
                        "{\"a\":1}", "null", "[null]", "[[]]", "{\"pk\":null}", "[\"\"]", "[\" \"]"));
            }
            if (roll < 32) {
                return pick(List.of("1e400", "-1e400", "1e-400", "9223372036854775808", "-9223372036854775809",
                        "9999999999999999999", "2147483648", "-2147483649", "18446744073709551616", "0.0000000001",
                        "-0", "1E3", "4.9e-324", "1.7976931348623157e309", "1" + "0".repeat(1_200),
                        "0." + "1".repeat(400)));
            }
            if (roll < 70) {
                return Json.quote(nastyString(true));
            }
            if (roll < 80) {
                StringBuilder list = new StringBuilder("[");
                for (int i = random.nextInt(4); i >= 0; i--) {
                    list.append(Json.quote(nastyString(true))).append(i == 0 ? "" : ",");
                }
                return list.append(']').toString();
            }
            if (roll < 90) {
                return Json.quote(hugeString());
            }
            return deeplyNestedValue();
        }

        /** A hostile string: NUL, control characters, lone surrogates, SQL, unicode, blanks, long. */
        String nastyString(boolean mayBeLong) {
            int roll = random.nextInt(mayBeLong ? 100 : 90);
            String core;
            if (roll < 12) {
                core = pick(List.of("\u0000", "a\u0000b", "\u0000\u0000", "plex\u0000", "\u0000 OR 1=1"));
            } else if (roll < 22) {
                core = pick(List.of("\u0001", "\u0007\u0008", "\u001b[31m", "\u001f", "\u007f", "\t", "\n", "\r\n",
                        "a\u000bb", "\u0085", "\u2028\u2029", "\u200b", "\ufeff", "\u202e"));
            } else if (roll < 34) {
                core = pick(List.of("\ud800", "\udc00", "a\ud800", "\udc00b", "\udbff", "\udfff", "\udc00\ud800",
                        "x\ud800\ud800y", "\ud83d\ude00", "\uffff", "\ufffe", "\ufffd"));
            } else if (roll < 58) {
                core = pick(SQL_AND_LIKE);
            } else if (roll < 66) {
                core = pick(List.of("", " ", "   ", "\t \n", "ümlaut", "日本語", "Ωmega", "😀", "ß", "İ", "ﬁ",
                        "\u0301", "a\u0300"));
            } else if (roll < 74) {
                core = pick(List.of("true", "false", "yes", "maybe", "null", "None", "NaN", "Infinity", "-1", "1e3",
                        "0", "2147483648", "all", "any", "ALL", "identifier ", "last"));
            } else if (roll < 82) {
                core = pick(List.of("%(slug)s", "%s%n%x", "{{7*7}}", "${7*7}", "#{7*7}", "../../etc/passwd",
                        "<script>alert(1)</script>", "a/b", "a b", "a,b", "\"quoted\"", "\"", "a\"b", "fz-a.b"));
            } else if (roll < 90) {
                core = random.nextBoolean() ? uuid() + pick(List.of("\u0000", " ", "x", "-", "\ud800"))
                        : slug() + "\u0000";
            } else {
                core = alphanumeric(random.nextInt(50, 3_000));
            }
            // Sometimes wrapped in ordinary text, so the hostile part is not the whole value.
            return random.nextInt(4) == 0 ? word() + core + word() : core;
        }

        /** 10 KB to 300 KB, sometimes with a NUL or a lone surrogate inside. */
        String hugeString() {
            int length = random.nextInt(10_000, 300_000);
            String unit = alphanumeric(random.nextInt(1, 17));
            StringBuilder text = new StringBuilder(length + unit.length());
            while (text.length() < length) {
                text.append(unit);
            }
            int roll = random.nextInt(6);
            if (roll == 0) {
                text.insert(random.nextInt(text.length()), '\u0000');
            } else if (roll == 1) {
                text.insert(random.nextInt(text.length()), '\ud800');
            } else if (roll == 2) {
                text.insert(0, ' ');
            }
            return text.toString();
        }

        /** 1,000 to 5,000 nested arrays or objects. */
        String deeplyNestedValue() {
            int depth = random.nextInt(1_000, 5_001);
            boolean arrays = random.nextBoolean();
            StringBuilder json = new StringBuilder(depth * 6);
            json.append((arrays ? "[" : "{\"a\":").repeat(depth)).append(random.nextBoolean() ? "1" : "\"x\"");
            json.append((arrays ? "]" : "}").repeat(depth));
            return json.toString();
        }

        byte[] deeplyNestedBody() {
            String nested = deeplyNestedValue();
            return Json.utf8(switch (random.nextInt(4)) {
                case 0 -> nested;
                case 1 -> "{\"name\":" + nested + ",\"slug\":\"fz-deep\",\"identifier\":" + nested + "}";
                // Never closed: the parser must give up, not the server.
                case 2 -> "[".repeat(random.nextInt(1_000, 5_001));
                default -> "{\"a\":".repeat(random.nextInt(1_000, 5_001));
            });
        }

        /** JSON that does not parse, made from a valid body or from a list of classics. */
        byte[] malformedJson(byte[] valid) {
            int roll = random.nextInt(10);
            if (roll < 3 && valid.length > 1) {
                return Arrays.copyOf(valid, random.nextInt(1, valid.length));
            }
            if (roll < 4) {
                // Unescaped control characters (NUL among them) inside a string are not JSON.
                return Json.bytes("{\"name\":\"raw", new byte[] { pick(List.of((byte) 0, (byte) 1, (byte) 10,
                        (byte) 9, (byte) 31)) }, "\",\"slug\":\"fz-raw\",\"identifier\":\"x\"}");
            }
            return Json.utf8(pick(List.of("{", "}", "{\"name\":}", "{\"name\":\"a\",}", "{'name':'a'}", "{name:\"a\"}",
                    "{\"name\":\"a\"", "{\"name\":\"a\"}}", "{\"name\":\"a\"} trailing", "{\"name\":\"unterminated",
                    "{\"name\":\"bad \\q escape\"}", "{\"name\":\"\\u12\"}", "{\"name\":\"\\ud800\\u\"}",
                    "{\"name\":NaN}",
                    "{\"name\":Infinity}", "{\"name\":-}", "{\"name\":01}", "{\"name\":1.}", "{\"name\":.5}",
                    "{\"name\":tru}", "{\"name\":nul}", "{\"a\":1 /* comment */}", "// comment\n{}", "\ufeff{}",
                    "{\"a\":[1,2}", "[", "]", "\"", "{\"a\" \"b\"}", "{,}", "{\"a\":1,,\"b\":2}", "{\"\\u0000\":1}",
                    "\u0000{}", "{}\u0000", "{\"name\":\"a\"}{\"name\":\"b\"}", "  \n\t  ", "{\"name\":\"a\"\u0000}")));
        }

        /** A valid body with bytes that are not UTF-8 put inside its first string value. */
        byte[] withInvalidUtf8(byte[] valid) {
            byte[] bad = pick(List.of(new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xFE },
                    new byte[] { (byte) 0xC0, (byte) 0x80 }, new byte[] { (byte) 0xC3 },
                    new byte[] { (byte) 0xC3, (byte) 0x28 }, new byte[] { (byte) 0xE2, (byte) 0x82 },
                    new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                    new byte[] { (byte) 0xED, (byte) 0xB0, (byte) 0x80 },
                    new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
                    new byte[] { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
                    new byte[] { (byte) 0x80 }, new byte[] { (byte) 0xBF }, new byte[] { (byte) 0xC1, (byte) 0xBF }));
            int at = indexOfStringValue(valid);
            if (at < 0 || random.nextInt(5) == 0) {
                at = random.nextInt(valid.length + 1);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(valid.length + bad.length);
            out.write(valid, 0, at);
            out.write(bad, 0, bad.length);
            out.write(valid, at, valid.length - at);
            return out.toByteArray();
        }

        /** Just after the opening quote of the first string value ({@code :"}), or -1. */
        private static int indexOfStringValue(byte[] json) {
            for (int i = 0; i + 1 < json.length; i++) {
                if (json[i] == ':' && json[i + 1] == '"') {
                    return i + 2;
                }
            }
            return -1;
        }

        /** A query parameter value, already percent-encoded: hostile text or raw hostile bytes. */
        String queryValue() {
            int roll = random.nextInt(100);
            if (roll < 15) {
                return pick(List.of("%00", "a%00", "%00%00", "%FF", "%C0%80", "%ED%A0%80", "%ED%B0%80", "%C3", "%F8%88",
                        "%E2%80%AE", "%0D%0A", "%25", "%2525", "+", "%2B", "%26", "%3D", "%23"));
            }
            if (roll < 25) {
                return Url.encode(pick(List.of("-1", "0", "2147483648", "9999999999999999999", "1e3", "0x1F", "1.0",
                        " 1", "last", "LAST", "-0", "+5", "１", "٣")));
            }
            if (roll < 30) {
                return Url.encode(alphanumeric(random.nextInt(1_000, 3_000)));
            }
            return Url.encode(nastyString(false));
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }
    }

    /** JSON text built by hand, so that it can carry what a JSON library would refuse to write. */
    static final class Json {

        private Json() {
        }

        /** A JSON string; control characters and every surrogate (paired or lone) as backslash-u escapes. */
        static String quote(String text) {
            StringBuilder json = new StringBuilder(text.length() + 2).append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20 || Character.isSurrogate(c)) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            return json.append('"').toString();
        }

        /** A key as it appears between quotes. */
        static String unquoted(String text) {
            String quoted = quote(text);
            return quoted.substring(1, quoted.length() - 1);
        }

        /** An object from already-encoded values; keys are quoted as given. */
        static byte[] object(Map<String, String> fields) {
            StringBuilder json = new StringBuilder("{");
            fields.forEach((key, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(key)
                    .append("\":").append(value));
            return utf8(json.append('}').toString());
        }

        static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        static byte[] bytes(String before, byte[] raw, String after) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(utf8(before));
            out.writeBytes(raw);
            out.writeBytes(utf8(after));
            return out.toByteArray();
        }
    }

    /** Percent-encoding of everything but RFC 3986's unreserved characters, as UTF-8. */
    static final class Url {

        private Url() {
        }

        static String encode(String text) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xFF);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                    encoded.append(c);
                } else {
                    encoded.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
            return encoded.toString();
        }

        /** Odd parameter names come already encoded, or deliberately raw ({@code a=b}). */
        static String encodeName(String name) {
            return name.contains("%") || name.contains("[") || name.contains("=") ? name.replace("[", "%5B")
                    .replace("]", "%5D") : encode(name);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Reporting

    static final class Report {

        /** The first failures are printed in full, and so is the first of each problem on each endpoint. */
        private static final int FIRST_FAILURES_SHOWN = 10;
        /** Failures repeated in the assertion message; stdout has every one that was shown. */
        private static final int MESSAGE_FAILURES = 40;
        private static final int BODY_SHOWN = 1_500;

        private final long seed;
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private final Map<String, Integer> problemCounts = new TreeMap<>();
        private final Set<String> problemsOnEndpoints = new HashSet<>();
        private final List<String> shown = new ArrayList<>();
        private int failures;

        Report(long seed) {
            this.seed = seed;
        }

        void count(Answer answer) {
            statuses.merge(answer.status(), 1, Integer::sum);
        }

        void fail(int index, FuzzRequest request, Answer answer, List<String> problems) {
            if (problems.isEmpty()) {
                return;
            }
            failures++;
            boolean firstOfItsKind = false;
            for (String problem : problems) {
                problemCounts.merge(problem, 1, Integer::sum);
                firstOfItsKind |= problemsOnEndpoints.add(problem + " on " + endpoint(request));
            }
            if (firstOfItsKind || failures <= FIRST_FAILURES_SHOWN) {
                String description = describe(index, request, answer, problems);
                System.out.println(description);
                shown.add(description);
            }
        }

        boolean passed() {
            return failures == 0;
        }

        /** The method and path template, e.g. {@code PATCH /api/v3/sources/plex/{id}/}. */
        static String endpoint(FuzzRequest request) {
            String rest = request.path().replaceFirst("\\?.*", "").substring(request.resource().path.length() - 1)
                    .replaceAll("^/|/$", "");
            String template = rest.isEmpty() ? "" : rest.endsWith("/used_by") ? "{id}/used_by/" : "{id}/";
            return request.method() + " " + request.resource().path + template;
        }

        private String describe(int index, FuzzRequest request, Answer answer, List<String> problems) {
            String body = request.body() == null ? "(none)"
                    : "(" + request.body().length + " bytes, non-printable bytes as \\xNN) " + escape(request.body());
            return "ContractFuzzTest failure: seed=" + seed + " request #" + index + " (replay: -Dplexsrc.fuzz.seed="
                    + seed + " -Dplexsrc.fuzz.requests=" + (index + 1) + ")\n"
                    + "  problems: " + String.join("; ", problems) + "\n"
                    + "  request:  " + request.method() + " " + escape(request.path()) + "\n"
                    + "  caller:   " + request.caller().name() + "\n"
                    + "  headers:  Content-Type: " + request.contentType() + ", Accept: " + request.accept() + "\n"
                    + "  body:     " + body + "\n"
                    + "  response: " + answer.status() + " " + answer.header("Content-Type") + " "
                    + escape(answer.body())
                    + (answer.transportFailure() == null ? "" : " (" + answer.transportFailure() + ")");
        }

        /** Printable ASCII as is, everything else as {@code \xNN}; long texts cut short. */
        static String escape(byte[] bytes) {
            StringBuilder text = new StringBuilder();
            int shown = Math.min(bytes.length, BODY_SHOWN);
            for (int i = 0; i < shown; i++) {
                int b = bytes[i] & 0xFF;
                text.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
            }
            if (bytes.length > shown) {
                text.append("... (").append(bytes.length - shown).append(" more bytes)");
            }
            return text.toString();
        }

        static String escape(String text) {
            return escape(text.getBytes(StandardCharsets.UTF_8));
        }

        void printSummary(int requests, Duration elapsed) {
            System.out.printf("ContractFuzzTest summary: seed=%d requests=%d elapsed=%.1fs statuses=%s failures=%d%s%n",
                    seed, requests, elapsed.toMillis() / 1000.0, statuses, failures,
                    failures == 0 ? "" : " problems=" + problemCounts);
        }

        String failureMessage() {
            return failures + " requests broke the contract (seed=" + seed + ", replay: -Dplexsrc.fuzz.seed=" + seed
                    + "); problems: " + problemCounts + "\nThe first failures, and the first of each problem on each"
                    + " endpoint:\n" + String.join("\n", shown.subList(0, Math.min(shown.size(), MESSAGE_FAILURES)));
        }
    }
}
