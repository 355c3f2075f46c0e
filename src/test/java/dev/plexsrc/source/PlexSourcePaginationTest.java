package dev.plexsrc.source;

import static dev.plexsrc.testing.Api.assertJsonBody;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.listSources;
import static dev.plexsrc.testing.Api.listSourcesOk;
import static dev.plexsrc.testing.Api.names;
import static dev.plexsrc.testing.Api.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.testing.Tables;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The numbers of a list's pagination block. One read-only data set for the class: 105 sources
 * {@code row-001}..{@code row-105}, of which {@code row-001}..{@code row-045} are disabled.
 */
@QuarkusTest
class PlexSourcePaginationTest {

    private static final int TOTAL = 105;
    private static final int DISABLED = 45;
    private static final String INVALID_PAGE = "{\"detail\":\"Invalid page.\"}";

    private static boolean created;

    /**
     * Once per class, but in {@code @BeforeEach}: Quarkus points RestAssured at the test port only
     * before each test, so a {@code @BeforeAll} cannot call the API yet.
     */
    @BeforeEach
    void createRowsOnce() {
        if (created) {
            return;
        }
        created = true;
        Tables.truncate("plex_source");
        for (int i = 1; i <= TOTAL; i++) {
            createSource(row(i), row(i), "enabled", i > DISABLED);
        }
    }

    @Test
    void firstFullPage() {
        JsonNode body = listSourcesOk("page_size", 20, "page", 1);
        assertPagination(body, 2, 0, TOTAL, 1, 6, 1, 20);
        assertEquals(rows(1, 20), names(body));
    }

    @Test
    void defaultsArePageOneOfTwenty() {
        JsonNode body = listSourcesOk();
        assertPagination(body, 2, 0, TOTAL, 1, 6, 1, 20);
        assertEquals(rows(1, 20), names(body));
    }

    @Test
    void middlePage() {
        JsonNode body = listSourcesOk("page_size", 20, "page", 3);
        assertPagination(body, 4, 2, TOTAL, 3, 6, 41, 60);
        assertEquals(rows(41, 60), names(body));
    }

    @Test
    void lastPartialPage() {
        JsonNode body = listSourcesOk("page_size", 20, "page", 6);
        assertPagination(body, 0, 5, TOTAL, 6, 6, 101, 105);
        assertEquals(rows(101, 105), names(body));
    }

    @Test
    void filteredPagesOfFortyFive() {
        JsonNode first = listSourcesOk("enabled", "false", "page_size", 20, "page", 1);
        assertPagination(first, 2, 0, DISABLED, 1, 3, 1, 20);
        assertEquals(rows(1, 20), names(first));

        JsonNode middle = listSourcesOk("enabled", "false", "page_size", 20, "page", 2);
        assertPagination(middle, 3, 1, DISABLED, 2, 3, 21, 40);
        assertEquals(rows(21, 40), names(middle));

        JsonNode last = listSourcesOk("enabled", "false", "page_size", 20, "page", 3);
        assertPagination(last, 0, 2, DISABLED, 3, 3, 41, 45);
        assertEquals(rows(41, 45), names(last));
    }

    @Test
    void exactFitLastPageEndsAtCount() {
        JsonNode body = listSourcesOk("enabled", "false", "page_size", 15, "page", 3);
        assertPagination(body, 0, 2, DISABLED, 3, 3, 31, 45);
        assertEquals(rows(31, 45), names(body));
    }

    @Test
    void emptyResult() {
        String empty = "{\"pagination\":{\"next\":0,\"previous\":0,\"count\":0,\"current\":1,\"total_pages\":1,"
                + "\"start_index\":0,\"end_index\":0},\"results\":[]}";
        assertJsonBody(200, empty, listSources("name", "absent"));
        assertJsonBody(200, empty, listSources("name", "absent", "page", 1));
        assertJsonBody(200, empty, listSources("name", "absent", "page", "last"));
        assertJsonBody(404, INVALID_PAGE, listSources("name", "absent", "page", 2));
    }

    @Test
    void pageLastIsTheLastPage() {
        JsonNode last = listSourcesOk("page", "last");
        assertPagination(last, 0, 5, TOTAL, 6, 6, 101, 105);
        assertEquals(listSourcesOk("page", 6), last);

        JsonNode lastOfFifty = listSourcesOk("page", "last", "page_size", 50);
        assertPagination(lastOfFifty, 0, 2, TOTAL, 3, 3, 101, 105);
        assertEquals(rows(101, 105), names(lastOfFifty));

        JsonNode lastFiltered = listSourcesOk("page", "last", "enabled", "false");
        assertPagination(lastFiltered, 0, 2, DISABLED, 3, 3, 41, 45);
    }

    @ParameterizedTest(name = "page={0}")
    @ValueSource(strings = { "7", "1000", "0", "-1", "abc", "1.5" })
    void invalidPageAnswers404(String page) {
        assertJsonBody(404, INVALID_PAGE, listSources("page", page));
    }

    @Test
    void pagePastTheEndOfAFilteredListAnswers404() {
        assertJsonBody(404, INVALID_PAGE, listSources("enabled", "false", "page", 4));
    }

    @ParameterizedTest(name = "page_size={0}")
    @ValueSource(strings = { "0", "-1", "abc", "" })
    void unusablePageSizeMeansTwenty(String pageSize) {
        JsonNode body = listSourcesOk("page_size", pageSize);
        assertPagination(body, 2, 0, TOTAL, 1, 6, 1, 20);
        assertEquals(rows(1, 20), names(body));
        JsonNode second = listSourcesOk("page_size", pageSize, "page", 2);
        assertPagination(second, 3, 1, TOTAL, 2, 6, 21, 40);
    }

    @ParameterizedTest(name = "page_size={0}")
    @ValueSource(strings = { "100", "101", "1000" })
    void pageSizeIsCappedAtOneHundred(String pageSize) {
        JsonNode first = listSourcesOk("page_size", pageSize);
        assertPagination(first, 2, 0, TOTAL, 1, 2, 1, 100);
        assertEquals(rows(1, 100), names(first));

        JsonNode second = listSourcesOk("page_size", pageSize, "page", 2);
        assertPagination(second, 0, 1, TOTAL, 2, 2, 101, 105);
        assertEquals(rows(101, 105), names(second));

        assertJsonBody(404, INVALID_PAGE, listSources("page_size", pageSize, "page", 3));
    }

    @Test
    void pageSizeOne() {
        JsonNode body = listSourcesOk("page_size", 1, "page", 57);
        assertPagination(body, 58, 56, TOTAL, 57, TOTAL, 57, 57);
        assertEquals(List.of(row(57)), names(body));
    }

    @Test
    void envelopeHasExactlyPaginationAndResults() {
        JsonNode body = parse(listSources().asString());
        assertEquals(List.of("pagination", "results"), sortedKeys(body));
        assertEquals(List.of("count", "current", "end_index", "next", "previous", "start_index", "total_pages"),
                sortedKeys(body.get("pagination")));
        body.get("pagination").forEach(value -> assertTrue(value.isIntegralNumber(), body::toString));
    }

    // --- helpers ----------------------------------------------------------------------------

    private static void assertPagination(JsonNode body, int next, int previous, int count, int current,
            int totalPages, int startIndex, int endIndex) {
        JsonNode expected = parse(("{\"next\":%d,\"previous\":%d,\"count\":%d,\"current\":%d,\"total_pages\":%d,"
                + "\"start_index\":%d,\"end_index\":%d}").formatted(next, previous, count, current, totalPages,
                        startIndex, endIndex));
        assertEquals(expected, body.get("pagination"), body.get("pagination")::toString);
        assertEquals(endIndex - startIndex + 1, body.get("results").size());
    }

    private static String row(int i) {
        return "row-%03d".formatted(i);
    }

    private static List<String> rows(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(PlexSourcePaginationTest::row).toList();
    }

    private static List<String> sortedKeys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        return keys;
    }
}
