package dev.plexsrc.change;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.plexsrc.testing.DatabaseBehindProxy;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The settings of the change-stream tests that need small limits, one profile so that one
 * application serves them all: heartbeats every second, a small buffer and few streams, a short
 * request deadline, a token clock skew of a few seconds, and the database behind a proxy the test
 * can cut.
 */
public class ChangeStreamProfile implements QuarkusTestProfile {

    static final int MAX_STREAMS = 5;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
    static final int SKEW_SECONDS = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("plexsrc.changes.heartbeat", "1s", "plexsrc.changes.buffer", "50",
                "plexsrc.changes.max-streams", Integer.toString(MAX_STREAMS),
                "plexsrc.request-timeout", REQUEST_TIMEOUT.toSeconds() + "s",
                "plexsrc.db.connect-timeout", "1s",
                "mp.jwt.verify.clock.skew", Integer.toString(SKEW_SECONDS));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(DatabaseBehindProxy.class));
    }
}
