package dev.plexsrc.connection.group;

import static dev.plexsrc.connection.Connections.FORBIDDEN;
import static dev.plexsrc.connection.Connections.GROUPS;
import static dev.plexsrc.connection.Connections.VIEW_GROUP;
import static dev.plexsrc.connection.Connections.VIEW_USER;
import static dev.plexsrc.connection.Connections.body;
import static dev.plexsrc.connection.Connections.createGroup;
import static dev.plexsrc.connection.Connections.fetch;
import static dev.plexsrc.connection.Connections.group;
import static dev.plexsrc.connection.Connections.ok;
import static dev.plexsrc.connection.Connections.pk;
import static dev.plexsrc.connection.Connections.pks;
import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.json;
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
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The group connection list's filters, search, ordering and pagination. */
@QuarkusTest
class GroupConnectionListTest {

    private static final String G1 = "aaaaaaaa-1111-4111-8111-111111111111";
    private static final String G2 = "bbbbbbbb-2222-4222-8222-222222222222";
    private static final String G3 = "cccccccc-3333-4333-8333-333333333333";
    private static final String UNUSED = "dddddddd-4444-4444-8444-444444444444";

    private String betaPk;
    /** G1, alpha, "Plex-Admins" */
    private int c1;
    /** G2, beta, "plex-staff" */
    private int c2;
    /** G1, gamma, "Owners" */
    private int c3;
    /** G3, beta, "zeta" */
    private int c4;

    @BeforeEach
    void fixture() {
        Connections.truncate();
        createSource("alpha");
        betaPk = createSource("beta").get("pk").asText();
        createSource("gamma");
        c1 = pk(createGroup("alpha", G1, "Plex-Admins"));
        c2 = pk(createGroup("beta", G2, "plex-staff"));
        c3 = pk(createGroup("gamma", G1, "Owners"));
        c4 = pk(createGroup("beta", G3, "zeta"));
    }

    private static Response list(Object... query) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            params.put((String) query[i], query[i + 1]);
        }
        return asAdmin().queryParams(params).get(GROUPS);
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
            assertEquals(fetch(group(row.get("pk").asInt())), row);
        }
    }

    @Test
    void listNeedsTheViewPermission() {
        as(Tokens.user(7)).get(GROUPS).then().log().ifValidationFails().statusCode(403).body(sameJson(FORBIDDEN));
        as(Tokens.user(7, VIEW_USER)).get(GROUPS).then().log().ifValidationFails().statusCode(403).body(sameJson(FORBIDDEN));
        JsonNode page = ok(as(Tokens.user(7, VIEW_GROUP)).get(GROUPS));
        assertEquals(List.of(c1, c2, c4, c3), pks(page));
    }

    @Test
    void filterByGroup() {
        assertSelects(List.of(c1, c3), "group", G1);
        assertSelects(List.of(c4), "group", G3);
        assertSelects(List.of(), "group", UNUSED);
    }

    @Test
    void filterBySourceSlugAndPk() {
        assertSelects(List.of(c2, c4), "source__slug", "beta");
        assertSelects(List.of(), "source__slug", "bet");
        assertSelects(List.of(c2, c4), "source", betaPk);
        assertSelects(List.of(), "source", UNUSED);
    }

    @Test
    void filtersCombineWithAnd() {
        assertSelects(List.of(c3), "group", G1, "source__slug", "gamma");
        assertSelects(List.of(), "group", G2, "source__slug", "alpha");
        assertSelects(List.of(c2), "group", G2, "source", betaPk);
        assertSelects(List.of(c4), "search", "zeta", "source__slug", "beta");
    }

    @Test
    void malformedFiltersAnswer400() {
        list("group", "nope").then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'group':['Enter a valid UUID.']}")));
        list("source", "nope").then().log().ifValidationFails().statusCode(400)
                .body(sameJson(json("{'source':['Enter a valid UUID.']}")));
    }

    @Test
    void searchMatchesIdentifierSlugAndGroup() {
        assertSelects(List.of(c1, c2), "search", "PLEX-");
        assertSelects(List.of(c3), "search", "owners");
        assertSelects(List.of(c2, c4), "search", "BET");
        assertSelects(List.of(c1, c3), "search", "aaaaaaaa-1111");
        assertSelects(List.of(c4), "search", "CCCCCCCC");
    }

    @Test
    void everySearchTermMustMatch() {
        assertSelects(List.of(c2), "search", "plex beta");
        assertSelects(List.of(c1), "search", "plex,alpha");
        assertSelects(List.of(c3), "search", "aaaaaaaa gamma");
        assertSelects(List.of(), "search", "plex gamma");
        assertSelects(List.of(), "search", "%");
    }

    @Test
    void ordering() {
        assertSelects(List.of(c1, c2, c3, c4), "ordering", "pk");
        assertSelects(List.of(c4, c3, c2, c1), "ordering", "-pk");
        assertSelects(List.of(c1, c3, c2, c4), "ordering", "group");
        assertSelects(List.of(c4, c2, c1, c3), "ordering", "-group,pk");
        assertSelects(List.of(c1, c2, c4, c3), "ordering", "source");
        assertSelects(List.of(c3, c2, c4, c1), "ordering", "-source,pk");
        assertSelects(List.of(c3, c1, c2, c4), "ordering", "identifier");
        assertSelects(List.of(c4, c2, c1, c3), "ordering", "-identifier");
        assertSelects(List.of(c1, c2, c3, c4), "ordering", "created");
        assertSelects(List.of(c4, c3, c2, c1), "ordering", "-created");
        assertSelects(List.of(c1, c2, c4, c3), "ordering", "user");
        assertSelects(List.of(c4, c3, c2, c1), "ordering", "nope,-pk");
    }

    @Test
    void orderByLastUpdated() {
        asAdmin().body(body("identifier", "Plex-Admins-touched")).patch(group(c1)).then().statusCode(200);
        assertSelects(List.of(c2, c3, c4, c1), "ordering", "last_updated");
        assertSelects(List.of(c1, c4, c3, c2), "ordering", "-last_updated");
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
        list("page_size", 3, "page", 3).then().statusCode(404).body(sameJson(json("{'detail':'Invalid page.'}")));
        list("group", UNUSED).then().statusCode(200)
                .body(sameJson(json("{'pagination':{'next':0,'previous':0,'count':0,'current':1,'total_pages':1,"
                        + "'start_index':0,'end_index':0},'results':[]}")));
    }
}
