package dev.plexsrc.encryption;

import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.source;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application run as the migration Job is (init and exit, migrations and
 * re-encryption on) rotates the stored tokens of the running one: to a key the running service
 * does not have, which it then answers 409 for, and back to its own key, after which it reads
 * every token as it was.
 */
@QuarkusIntegrationTest
class TokenReencryptionIT {

    private static final String USERS = "/api/v3/sources/user_connections/plex/";
    private static final String NEW_KEY = LegacyTokens.randomKey();

    @Test
    void theMigrationJobMovesEveryTokenToTheCurrentKey() {
        UUID first = UUID.fromString(createSource("it-rotated").get("pk").asText());
        UUID second = UUID.fromString(createSource("it-legacy").get("pk").asText());
        StoredTokens.set(TokenTable.PLEX_SOURCE, second, LegacyTokens.v1(TestDatabase.TOKEN_ENCRYPTION_KEY, "legacy-token"));
        int connection = asAdmin().body(json("{'source':'it-rotated','user':9,'identifier':'plex-9','plex_token':'user-token'}"))
                .post(USERS).then().statusCode(201).extract().path("pk");
        try {
            String log = runJob("to-new-key", "it2:" + NEW_KEY);
            assertTrue(log.contains("re-encrypted 2 Plex tokens in plex_source to key \"it2\""), log);
            assertTrue(log.contains("re-encrypted 1 Plex tokens in user_plex_source_connection to key \"it2\""), log);
            TokenCipher newKey = new TokenCipher(Optional.of("it2:" + NEW_KEY), Optional.empty());
            assertEquals("token-it-rotated", newKey.decrypt(StoredTokens.get(TokenTable.PLEX_SOURCE, first),
                    TokenTable.PLEX_SOURCE.row(first)));
            assertEquals("legacy-token", newKey.decrypt(StoredTokens.get(TokenTable.PLEX_SOURCE, second),
                    TokenTable.PLEX_SOURCE.row(second)));
            assertEquals("user-token", newKey.decrypt(StoredTokens.get(TokenTable.USER_CONNECTION, connection),
                    TokenTable.USER_CONNECTION.row(connection)));
            // The running service has only its key "default".
            asAdmin().get(source("it-rotated")).then().statusCode(409).body("detail", equalTo("The stored Plex token of "
                    + "source \"it-rotated\" cannot be decrypted with the configured keys; set plex_token again."));

            String back = runJob("back", "default:" + TestDatabase.TOKEN_ENCRYPTION_KEY + ",it2:" + NEW_KEY);
            assertTrue(back.contains("re-encrypted 2 Plex tokens in plex_source to key \"default\""), back);
            asAdmin().get(source("it-rotated")).then().statusCode(200).body("plex_token", equalTo("token-it-rotated"));
            asAdmin().get(source("it-legacy")).then().statusCode(200).body("plex_token", equalTo("legacy-token"));
            assertTrue(StoredTokens.get(TokenTable.USER_CONNECTION, connection).startsWith("v2:default:"));
        } finally {
            asAdmin().delete(source("it-rotated"));
            asAdmin().delete(source("it-legacy"));
        }
    }

    /** Runs the packaged application as the migration Job does, with these keys; its output. */
    private static String runJob(String name, String keys) {
        PackagedApp.Run job = PackagedApp.runToExit("TokenReencryptionIT-" + name, Map.of(
                "QUARKUS_INIT_AND_EXIT", "true",
                "PLEXSRC_MIGRATE_AT_START", "true",
                "PLEXSRC_TOKEN_ENCRYPTION_REENCRYPT_AT_START", "true",
                "PLEXSRC_TOKEN_ENCRYPTION_KEYS", keys,
                "PLEXSRC_DB_NAME", ConfigProvider.getConfig().getValue("plexsrc.db.name", String.class)));
        assertEquals(0, job.exitValue(), () -> "the job failed:\n" + job.log());
        return job.log();
    }
}
