package dev.plexsrc.connection;

import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.usedBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application serves both kinds of connection, nested source and cascade included. */
@QuarkusIntegrationTest
class ConnectionIT {

    private static final String USERS = "/api/v3/sources/user_connections/plex/";
    private static final String GROUPS = "/api/v3/sources/group_connections/plex/";

    @Test
    void connectionsFollowTheirSource() {
        asAdmin().body(minimalSource("Linked", "it-linked", "owner-token")).post(Api.SOURCES)
                .then().statusCode(201);

        int user = asAdmin().body(json("{'identifier': 'plex-42', 'plex_token': 'user-token', 'source': 'it-linked', 'user': 42}"))
                .post(USERS).then().statusCode(201)
                .body("user", equalTo(42))
                .body("source.slug", equalTo("it-linked"))
                .body("$", not(hasKey("plex_token")))
                .extract().path("pk");
        asAdmin().body(json("{'group': '3fa85f64-5717-4562-b3fc-2c963f66afa6', 'source': 'it-linked', 'identifier': 'friends'}"))
                .post(GROUPS).then().statusCode(201)
                .body("group", equalTo("3fa85f64-5717-4562-b3fc-2c963f66afa6"));

        asAdmin().get(USERS + "?source__slug=it-linked").then().statusCode(200)
                .body("results", hasSize(1))
                .body("results[0].source.name", equalTo("Linked"));
        asAdmin().get(usedBy("it-linked")).then().statusCode(200)
                .body("model_name", equalTo(java.util.List.of("userplexsourceconnection", "groupplexsourceconnection")));

        asAdmin().delete(Api.source("it-linked")).then().statusCode(204);
        asAdmin().get(USERS + user + "/").then().statusCode(404);
        asAdmin().get(GROUPS + "?source__slug=it-linked").then().statusCode(200).body("pagination.count", equalTo(0));
    }
}
