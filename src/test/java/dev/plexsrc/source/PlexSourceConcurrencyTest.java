package dev.plexsrc.source;

import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.fetchSource;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.testing.Concurrently;
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

        List<HttpResponse<String>> responses = Concurrently.send(requests);

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
        return Concurrently.send(requests);
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + Tokens.admin())
                .header("Content-Type", "application/json");
    }

}
