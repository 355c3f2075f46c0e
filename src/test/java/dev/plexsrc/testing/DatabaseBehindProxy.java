package dev.plexsrc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the application and PostgreSQL, as its database's host and port
 * (the migrations at start-up go through it too, before any test cuts it), and injects it into the
 * test's {@code TcpProxy} field. The tests' own connections ({@link TestDatabase#connect}) are direct.
 */
public class DatabaseBehindProxy implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            proxy = TestDatabase.proxy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("plexsrc.db.host", "127.0.0.1", "plexsrc.db.port", Integer.toString(proxy.port()));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.MatchesType(TcpProxy.class));
    }

    @Override
    public void stop() {
        try {
            proxy.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
