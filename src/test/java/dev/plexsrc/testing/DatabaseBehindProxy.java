package dev.plexsrc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the application's reactive pool and PostgreSQL (migrations keep
 * their direct connection) and injects it into the test's {@code TcpProxy} field.
 */
public class DatabaseBehindProxy implements QuarkusTestResourceLifecycleManager {

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            proxy = new TcpProxy(TestDatabase.HOST, Integer.parseInt(TestDatabase.PORT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.datasource.reactive.url",
                "postgresql://127.0.0.1:" + proxy.port() + "/${plexsrc.db.name}");
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
