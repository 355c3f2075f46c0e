package dev.plexsrc.connection.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A page of connections costs one round trip, however many sources it spans: one statement when
 * filtered, a count and the page sent together when not.
 */
@QuarkusTest
class UserConnectionQueryCountTest {

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    @Test
    void aPageOfOneHundredConnectionsTakesOneStatement() {
        for (int s = 0; s < 10; s++) {
            given().auth().oauth2(Tokens.admin()).contentType("application/json")
                    .body("{\"name\":\"n" + s + "\",\"slug\":\"s" + s + "\",\"plex_token\":\"t\"}")
                    .post("/api/v3/sources/plex/").then().statusCode(201);
            for (int u = 0; u < 10; u++) {
                given().auth().oauth2(Tokens.admin()).contentType("application/json")
                        .body("{\"identifier\":\"i\",\"plex_token\":\"t\",\"source\":\"s" + s + "\",\"user\":" + u + "}")
                        .post("/api/v3/sources/user_connections/plex/").then().statusCode(201);
            }
        }
        Statistics statistics = sessionFactory.getStatistics();
        long queriesBefore = statistics.getQueryExecutionCount();
        long fetchesBefore = statistics.getEntityFetchCount();
        double readsBefore = reads();

        // A search that every connection matches: filtered, so the page carries its count.
        given().auth().oauth2(Tokens.admin()).get("/api/v3/sources/user_connections/plex/?page_size=100&search=i")
                .then().statusCode(200)
                .body("pagination.count", equalTo(100))
                .body("results", hasSize(100))
                .body("results[99].source.slug", equalTo("s9"));

        // The page with its count and each row's source joined in, in one statement; no ORM query at all.
        assertEquals(1, reads() - readsBefore);
        assertEquals(0, statistics.getQueryExecutionCount() - queriesBefore);
        assertEquals(0, statistics.getEntityFetchCount() - fetchesBefore);

        // Unfiltered: the count and the page as two statements on one connection.
        double unfilteredBefore = reads();
        given().auth().oauth2(Tokens.admin()).get("/api/v3/sources/user_connections/plex/?page_size=100&page=1")
                .then().statusCode(200)
                .body("pagination.count", equalTo(100))
                .body("pagination.total_pages", equalTo(1))
                .body("results", hasSize(100))
                .body("results[0].source.slug", equalTo("s0"))
                .body("results[99].source.slug", equalTo("s9"));
        assertEquals(2, reads() - unfilteredBefore);
    }

    @Test
    void anEmptyPageAndAPagePastTheEndTakeOneStatementEach() {
        double readsBefore = reads();
        given().auth().oauth2(Tokens.admin()).get("/api/v3/sources/user_connections/plex/?user=5")
                .then().statusCode(200).body("pagination.count", equalTo(0));
        given().auth().oauth2(Tokens.admin()).get("/api/v3/sources/user_connections/plex/?user=5&page=2")
                .then().statusCode(404).body("detail", equalTo("Invalid page."));
        assertEquals(2, reads() - readsBefore);
    }

    @Test
    void anUnfilteredPagePastTheEndIsInvalid() {
        given().auth().oauth2(Tokens.admin()).get("/api/v3/sources/user_connections/plex/?page=2")
                .then().statusCode(404).body("detail", equalTo("Invalid page."));
        given().auth().oauth2(Tokens.admin()).get("/api/v3/sources/user_connections/plex/")
                .then().statusCode(200).body("pagination.count", equalTo(0)).body("results", hasSize(0));
    }

    private double reads() {
        return registry.get("plexsrc.db.statements").counter().count();
    }
}
