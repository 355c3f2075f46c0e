package dev.plexsrc.source;

import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.fetchSource;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PlexSourceConcurrencyTest {

    private static final int CALLERS = 20;
    private static final String DUPLICATE_SLUG = "{\"slug\":[\"source with this slug already exists.\"]}";

    @TestHTTPResource("/api/v3/sources/plex/")
    URI sources;

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    /** Repeated because a lost race shows only in some interleavings. */
    @RepeatedTest(5)
    void concurrentCreatesWithOneSlugGiveExactlyOneSource() throws Exception {
        List<HttpResponse<String>> responses = createConcurrently("race");

        var statuses = responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 400, (long) (CALLERS - 1)), statuses,
                () -> "statuses " + statuses + ", bodies " + responses.stream().map(HttpResponse::body).toList());
        responses.stream().filter(response -> response.statusCode() == 400).map(HttpResponse::body)
                .forEach(body -> assertEquals(parse(DUPLICATE_SLUG), parse(body), body));
        assertEquals("1", Tables.queryString("SELECT count(*) FROM plex_source WHERE slug = 'race'"));
    }

    /** Each PATCH sets only its own field, so PATCHes of different fields at once all stick. */
    @RepeatedTest(5)
    void concurrentPatchesOfDifferentFieldsAllStick() throws Exception {
        createSource("shared");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "'Renamed'");
        fields.put("enabled", "false");
        fields.put("user_path_template", "'people/%(slug)s'");
        fields.put("client_id", "'client-x'");
        fields.put("allow_friends", "false");
        fields.put("policy_engine_mode", "'all'");
        fields.put("user_matching_mode", "'email_link'");
        fields.put("group_matching_mode", "'name_link'");
        fields.put("allowed_servers", "['server-1']");
        fields.put("plex_token", "'rotated-token'");
        URI shared = sources.resolve("shared/");
        List<HttpRequest> requests = new ArrayList<>();
        fields.forEach((field, value) -> requests.add(request(shared)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json("{'" + field + "':" + value + "}"))).build()));

        List<HttpResponse<String>> responses = sendConcurrently(requests);

        responses.forEach(response -> assertEquals(200, response.statusCode(), response.body()));
        JsonNode stored = fetchSource("shared");
        fields.forEach((field, value) -> assertEquals(parse(json(value)), stored.get(field), field));
    }

    /** Sends {@link #CALLERS} creates with one slug, all released at once. */
    private List<HttpResponse<String>> createConcurrently(String slug) throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            requests.add(request(sources)
                    .POST(HttpRequest.BodyPublishers.ofString(minimalSource("Racer " + i, slug, "t" + i))).build());
        }
        return sendConcurrently(requests);
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + Tokens.admin())
                .header("Content-Type", "application/json");
    }

    /** Sends the requests from a thread each, all released at once by a latch. */
    private static List<HttpResponse<String>> sendConcurrently(List<HttpRequest> requests) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<HttpResponse<String>>> pending = new ArrayList<>();
            for (HttpRequest request : requests) {
                pending.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "all callers ready");
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : pending) {
                responses.add(future.get(90, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
