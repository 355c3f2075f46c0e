package dev.plexsrc.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Every test run talks to a {@link FakePlexTv} on loopback, never to plex.tv, with a plex.tv timeout
 * of two seconds; tests get the fake in their {@code FakePlexTv} fields.
 */
@QuarkusTestResource(PlexTvOnLoopback.class)
public class PlexTvOnLoopback implements QuarkusTestResourceLifecycleManager {

    public static final String TIMEOUT = "2s";

    private FakePlexTv plexTv;

    @Override
    public Map<String, String> start() {
        plexTv = new FakePlexTv();
        plexTv.start();
        return Map.of("plexsrc.plex.base-url", plexTv.baseUrl(), "plexsrc.plex.timeout", TIMEOUT);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(plexTv, new TestInjector.MatchesType(FakePlexTv.class));
    }

    @Override
    public void stop() {
        plexTv.close();
    }
}
