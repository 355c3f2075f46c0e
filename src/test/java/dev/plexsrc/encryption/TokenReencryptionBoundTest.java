package dev.plexsrc.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.TcpProxy;
import dev.plexsrc.testing.TestDatabase;

/**
 * A re-encryption batch that the database stops answering ends the run within its bound, with a
 * message naming the table, instead of holding the migration Job until its deadline.
 */
class TokenReencryptionBoundTest {

    private static final TokenCipher CIPHER = new TokenCipher(Optional.empty(), Optional.of(TestDatabase.TOKEN_ENCRYPTION_KEY));

    private String database;
    private TcpProxy proxy;
    private TestDatabase.ReactivePool pool;

    @BeforeEach
    void migratedDatabaseBehindAProxy() throws Exception {
        database = TestDatabase.create();
        TestDatabase.migrate(database);
        proxy = TestDatabase.proxy();
        pool = TestDatabase.reactivePool(proxy, database);
    }

    @AfterEach
    void cleanUp() throws Exception {
        proxy.close();
        pool.close();
        TestDatabase.drop(database);
    }

    @Test
    void aBatchTheDatabaseDoesNotAnswerFailsTheRunWithinItsBound() {
        // Without the silence the run succeeds on this database: it is the bound that ends it.
        assertEquals(2, new TokenReencryption(CIPHER, pool.pool(), 500, Duration.ofMillis(500)).run().size());
        proxy.blackHoleAfter(TcpProxy.simpleQuery("SET LOCAL plexsrc.change_log = 'off'"));
        TokenReencryption reencryption = new TokenReencryption(CIPHER, pool.pool(), 500, Duration.ofMillis(500));

        long start = System.nanoTime();
        IllegalStateException failure = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(IllegalStateException.class, reencryption::run));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals("re-encrypting the stored Plex tokens failed", failure.getMessage());
        assertEquals("the database did not answer a batch of plex_source within 500 ms", failure.getCause().getMessage());
        assertTrue(millis >= 500 && millis < 10_000, "failed after " + millis + " ms");
    }
}
