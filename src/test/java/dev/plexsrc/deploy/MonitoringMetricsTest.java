package dev.plexsrc.deploy;

import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Tables;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The alert rules and the dashboard in deploy/components/monitoring ask only for series the
 * application exports at /q/metrics (kube-state-metrics' own aside), so none of them stays empty.
 */
@QuarkusTest
class MonitoringMetricsTest {

    private static final Path MONITORING = Path.of("deploy/components/monitoring");
    /** A metric selector in PromQL: a name directly followed by its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    @Test
    void everySeriesTheMonitoringAsksForIsExported() throws IOException {
        Tables.truncate("plex_source");
        createSource("monitored");
        asAdmin().get(SOURCES).then().statusCode(200);
        // A redeem calls plex.tv (the tests' fake), so that its timer exists.
        asAdmin().body("{\"plex_token\":\"unknown-to-plex\"}").queryParam("slug", "monitored")
                .post(SOURCES + "redeem_token_authenticated/");
        String exported = given().get("/q/metrics").then().statusCode(200).extract().asString();

        Set<String> asked = new TreeSet<>();
        for (String file : new String[] { "prometheusrule.yaml", "dashboard.json" }) {
            Matcher selector = SELECTOR.matcher(Files.readString(MONITORING.resolve(file)));
            while (selector.find()) {
                asked.add(selector.group(1));
            }
        }
        asked.removeIf(name -> name.startsWith("kube_"));
        assertEquals(Set.of("http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
                "jvm_memory_used_bytes", "plexsrc_changes_events_sent_total", "plexsrc_changes_slow_closes_total",
                "plexsrc_changes_streams_open", "plexsrc_db_statements_total", "plexsrc_plextv_requests_seconds_bucket",
                "sql_pool_active", "sql_pool_idle", "sql_pool_queue_size"), asked);
        for (String name : asked) {
            assertTrue(exported.contains("\n" + name + "{") || exported.contains("\n" + name + " "),
                    name + " is not exported at /q/metrics");
        }
    }
}
