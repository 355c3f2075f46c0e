package dev.plexsrc.encryption;

import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.source;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.CapturedLog;
import dev.plexsrc.testing.EventStream.Event;
import dev.plexsrc.testing.EventStream;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.TestDatabase;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Plex tokens over the API while keys rotate: what was written under any configured key (or before
 * key ids) still reads, new values go under the current key and are bound to their row, and a
 * stored value that cannot be decrypted answers 409 in authentik's shape on retrieve and is {@code ""}
 * in lists and write answers, never a 500 and never another row's token, until a new plex_token is set.
 */
@QuarkusTest
@TestProfile(KeyRotationProfile.class)
class TokenKeyRotationTest {

    private static final String USERS = "/api/v3/sources/user_connections/plex/";
    private static final String VIEWER = "authentik_sources_plex.view_plexsource";

    @Inject
    TokenCipher cipher;

    @BeforeEach
    void empty() {
        Tables.truncate("plex_source");
    }

    @Test
    void newValuesGoUnderTheCurrentKeyBoundToTheirRow() {
        UUID id = UUID.fromString(createSource("fresh").get("pk").asText());
        String stored = StoredTokens.get(TokenTable.PLEX_SOURCE, id);
        assertTrue(stored.startsWith("v2:k2:"), stored);
        assertEquals("token-fresh", cipher.decrypt(stored, TokenTable.PLEX_SOURCE.row(id)));
        assertThrows(UndecryptableTokenException.class,
                () -> cipher.decrypt(stored, TokenTable.PLEX_SOURCE.row(UUID.randomUUID())));

        int connection = asAdmin().body(json("{'source':'fresh','user':7,'identifier':'plex-7','plex_token':'user-token'}"))
                .post(USERS).then().statusCode(201).extract().path("pk");
        String storedForUser = StoredTokens.get(TokenTable.USER_CONNECTION, connection);
        assertTrue(storedForUser.startsWith("v2:k2:"), storedForUser);
        assertEquals("user-token", cipher.decrypt(storedForUser, TokenTable.USER_CONNECTION.row(connection)));
        assertThrows(UndecryptableTokenException.class,
                () -> cipher.decrypt(storedForUser, TokenTable.USER_CONNECTION.row(connection + 1)));

        asAdmin().body(json("{'plex_token':'changed-user-token'}")).patch(USERS + connection + "/").then().statusCode(200);
        assertEquals("changed-user-token",
                cipher.decrypt(StoredTokens.get(TokenTable.USER_CONNECTION, connection), TokenTable.USER_CONNECTION.row(connection)));
    }

    @Test
    void valuesFromBeforeKeyIdsStillRead() {
        UUID id = UUID.fromString(createSource("legacy").get("pk").asText());
        StoredTokens.set(TokenTable.PLEX_SOURCE, id, LegacyTokens.v1(TestDatabase.TOKEN_ENCRYPTION_KEY, "legacy-token"));

        asAdmin().get(source("legacy")).then().statusCode(200).body("plex_token", equalTo("legacy-token"));
        asAdmin().get(SOURCES).then().statusCode(200).body("results[0].plex_token", equalTo("legacy-token"));
    }

    @Test
    void valuesUnderAnOlderKeyReadAfterTheCurrentKeyChanged() {
        UUID first = UUID.fromString(createSource("under-k1").get("pk").asText());
        UUID second = UUID.fromString(createSource("under-default").get("pk").asText());
        TokenCipher k1Only = new TokenCipher(Optional.of("k1:" + KeyRotationProfile.OLD_KEY), Optional.empty());
        TokenCipher defaultOnly = new TokenCipher(Optional.empty(), Optional.of(TestDatabase.TOKEN_ENCRYPTION_KEY));
        StoredTokens.set(TokenTable.PLEX_SOURCE, first, k1Only.encrypt("k1-token", TokenTable.PLEX_SOURCE.row(first)));
        StoredTokens.set(TokenTable.PLEX_SOURCE, second, defaultOnly.encrypt("default-token", TokenTable.PLEX_SOURCE.row(second)));

        asAdmin().get(source("under-k1")).then().statusCode(200).body("plex_token", equalTo("k1-token"));
        asAdmin().get(source("under-default")).then().statusCode(200).body("plex_token", equalTo("default-token"));
        // A change that keeps the token keeps it under its old key.
        asAdmin().body(json("{'name':'Renamed'}")).patch(source("under-k1")).then().statusCode(200)
                .body("plex_token", equalTo("k1-token"));
        assertTrue(StoredTokens.get(TokenTable.PLEX_SOURCE, first).startsWith("v2:k1:"));
    }

    @Test
    void aTokenCopiedFromAnotherSourceIs409NeverThatSourcesToken() {
        UUID original = UUID.fromString(createSource("original").get("pk").asText());
        UUID copy = UUID.fromString(createSource("copy").get("pk").asText());
        StoredTokens.set(TokenTable.PLEX_SOURCE, copy, StoredTokens.get(TokenTable.PLEX_SOURCE, original));

        assertUndecryptable("copy");
        asAdmin().get(source("original")).then().statusCode(200).body("plex_token", equalTo("token-original"));
        // A list shows the row without it; one without the change permission never carries tokens.
        asAdmin().get(SOURCES + "?ordering=slug").then().statusCode(200).body("pagination.count", equalTo(2))
                .body("results.slug", equalTo(List.of("copy", "original")))
                .body("results.plex_token", equalTo(List.of("", "token-original")));
        as(Tokens.user(5, VIEWER)).get(SOURCES).then().statusCode(200).body("pagination.count", equalTo(2));
        as(Tokens.user(5, VIEWER)).get(source("copy")).then().statusCode(200).body("slug", equalTo("copy"));

        assertRecoversWithANewToken("copy");
    }

    @Test
    void anUnknownKeyIdIs409() {
        UUID id = UUID.fromString(createSource("unknown-key").get("pk").asText());
        StoredTokens.set(TokenTable.PLEX_SOURCE, id, StoredTokens.get(TokenTable.PLEX_SOURCE, id).replace("v2:k2:", "v2:k9:"));

        assertUndecryptable("unknown-key");
        assertRecoversWithANewToken("unknown-key");
    }

    @Test
    void anAlteredValueOrAnUnknownFormatIs409() {
        UUID altered = UUID.fromString(createSource("altered").get("pk").asText());
        String stored = StoredTokens.get(TokenTable.PLEX_SOURCE, altered);
        char[] chars = stored.toCharArray();
        chars[30] = chars[30] == 'A' ? 'B' : 'A';
        StoredTokens.set(TokenTable.PLEX_SOURCE, altered, new String(chars));
        UUID plain = UUID.fromString(createSource("plain").get("pk").asText());
        StoredTokens.set(TokenTable.PLEX_SOURCE, plain, "a-plain-token");

        assertUndecryptable("altered");
        assertUndecryptable("plain");
        assertRecoversWithANewToken("altered");
    }

    @Test
    void aPatchWithoutATokenOnSuchASourceIsStoredAndAnsweredWithAnEmptyToken() {
        UUID id = UUID.fromString(createSource("patched").get("pk").asText());
        StoredTokens.set(TokenTable.PLEX_SOURCE, id, StoredTokens.get(TokenTable.PLEX_SOURCE, id).replace("v2:k2:", "v2:k9:"));

        try (EventStream changes = EventStream.open(URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v3/changes/plex/"),
                Tokens.admin(), null).awaitOpen()) {
            // The single UPDATE stores the change, so the answer is a 200: an error answer would claim nothing changed.
            asAdmin().body(json("{'name':'Renamed','enabled':false}")).patch(source("patched")).then().statusCode(200)
                    .body("name", equalTo("Renamed")).body("enabled", equalTo(false)).body("plex_token", equalTo(""));
            assertEquals("Renamed false", Tables.queryString("SELECT name || ' ' || enabled FROM plex_source WHERE id = '" + id + "'"));
            // A retrieve still names the problem, and so the change event carries no object.
            assertUndecryptable("patched");
            Event updated = changes.next();
            assertEquals("plexsource.updated " + id, updated.summary());
            assertFalse(updated.json().has("object"), updated.data());
        }
        as(Tokens.user(5, VIEWER)).get(source("patched")).then().statusCode(200).body("name", equalTo("Renamed"));
        // With a new token in the same PATCH it is whole again.
        asAdmin().body(json("{'enabled':true,'plex_token':'new'}")).patch(source("patched")).then().statusCode(200)
                .body("enabled", equalTo(true)).body("plex_token", equalTo("new"));
    }

    @Test
    void oneUndecryptableSourceIsListedWithoutItsTokenAmongTheOthersAndWarnedOfOnce() {
        createSource("alpha");
        UUID broken = UUID.fromString(createSource("broken").get("pk").asText());
        createSource("gamma");
        StoredTokens.set(TokenTable.PLEX_SOURCE, broken, "v2:k9:AAAA");

        try (CapturedLog log = CapturedLog.attach()) {
            for (int i = 0; i < 3; i++) {
                asAdmin().get(SOURCES + "?ordering=slug").then().statusCode(200).body("pagination.count", equalTo(3))
                        .body("results.slug", equalTo(List.of("alpha", "broken", "gamma")))
                        .body("results.plex_token", equalTo(List.of("token-alpha", "", "token-gamma")));
            }
            assertUndecryptable("broken");
            List<String> warnings = log.warningsAndErrors().map(CapturedLog.Line::text).toList();
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).contains("source \"broken\" is answered without its Plex token"), warnings.get(0));
            assertTrue(!warnings.get(0).contains("token-"), warnings.get(0));
            System.out.printf("an undecryptable source among 3: 3 lists answered 200 with it as plex_token \"\", "
                    + "retrieve 409; %d WARN line%n", warnings.size());
        }
    }

    @Test
    void aConnectionTokenCopiedFromAnotherRowNeverReachesAnAnswerAndCanBeSetAgain() {
        createSource("linked");
        int first = asAdmin().body(json("{'source':'linked','user':1,'identifier':'a','plex_token':'first-token'}"))
                .post(USERS).then().statusCode(201).extract().path("pk");
        int second = asAdmin().body(json("{'source':'linked','user':2,'identifier':'b','plex_token':'second-token'}"))
                .post(USERS).then().statusCode(201).extract().path("pk");
        StoredTokens.set(TokenTable.USER_CONNECTION, second, StoredTokens.get(TokenTable.USER_CONNECTION, first));

        asAdmin().get(USERS + second + "/").then().statusCode(200).body("identifier", equalTo("b"))
                .body(not(containsString("token")));
        assertThrows(UndecryptableTokenException.class, () -> cipher.decrypt(
                StoredTokens.get(TokenTable.USER_CONNECTION, second), TokenTable.USER_CONNECTION.row(second)));
        asAdmin().body(json("{'identifier':'b','plex_token':'second-again'}")).put(USERS + second + "/").then().statusCode(200);
        assertEquals("second-again", cipher.decrypt(StoredTokens.get(TokenTable.USER_CONNECTION, second),
                TokenTable.USER_CONNECTION.row(second)));
    }

    private static void assertUndecryptable(String slug) {
        String body = asAdmin().get(source(slug)).then().statusCode(409).body(sameJson(conflict(slug)))
                .extract().asString();
        for (String token : new String[] {"token-original", "token-" + slug}) {
            assertTrue(!body.contains(token), body);
        }
    }

    /** PUT and PATCH with a new plex_token work on the row, and it reads again. */
    private static void assertRecoversWithANewToken(String slug) {
        asAdmin().body(json("{'plex_token':'patched-" + slug + "'}")).patch(source(slug)).then().statusCode(200)
                .body("plex_token", equalTo("patched-" + slug));
        asAdmin().get(source(slug)).then().statusCode(200).body("plex_token", equalTo("patched-" + slug));
        asAdmin().body(Api.minimalSource("Again", slug, "put-" + slug)).put(source(slug)).then().statusCode(200)
                .body("plex_token", equalTo("put-" + slug));
    }

    private static Map<String, String> conflict(String slug) {
        return Map.of("detail", "The stored Plex token of source \"" + slug
                + "\" cannot be decrypted with the configured keys; set plex_token again.");
    }
}
