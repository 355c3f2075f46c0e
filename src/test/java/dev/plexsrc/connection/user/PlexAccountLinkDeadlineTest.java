package dev.plexsrc.connection.user;

import static dev.plexsrc.connection.user.PlexAccountLinkResourceTest.CALLER;
import static dev.plexsrc.connection.user.PlexAccountLinkResourceTest.OWNER;
import static dev.plexsrc.connection.user.PlexAccountLinkResourceTest.UNAVAILABLE;
import static dev.plexsrc.connection.user.PlexAccountLinkResourceTest.redeem;
import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.sameJson;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.testing.DatabaseBehindProxy;
import dev.plexsrc.testing.FakePlexTv;
import dev.plexsrc.testing.FakePlexTv.Answer;
import dev.plexsrc.testing.PlexTvOnLoopback;
import dev.plexsrc.testing.TcpProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The two timeouts of a redeem do not contradict each other: with a database deadline (1 s) shorter
 * than plex.tv's timeout (2 s), a slow plex.tv still answers 502 after plex.tv's timeout, not 503
 * after the database's; and the database failing still answers 503, within both together.
 */
@QuarkusTest
@TestProfile(PlexAccountLinkDeadlineTest.ShortDatabaseDeadline.class)
class PlexAccountLinkDeadlineTest {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    static final Duration PLEX_TIMEOUT = Duration.parse("PT" + PlexTvOnLoopback.TIMEOUT.toUpperCase());
    /** Room for a busy 2-core machine. */
    static final Duration SLACK = Duration.ofMillis(1500);
    static final String DATABASE_UNAVAILABLE = "{\"detail\":\"Database unavailable, try again shortly.\"}";

    public static class ShortDatabaseDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("plexsrc.request-timeout", REQUEST_TIMEOUT.toSeconds() + "s", "plexsrc.db.connect-timeout", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseBehindProxy.class));
        }
    }

    FakePlexTv plexTv;

    TcpProxy proxy;

    @BeforeEach
    void oneSource() {
        proxy.restore();
        Connections.truncate();
        plexTv.reset();
        asAdmin().body(minimalSource("Plex", "plex", OWNER)).post(SOURCES).then().statusCode(201);
    }

    @AfterEach
    void heal() {
        proxy.restore();
    }

    @Test
    void plexTvSlowerThanTheDatabaseDeadlineAnswers502AfterPlexTvsTimeout() {
        plexTv.answer(FakePlexTv.USER, CALLER, Answer.json("{\"id\":2000}").after(PLEX_TIMEOUT.multipliedBy(3)));

        Duration took = timed(() -> redeem("plex", CALLER).then().statusCode(502).body(sameJson(UNAVAILABLE)));

        assertTrue(took.compareTo(PLEX_TIMEOUT) >= 0, "answered before plex.tv's timeout: " + took);
        assertTrue(took.compareTo(PLEX_TIMEOUT.plus(SLACK)) < 0, "answered after " + took);
    }

    @Test
    void aPartitionedDatabaseStillAnswers503WithinBothTimeouts() {
        plexTv.account(CALLER, 2000).friends(OWNER, 2000);
        proxy.blackHole();

        Duration took = timed(() -> redeem("plex", CALLER).then().statusCode(503).header("Retry-After", "5")
                .body(sameJson(DATABASE_UNAVAILABLE)));

        assertTrue(took.compareTo(REQUEST_TIMEOUT.plus(PLEX_TIMEOUT).plus(SLACK)) < 0, "answered after " + took);
    }

    @Test
    void aCutDatabaseAnswers503() {
        plexTv.account(CALLER, 2000).friends(OWNER, 2000);
        proxy.cut();

        Duration took = timed(() -> redeem("plex", CALLER).then().statusCode(503).body(sameJson(DATABASE_UNAVAILABLE)));

        assertTrue(took.compareTo(REQUEST_TIMEOUT.plus(PLEX_TIMEOUT).plus(SLACK)) < 0, "answered after " + took);
    }

    private static Duration timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
