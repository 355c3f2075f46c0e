package dev.plexsrc.connection.user;

import static dev.plexsrc.connection.Connections.USERS;
import static dev.plexsrc.connection.Connections.body;
import static dev.plexsrc.connection.Connections.createUser;
import static dev.plexsrc.connection.Connections.fetch;
import static dev.plexsrc.connection.Connections.ok;
import static dev.plexsrc.connection.Connections.pk;
import static dev.plexsrc.connection.Connections.pks;
import static dev.plexsrc.connection.Connections.user;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.keys;
import static dev.plexsrc.testing.Api.parse;
import static dev.plexsrc.testing.Api.sameJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.connection.Connections;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The user connection list's filters, search, ordering and pagination. */
@QuarkusTest
class UserConnectionListTest {

    private static final String UNUSED_UUID = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";

    private String betaPk;
    /** user 5, alpha, "PlexUser-One" */
    private int c1;
    /** user 6, beta, "plexuser-two" */
    private int c2;
    /** user 5, gamma, "Another" */
    private int c3;
    /** user 56, beta, "zeta" */
    private int c4;

    @BeforeEach
    void fixture() {
        Connections.truncate();
        createSource("alpha");
        betaPk = createSource("beta").get("pk").asText();
        createSource("gamma");
        c1 = pk(createUser("alpha", 5, "PlexUser-One", "t1"));
        c2 = pk(createUser("beta", 6, "plexuser-two", "t2"));
        c3 = pk(createUser("gamma", 5, "Another", "t3"));
        c4 = pk(createUser("beta", 56, "zeta", "t4"));
    }

    private static Response list(Object... query) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            params.put((String) query[i], query[i + 1]);
        }
        return asAdmin().queryParams(params).get(USERS);
    }

    private static void assertSelects(List<Integer> expected, Object... query) {
        JsonNode page = ok(list(query));
        assertEquals(expected, pks(page), () -> List.of(query) + ": " + page);
        assertEquals(expected.size(), page.get("pagination").get("count").asInt(), page::toString);
    }

    @Test
    void defaultOrderIsSourceSlugThenPk() {
        assertSelects(List.of(c1, c2, c4, c3));
    }

    @Test
    void listRowsEqualTheRetrievedConnections() {
        JsonNode page = ok(list());
        assertEquals(4, page.get("results").size());
        for (JsonNode row : page.get("results")) {
            assertEquals(fetch(user(row.get("pk").asInt())), row);
        }
    }

    @Test
    void filterByUser() {
        assertSelects(List.of(c1, c3), "user", 5);
        assertSelects(List.of(c4), "user", 56);
        assertSelects(List.of(c2), "user", 6);
        assertSelects(List.of(), "user", 99);
    }

    @Test
    void filterBySourceSlug() {
        assertSelects(List.of(c2, c4), "source__slug", "beta");
        assertSelects(List.of(c1), "source__slug", "alpha");
        assertSelects(List.of(), "source__slug", "bet");
        assertSelects(List.of(), "source__slug", "BETA");
    }

    @Test
    void filterBySourcePk() {
        assertSelects(List.of(c2, c4), "source", betaPk);
        assertSelects(List.of(), "source", UNUSED_UUID);
    }

    @Test
    void filtersCombineWithAnd() {
        assertSelects(List.of(c3), "user", 5, "source__slug", "gamma");
        assertSelects(List.of(), "user", 6, "source__slug", "alpha");
        assertSelects(List.of(c4), "user", 56, "source", betaPk);
        assertSelects(List.of(c4), "search", "zeta", "source__slug", "beta");
    }

    @Test
    void malformedFiltersAnswer400() {
        list("user", "abc").then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'user':['Enter a whole number.']}")));
        list("source", "nope").then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'source':['Enter a valid UUID.']}")));
    }

    @Test
    void searchMatchesIdentifierCaseInsensitively() {
        assertSelects(List.of(c1, c2), "search", "plexuser");
        assertSelects(List.of(c1, c2), "search", "PLEXUSER");
        assertSelects(List.of(c3), "search", "aNoTh");
    }

    @Test
    void searchMatchesSourceSlug() {
        assertSelects(List.of(c2, c4), "search", "bet");
        assertSelects(List.of(c3), "search", "GAMMA");
    }

    @Test
    void searchMatchesUserIdAsText() {
        assertSelects(List.of(c4), "search", "56");
        assertSelects(List.of(c2), "search", "6 plexuser");
        assertSelects(List.of(c1, c4, c3), "search", "5");
    }

    @Test
    void everySearchTermMustMatch() {
        assertSelects(List.of(c2), "search", "plexuser beta");
        assertSelects(List.of(c1), "search", "plexuser,alpha");
        assertSelects(List.of(), "search", "plexuser gamma");
        assertSelects(List.of(), "search", "nothing");
    }

    @Test
    void searchWildcardsAreLiteral() {
        assertSelects(List.of(), "search", "%");
        assertSelects(List.of(), "search", "_");
        assertSelects(List.of(c1, c2), "search", "plexuser-");
    }

    @Test
    void orderByPk() {
        assertSelects(List.of(c1, c2, c3, c4), "ordering", "pk");
        assertSelects(List.of(c4, c3, c2, c1), "ordering", "-pk");
    }

    @Test
    void orderByUser() {
        assertSelects(List.of(c1, c3, c2, c4), "ordering", "user");
        assertSelects(List.of(c4, c2, c1, c3), "ordering", "-user,pk");
        assertSelects(List.of(c4, c2, c3, c1), "ordering", "-user,-pk");
    }

    @Test
    void orderBySourceMeansSourceSlug() {
        assertSelects(List.of(c1, c2, c4, c3), "ordering", "source");
        assertSelects(List.of(c3, c2, c4, c1), "ordering", "-source,pk");
        assertSelects(List.of(c3, c4, c2, c1), "ordering", "-source,-pk");
    }

    @Test
    void orderByIdentifier() {
        assertSelects(List.of(c3, c1, c2, c4), "ordering", "identifier");
        assertSelects(List.of(c4, c2, c1, c3), "ordering", "-identifier");
    }

    @Test
    void orderByCreatedAndLastUpdated() {
        assertSelects(List.of(c1, c2, c3, c4), "ordering", "created");
        assertSelects(List.of(c4, c3, c2, c1), "ordering", "-created");
        asAdmin().body(body("identifier", "PlexUser-One-touched")).patch(user(c1)).then().statusCode(200);
        assertSelects(List.of(c2, c3, c4, c1), "ordering", "last_updated");
        assertSelects(List.of(c1, c4, c3, c2), "ordering", "-last_updated");
        assertSelects(List.of(c1, c2, c3, c4), "ordering", "created");
    }

    @Test
    void unknownOrderingNamesAreIgnored() {
        assertSelects(List.of(c1, c2, c4, c3), "ordering", "nope");
        assertSelects(List.of(c1, c2, c4, c3), "ordering", "group");
        assertSelects(List.of(c1, c2, c4, c3), "ordering", "plex_token");
        assertSelects(List.of(c4, c3, c2, c1), "ordering", "nope,-pk");
    }

    @Test
    void paginationEnvelope() {
        JsonNode first = ok(list("page_size", 3));
        assertEquals(parse(json("{'next':2,'previous':0,'count':4,'current':1,'total_pages':2,"
                + "'start_index':1,'end_index':3}")), first.get("pagination"));
        assertEquals(List.of(c1, c2, c4), pks(first));

        JsonNode second = ok(list("page_size", 3, "page", 2));
        assertEquals(parse(json("{'next':0,'previous':1,'count':4,'current':2,'total_pages':2,"
                + "'start_index':4,'end_index':4}")), second.get("pagination"));
        assertEquals(List.of(c3), pks(second));

        assertEquals(second, ok(list("page_size", 3, "page", "last")));
        list("page_size", 3, "page", 3).then().statusCode(404).body(sameJson(json("{'detail':'Invalid page.'}")));
        list("page", 0).then().statusCode(404).body(sameJson(json("{'detail':'Invalid page.'}")));
        assertEquals(List.of("pagination", "results"), keys(first));
    }

    @Test
    void emptyListEnvelope() {
        list("user", 12345).then().log().ifValidationFails().statusCode(200)
                .body(sameJson(json("{'pagination':{'next':0,'previous':0,'count':0,'current':1,'total_pages':1,"
                        + "'start_index':0,'end_index':0},'results':[]}")));
    }

    /** 100 connections over 10 sources in one page: each row carries its own source. */
    @Test
    void hundredConnectionsOverTenSourcesInOnePage() {
        Connections.truncate();
        Map<String, String> slugByPk = new HashMap<>();
        Map<Integer, String> slugOfConnection = new HashMap<>();
        for (int s = 0; s < 10; s++) {
            String slug = "src-" + s;
            slugByPk.put(createSource(slug).get("pk").asText(), slug);
        }
        for (int i = 0; i < 100; i++) {
            String slug = "src-" + (i % 10);
            JsonNode created = createUser(slug, 1000 + i, "ident-" + i, "token-" + i);
            slugOfConnection.put(pk(created), slug);
        }

        JsonNode page = ok(list("page_size", 100));
        assertEquals(100, page.get("pagination").get("count").asInt(), () -> page.get("pagination").toString());
        assertEquals(100, page.get("results").size());
        for (JsonNode row : page.get("results")) {
            String expectedSlug = slugOfConnection.get(row.get("pk").asInt());
            assertEquals(expectedSlug, row.get("source").get("slug").asText(), row::toString);
            assertEquals(expectedSlug, slugByPk.get(row.get("source").get("pk").asText()), row::toString);
            int index = row.get("user").asInt() - 1000;
            assertEquals("ident-" + index, row.get("identifier").asText(), row::toString);
            assertEquals("src-" + (index % 10), expectedSlug, row::toString);
        }
        assertEquals(100, pks(page).stream().distinct().count());
    }
}
