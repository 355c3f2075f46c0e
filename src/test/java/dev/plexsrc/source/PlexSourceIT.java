package dev.plexsrc.source;

import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.source;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The packaged application (jar or native executable) serves the source life cycle. */
@QuarkusIntegrationTest
class PlexSourceIT {

    @Test
    void createListPatchDelete() {
        asAdmin().body(minimalSource("Packaged", "it-packaged", "it-secret"))
                .post(Api.SOURCES).then().statusCode(201)
                .body("slug", equalTo("it-packaged"))
                .body("plex_token", equalTo("it-secret"))
                .body("user_path_template", equalTo("goauthentik.io/sources/%(slug)s"));

        asAdmin().get(Api.SOURCES + "?search=it-packaged").then().statusCode(200)
                .body("pagination.count", equalTo(1))
                .body("results", hasSize(1))
                .body("results[0].name", equalTo("Packaged"));

        asAdmin().body(json("{'enabled': false, 'allowed_servers': ['srv-1']}"))
                .patch(source("it-packaged")).then().statusCode(200)
                .body("enabled", equalTo(false))
                .body("allowed_servers[0]", equalTo("srv-1"))
                .body("name", equalTo("Packaged"));

        asAdmin().body(json("{'name': ''}")).patch(source("it-packaged")).then().statusCode(400)
                .body("name[0]", equalTo("This field may not be blank."));

        asAdmin().delete(source("it-packaged")).then().statusCode(204);
        asAdmin().get(source("it-packaged")).then().statusCode(404).body("detail", equalTo("Not found."));
    }
}
