package dev.plexsrc.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

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
        Flyway.configure().dataSource(jdbcUrl(database), USER, PASSWORD).locations("classpath:db/migration")
                .target(target).load().migrate();
    }

    /** A JDBC connection to the run's database, for test set-up only. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
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

    static String resource(String path) {
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
