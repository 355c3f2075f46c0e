package dev.plexsrc.database;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.TestDatabase;
import dev.plexsrc.testing.Tokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged application started without migrations on a database whose schema is missing or a
 * migration behind this build: it says so in its log, readiness is DOWN and every API call answers
 * 503 with Retry-After (none 500), until the migration Job runs; then it serves, without a restart.
 */
class DatabaseSchemaIT {

    private static final List<SchemaVersion> MIGRATIONS = migrationVersions();
    /** The newest migration, the schema this build needs. */
    private static final String NEWEST = MIGRATIONS.get(MIGRATIONS.size() - 1).toString();
    private static final String PREVIOUS = MIGRATIONS.get(MIGRATIONS.size() - 2).toString();
    private static final String RUN_THE_JOB = ", but this build needs version " + NEWEST + ": not ready until the"
            + " migration Job has run (this image with QUARKUS_INIT_AND_EXIT=true and PLEXSRC_MIGRATE_AT_START=true)";
    private static final String NOT_MIGRATED = "{\"detail\":\"Database schema not migrated to this release yet, try again shortly.\"}";
    private static final Duration SERVING_WITHIN = Duration.ofSeconds(30);
    private static final String DATABASE_CHECK = "checks.find { it.name == 'database' }";

    @Test
    void aSchemaOneMigrationBehindIsNotReadyUntilTheMigrationJobRuns() {
        String name = "DatabaseSchemaIT-behind";
        try (PackagedApp app = PackagedApp.startLive(name, Map.of("PLEXSRC_MIGRATE_AT_START", "false"),
                database -> TestDatabase.migrate(database, PREVIOUS))) {
            assertNotServingUntilMigrated(app, name, "The database schema is at version " + PREVIOUS + RUN_THE_JOB, PREVIOUS);
        }
    }

    @Test
    void anEmptyDatabaseIsNotReadyUntilTheMigrationJobRuns() {
        String name = "DatabaseSchemaIT-empty";
        try (PackagedApp app = PackagedApp.startLive(name, Map.of("PLEXSRC_MIGRATE_AT_START", "false"), database -> { })) {
            assertNotServingUntilMigrated(app, name,
                    "The database has no schema (no migration in flyway_schema_history)" + RUN_THE_JOB, "none");
        }
    }

    private static void assertNotServingUntilMigrated(PackagedApp app, String name, String logLine, String foundVersion) {
        await("the schema's report at start-up").atMost(SERVING_WITHIN).until(() -> app.log().contains(logLine));
        given().port(app.port()).get("/q/health/ready").then().statusCode(503)
                .body(DATABASE_CHECK + ".status", equalTo("DOWN"))
                .body(DATABASE_CHECK + ".data.schema", equalTo(foundVersion))
                .body(DATABASE_CHECK + ".data.expected", equalTo(NEWEST));
        assertNotMigratedAnswer(api(app).get(Api.SOURCES));
        assertNotMigratedAnswer(api(app).body(Api.minimalSource("Early", "early", "token-early")).post(Api.SOURCES));
        assertNotMigratedAnswer(api(app).get(Api.source("early")));
        assertNotMigratedAnswer(api(app).get("/api/v3/sources/user_connections/plex/"));
        assertNotMigratedAnswer(api(app).get("/api/v3/sources/group_connections/plex/"));
        assertNotMigratedAnswer(api(app).get("/api/v3/changes/plex/"));
        assertEquals(503, app.status("/q/health/ready"), "readiness after the API calls");

        PackagedApp.Run job = PackagedApp.runToExit(name + "-job", Map.of(
                "QUARKUS_INIT_AND_EXIT", "true",
                "PLEXSRC_MIGRATE_AT_START", "true",
                "PLEXSRC_DB_NAME", app.database()));
        assertEquals(0, job.exitValue(), () -> "the migration Job failed:\n" + job.log());

        await("readiness after the migration Job").atMost(SERVING_WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> app.status("/q/health/ready") == 200);
        assertTrue(app.process().isAlive(), "the same process serves");
        assertTrue(app.log().contains("Database schema at version " + NEWEST + " (this build needs " + NEWEST + "): serving"),
                app.log());
        api(app).body(Api.minimalSource("Migrated", "migrated", "token-migrated")).post(Api.SOURCES)
                .then().statusCode(201).body("slug", equalTo("migrated"));
        api(app).get(Api.SOURCES).then().statusCode(200).body("pagination.count", equalTo(1));
    }

    private static void assertNotMigratedAnswer(Response response) {
        assertEquals(503, response.statusCode(), response::asString);
        assertEquals("5", response.header("Retry-After"));
        assertEquals(NOT_MIGRATED, response.asString());
    }

    private static RequestSpecification api(PackagedApp app) {
        return given().port(app.port()).auth().oauth2(Tokens.admin()).contentType("application/json");
    }

    /** The versions of this build's migrations, in order. */
    private static List<SchemaVersion> migrationVersions() {
        Pattern versioned = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return files.map(file -> versioned.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(name -> SchemaVersion.parse(name.group(1)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
