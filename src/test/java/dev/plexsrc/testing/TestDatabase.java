package dev.plexsrc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.plexsrc.database.MigrationScript;
import dev.plexsrc.database.SchemaMigrator;
import dev.plexsrc.database.SchemaVersion;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Gives each test run a database of its own on the machine's PostgreSQL, created before the
 * application starts and dropped after it stops, plus the test key and issuer for tokens, and no
 * shutdown delay: no load balancer has to notice the end of a test run.
 */
@QuarkusTestResource(TestDatabase.class)
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    /** The one token encryption key of the tests (key id {@code default}), as application.properties has it. */
    public static final String TOKEN_ENCRYPTION_KEY = "dGVzdC1vbmx5LXBsZXhzcmMtdG9rZW4ta2V5LTMyYnk=";

    static final String HOST = env("PLEXSRC_DB_HOST", "127.0.0.1");
    static final String PORT = env("PLEXSRC_DB_PORT", "5432");
    static final String USER = env("QUARKUS_DATASOURCE_USERNAME", "postgres");
    static final String PASSWORD = env("QUARKUS_DATASOURCE_PASSWORD", "");

    private String name;

    @Override
    public Map<String, String> start() {
        name = create();
        return Map.of(
                "plexsrc.db.name", name,
                "mp.jwt.verify.publickey", resource("jwt/publicKey.pem"),
                "mp.jwt.verify.issuer", Tokens.ISSUER,
                "plexsrc.token-encryption-key", TOKEN_ENCRYPTION_KEY,
                "plexsrc.shutdown.delay", "0s");
    }

    @Override
    public void stop() {
        if (name != null) {
            drop(name);
        }
    }

    /** Creates an empty database {@code plexsrc_test_*} and returns its name. */
    public static String create() {
        String database = "plexsrc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + database);
        return database;
    }

    public static void drop(String database) {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    /**
     * Migrates {@code database} with this build's migrations up to version {@code target} only, as
     * the migration Job of an older release left it.
     */
    public static void migrate(String database, String target) {
        SchemaVersion upTo = SchemaVersion.parse(target);
        migrate(database, MigrationScript.ofThisBuild().stream().filter(script -> script.version().compareTo(upTo) <= 0).toList());
    }

    /** Migrates {@code database} with all of this build's migrations, as the migration Job does. */
    public static void migrate(String database) {
        migrate(database, MigrationScript.ofThisBuild());
    }

    private static void migrate(String database, List<MigrationScript> scripts) {
        try (ReactivePool pool = reactivePool(database)) {
            new SchemaMigrator(pool.pool()).migrate(scripts);
        }
    }

    /** A reactive pool of its own (and its own Vert.x) on {@code database}, as the application's, for code run outside it. */
    public static ReactivePool reactivePool(String database) {
        return reactivePool(HOST, Integer.parseInt(PORT), database);
    }

    /** The same, connecting through {@code proxy} (a {@link #proxy()}), which a test can then cut or silence. */
    public static ReactivePool reactivePool(TcpProxy proxy, String database) {
        return reactivePool("127.0.0.1", proxy.port(), database);
    }

    /** A {@link TcpProxy} in front of the test PostgreSQL. */
    public static TcpProxy proxy() throws IOException {
        return new TcpProxy(HOST, Integer.parseInt(PORT));
    }

    private static ReactivePool reactivePool(String host, int port, String database) {
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions().setHost(host).setPort(port)
                .setDatabase(database).setUser(USER).setPassword(PASSWORD);
        return new ReactivePool(vertx, Pool.newInstance(PgBuilder.pool().connectingTo(options).using(vertx).build()));
    }

    /** A pool and the Vert.x it runs on, closed together. */
    public record ReactivePool(Vertx vertx, Pool pool) implements AutoCloseable {

        @Override
        public void close() {
            pool.closeAndAwait();
            await(vertx.close());
        }

        private static void await(Future<Void> closed) {
            closed.toCompletionStage().toCompletableFuture().join();
        }
    }

    /**
     * A JDBC connection to the run's database, for test set-up only. The driver is asked directly:
     * DriverManager hands a test only drivers of its own class loader, and each restart of the
     * application under test (another profile) loads the test classes anew.
     */
    public static Connection connect(String database) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", PASSWORD);
        return new org.postgresql.Driver().connect(jdbcUrl(database), credentials);
    }

    /** The database user of the tests and the application they start. */
    public static String user() {
        return USER;
    }

    /** Where the tests' PostgreSQL listens: {@code host:port}. */
    public static String address() {
        return HOST + ":" + PORT;
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + address() + "/" + database;
    }

    private static void execute(String sql) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database set-up failed: " + sql, e);
        }
    }

    /** A test resource's text. */
    public static String resource(String path) {
        try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
