package dev.plexsrc.encryption;

import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.source;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.TestDatabase;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Re-encryption to the current key over the real database: every row ends under it with the same
 * token, a second run changes nothing, rows no key decrypts stay as they are, and runs at once
 * (with API writes going on) share the rows so that each is re-encrypted exactly once.
 */
@QuarkusTest
@TestProfile(KeyRotationProfile.class)
class TokenReencryptionTest {

    private static final TokenCipher K1_ONLY = new TokenCipher(Optional.of("k1:" + KeyRotationProfile.OLD_KEY), Optional.empty());
    private static final TokenCipher DEFAULT_ONLY = new TokenCipher(Optional.empty(), Optional.of(TestDatabase.TOKEN_ENCRYPTION_KEY));

    @Inject
    TokenCipher cipher;

    @Inject
    TokenReencryption reencryption;

    @TestHTTPResource("/api/v3/sources/plex/")
    URI sources;

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    @Test
    void movesEveryRowToTheCurrentKeyWithTheSameToken() throws Exception {
        Seeded seeded = seed(40, 3);
        Map<String, String> alreadyCurrent = new TreeMap<>(StoredTokens.all(TokenTable.PLEX_SOURCE));
        alreadyCurrent.values().removeIf(stored -> !stored.startsWith("v2:k2:"));

        List<TokenReencryption.Result> results = reencryption.run();

        assertEquals(Map.of(TokenTable.PLEX_SOURCE, seeded.notCurrent(TokenTable.PLEX_SOURCE),
                TokenTable.USER_CONNECTION, seeded.notCurrent(TokenTable.USER_CONNECTION)), reencrypted(results));
        results.forEach(result -> assertEquals(Set.of(), result.undecryptableIds()));
        assertAllCurrentAndUnchanged(seeded);
        alreadyCurrent.forEach((id, stored) -> assertEquals(stored, StoredTokens.get(TokenTable.PLEX_SOURCE, id),
                "a row already under the current key is left alone"));
        for (int s = 0; s < 4; s++) {
            asAdmin().get(source("s-" + s)).then().statusCode(200).body("plex_token", equalTo("source-token-" + s));
        }
    }

    @Test
    void reencryptingRecordsNoChange() throws Exception {
        Seeded seeded = seed(10, 2);
        Tables.truncate("change_log");

        List<TokenReencryption.Result> results = reencryption.run();

        assertEquals(Map.of(TokenTable.PLEX_SOURCE, seeded.notCurrent(TokenTable.PLEX_SOURCE),
                TokenTable.USER_CONNECTION, seeded.notCurrent(TokenTable.USER_CONNECTION)), reencrypted(results));
        assertEquals("0", Tables.queryString("SELECT count(*)::text FROM change_log"),
                "the same token under another key is no change a watcher could see");
    }

    @Test
    void aSecondRunChangesNothing() throws Exception {
        seed(10, 2);
        reencryption.run();
        Map<String, String> sources = StoredTokens.all(TokenTable.PLEX_SOURCE);
        Map<String, String> connections = StoredTokens.all(TokenTable.USER_CONNECTION);

        List<TokenReencryption.Result> again = reencryption.run();

        assertEquals(Map.of(TokenTable.PLEX_SOURCE, 0, TokenTable.USER_CONNECTION, 0), reencrypted(again));
        assertEquals(sources, StoredTokens.all(TokenTable.PLEX_SOURCE));
        assertEquals(connections, StoredTokens.all(TokenTable.USER_CONNECTION));
    }

    @Test
    void rowsNoKeyDecryptsAreReportedAndLeftAsTheyAre() throws Exception {
        seed(5, 2);
        // A value under an older key copied to another source (v1 values were bound to no row, and rows
        // under the current key are not visited), and a connection's value under a key id not configured.
        List<String> sourceIds = new ArrayList<>(StoredTokens.all(TokenTable.PLEX_SOURCE).keySet());
        String copied = StoredTokens.all(TokenTable.PLEX_SOURCE).values().stream()
                .filter(stored -> stored.startsWith("v2:k1:") || stored.startsWith("v2:default:")).findFirst().orElseThrow();
        sourceIds.removeIf(id -> StoredTokens.get(TokenTable.PLEX_SOURCE, id).equals(copied));
        StoredTokens.set(TokenTable.PLEX_SOURCE, UUID.fromString(sourceIds.get(0)), copied);
        List<String> connectionIds = new ArrayList<>(StoredTokens.all(TokenTable.USER_CONNECTION).keySet());
        String unknownKey = "v2:k9:" + cipher.encrypt("t", new TokenRow(TokenTable.USER_CONNECTION, connectionIds.get(0)))
                .substring(6);
        StoredTokens.set(TokenTable.USER_CONNECTION, Integer.valueOf(connectionIds.get(0)), unknownKey);

        List<TokenReencryption.Result> results = reencryption.run();

        Map<TokenTable, Set<String>> undecryptable = new HashMap<>();
        results.forEach(result -> undecryptable.put(result.table(), result.undecryptableIds()));
        assertEquals(Map.of(TokenTable.PLEX_SOURCE, Set.of(sourceIds.get(0)),
                TokenTable.USER_CONNECTION, Set.of(connectionIds.get(0))), undecryptable);
        assertEquals(copied, StoredTokens.get(TokenTable.PLEX_SOURCE, sourceIds.get(0)));
        assertEquals(unknownKey, StoredTokens.get(TokenTable.USER_CONNECTION, connectionIds.get(0)));
        long current = StoredTokens.all(TokenTable.PLEX_SOURCE).values().stream().filter(v -> v.startsWith("v2:k2:")).count()
                + StoredTokens.all(TokenTable.USER_CONNECTION).values().stream().filter(v -> v.startsWith("v2:k2:")).count();
        assertEquals(5 + 10 - 2, current, "every other row is under the current key");
    }

    /** Two runs at once, while PATCHes and creates go through the API, re-encrypt every row exactly once between them. */
    @Test
    void runsAtOnceReencryptEveryRowExactlyOnce() throws Exception {
        Seeded seeded = seed(600, 1);
        int expected = seeded.notCurrent(TokenTable.PLEX_SOURCE) + seeded.notCurrent(TokenTable.USER_CONNECTION);
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<List<TokenReencryption.Result>> first = pool.submit(() -> {
                go.await();
                return reencryption.run();
            });
            Future<List<TokenReencryption.Result>> second = pool.submit(() -> {
                go.await();
                return reencryption.run();
            });
            Future<List<Integer>> writes = pool.submit(() -> {
                go.await();
                return writeWhile(running);
            });
            go.countDown();
            List<TokenReencryption.Result> firstResults = first.get(2, TimeUnit.MINUTES);
            List<TokenReencryption.Result> secondResults = second.get(2, TimeUnit.MINUTES);
            running.set(false);
            List<Integer> statuses = writes.get(2, TimeUnit.MINUTES);

            int total = firstResults.stream().mapToInt(TokenReencryption.Result::reencrypted).sum()
                    + secondResults.stream().mapToInt(TokenReencryption.Result::reencrypted).sum();
            assertEquals(expected, total, "rows re-encrypted by the two runs together: " + reencrypted(firstResults)
                    + " and " + reencrypted(secondResults));
            assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 201), "API answers " + statuses);
        } finally {
            pool.shutdownNow();
        }
        assertAllCurrentAndUnchanged(seeded);
    }

    /** PATCHes a source's name, then creates a connection, over and over until {@code running} ends; the statuses. */
    private List<Integer> writeWhile(AtomicBoolean running) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; running.get(); i++) {
            statuses.add(send(client, sources.resolve("s-" + (i * 7 % 600) + "/"), "PATCH",
                    "{\"name\":\"Renamed " + i + "\"}"));
            statuses.add(send(client, sources.resolve("../user_connections/plex/"), "POST",
                    "{\"source\":\"s-" + (i % 600) + "\",\"user\":" + (100_000 + i) + ",\"identifier\":\"new\",\"plex_token\":\"new\"}"));
        }
        return statuses;
    }

    private static int send(HttpClient client, URI uri, String method, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Tokens.admin()).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    /**
     * Seeds {@code sourceCount} sources ({@code s-0}, ...) with {@code connectionsPerSource} user
     * connections each, their tokens in turn v1, under key default, under k1 and under k2 (current).
     */
    private Seeded seed(int sourceCount, int connectionsPerSource) throws Exception {
        Map<TokenTable, Map<String, String>> tokens = Map.of(TokenTable.PLEX_SOURCE, new TreeMap<>(),
                TokenTable.USER_CONNECTION, new TreeMap<>());
        Map<TokenTable, Integer> notCurrent = new HashMap<>(Map.of(TokenTable.PLEX_SOURCE, 0, TokenTable.USER_CONNECTION, 0));
        try (Connection connection = Tables.connect()) {
            connection.setAutoCommit(false);
            int n = 0;
            for (int s = 0; s < sourceCount; s++) {
                String token = "source-token-" + s;
                UUID sourceId = StoredTokens.insertSource(connection, "s-" + s, stored(n, token));
                tokens.get(TokenTable.PLEX_SOURCE).put(sourceId.toString(), token);
                notCurrent.merge(TokenTable.PLEX_SOURCE, n++ % 4 == 3 ? 0 : 1, Integer::sum);
                for (int c = 0; c < connectionsPerSource; c++) {
                    String userToken = "user-token-" + s + "-" + c;
                    int id = StoredTokens.insertUserConnection(connection, sourceId, c, stored(n, userToken));
                    tokens.get(TokenTable.USER_CONNECTION).put(Integer.toString(id), userToken);
                    notCurrent.merge(TokenTable.USER_CONNECTION, n++ % 4 == 3 ? 0 : 1, Integer::sum);
                }
            }
            connection.commit();
        }
        return new Seeded(tokens, notCurrent);
    }

    /** The n-th seeded value: v1, under key default, under k1, under k2 (current), in turn. */
    private Function<TokenRow, String> stored(int n, String token) {
        return switch (n % 4) {
            case 0 -> row -> LegacyTokens.v1(TestDatabase.TOKEN_ENCRYPTION_KEY, token);
            case 1 -> row -> DEFAULT_ONLY.encrypt(token, row);
            case 2 -> row -> K1_ONLY.encrypt(token, row);
            default -> row -> cipher.encrypt(token, row);
        };
    }

    /** The plain tokens seeded per table and row id, and how many were not under the current key. */
    private record Seeded(Map<TokenTable, Map<String, String>> tokens, Map<TokenTable, Integer> notCurrent) {

        int notCurrent(TokenTable table) {
            return notCurrent.get(table);
        }
    }

    /** Every seeded row is under the current key and decrypts, on its own row, to the token it was seeded with. */
    private void assertAllCurrentAndUnchanged(Seeded seeded) {
        for (TokenTable table : TokenTable.values()) {
            Map<String, String> stored = StoredTokens.all(table);
            seeded.tokens().get(table).forEach((id, token) -> {
                assertTrue(stored.get(id).startsWith("v2:k2:"), table + " " + id + ": " + stored.get(id));
                assertEquals(token, cipher.decrypt(stored.get(id), new TokenRow(table, id)), table + " " + id);
            });
        }
    }

    private static Map<TokenTable, Integer> reencrypted(List<TokenReencryption.Result> results) {
        Map<TokenTable, Integer> counts = new HashMap<>();
        results.forEach(result -> counts.put(result.table(), result.reencrypted()));
        return counts;
    }
}
