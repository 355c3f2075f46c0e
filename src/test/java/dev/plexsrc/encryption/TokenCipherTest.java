package dev.plexsrc.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cipher on its own: formats, keys by id, rows as associated data, and the key settings it refuses. */
class TokenCipherTest {

    private static final String KEY_1 = LegacyTokens.randomKey();
    private static final String KEY_2 = LegacyTokens.randomKey();
    private static final TokenRow SOURCE = TokenTable.PLEX_SOURCE.row(UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6"));
    private static final TokenRow OTHER_SOURCE = TokenTable.PLEX_SOURCE.row(UUID.randomUUID());
    private static final TokenRow CONNECTION = TokenTable.USER_CONNECTION.row(7);

    @Test
    void writesUnderTheFirstListedKeyAndReadsItBack() {
        TokenCipher cipher = cipher("k2:" + KEY_2 + ",k1:" + KEY_1);
        String stored = cipher.encrypt("plex-token-ü", SOURCE);

        assertTrue(stored.startsWith("v2:k2:"), stored);
        assertEquals("v2:k2:", cipher.currentPrefix());
        assertEquals("k2", cipher.currentKeyId());
        assertFalse(stored.contains("plex-token"), stored);
        assertEquals("plex-token-ü", cipher.decrypt(stored, SOURCE));
        assertNotEquals(stored, cipher.encrypt("plex-token-ü", SOURCE), "a fresh iv every time");
    }

    @Test
    void aValueUnderAnOlderKeyReadsOnceAnotherKeyIsCurrent() {
        String underK1 = cipher("k1:" + KEY_1).encrypt("old-token", SOURCE);
        assertEquals("old-token", cipher("k2:" + KEY_2 + ",k1:" + KEY_1).decrypt(underK1, SOURCE));
    }

    @Test
    void theSingleKeyIsKeyDefaultAndReadsV1Values() {
        TokenCipher single = new TokenCipher(Optional.empty(), Optional.of(KEY_1));
        assertTrue(single.encrypt("t", SOURCE).startsWith("v2:default:"));
        String v1 = LegacyTokens.v1(KEY_1, "legacy-token");
        assertEquals("legacy-token", single.decrypt(v1, SOURCE));
        assertEquals("legacy-token", single.decrypt(v1, CONNECTION), "v1 values were bound to no row");

        // Beside a list it decrypts v1 values and v2:default: values; the list's first key is current.
        TokenCipher both = new TokenCipher(Optional.of("k2:" + KEY_2), Optional.of(KEY_1));
        assertEquals("k2", both.currentKeyId());
        assertEquals("legacy-token", both.decrypt(v1, SOURCE));
        assertEquals("t", both.decrypt(single.encrypt("t", SOURCE), SOURCE));
        // Listing it as "default" is the same.
        assertEquals("legacy-token", cipher("k2:" + KEY_2 + ",default:" + KEY_1).decrypt(v1, SOURCE));
    }

    @Test
    void aValueDecryptsOnlyOnItsOwnRow() {
        TokenCipher cipher = cipher("k1:" + KEY_1);
        String stored = cipher.encrypt("owner-token", SOURCE);

        assertUndecryptable(cipher, stored, OTHER_SOURCE, "fails authentication");
        assertUndecryptable(cipher, cipher.encrypt("t", TokenTable.USER_CONNECTION.row(7)),
                TokenTable.USER_CONNECTION.row(8), "fails authentication");
        // The same id in the other table is another row.
        assertUndecryptable(cipher, cipher.encrypt("t", TokenTable.USER_CONNECTION.row(7)),
                new TokenRow(TokenTable.PLEX_SOURCE, "7"), "fails authentication");
    }

    @Test
    void unknownKeysAlteredValuesAndOtherFormatsAreUndecryptable() {
        TokenCipher cipher = cipher("k1:" + KEY_1);
        String stored = cipher.encrypt("owner-token", SOURCE);

        assertUndecryptable(cipher, stored.replace("v2:k1:", "v2:k9:"), SOURCE, "key \"k9\", which is not configured");
        assertUndecryptable(cipher(("k1:" + KEY_2)), stored, SOURCE, "fails authentication");
        assertUndecryptable(cipher, "v2:k1:" + altered(stored.substring(6)), SOURCE, "fails authentication");
        assertUndecryptable(cipher, "v2:k1:not*base64", SOURCE, "not valid base64");
        assertUndecryptable(cipher, "v2:k1:AAAA", SOURCE, "too short");
        assertUndecryptable(cipher, "v2:k1", SOURCE, "no valid key id");
        assertUndecryptable(cipher, "v2:a b:AAAA", SOURCE, "no valid key id");
        assertUndecryptable(cipher, "owner-token", SOURCE, "no known format");
        assertUndecryptable(cipher, LegacyTokens.v1(KEY_1, "legacy"), SOURCE, "needs key \"default\"");
        assertUndecryptable(new TokenCipher(Optional.empty(), Optional.of(KEY_2)), LegacyTokens.v1(KEY_1, "legacy"),
                SOURCE, "fails authentication");
    }

    @Test
    void undecryptableMessagesCarryNoTokenMaterial() {
        TokenCipher cipher = cipher("k1:" + KEY_1);
        String stored = cipher.encrypt("owner-token", SOURCE);
        UndecryptableTokenException e = assertThrows(UndecryptableTokenException.class,
                () -> cipher.decrypt(stored, OTHER_SOURCE));
        assertFalse(e.getMessage().contains(stored.substring(6)), e.getMessage());
        assertFalse(e.getMessage().contains("owner-token"), e.getMessage());
        assertTrue(e.getMessage().startsWith("the Plex token stored in plex_source " + OTHER_SOURCE.id()),
                e.getMessage());
    }

    @Test
    void keyIdsAndKeysAreTrimmedAndEmptyEntriesSkipped() {
        TokenCipher cipher = cipher(" k2 : " + KEY_2 + " ,, k1:" + KEY_1 + ",");
        assertEquals("k2", cipher.currentKeyId());
        assertEquals("t", cipher.decrypt(cipher("k1:" + KEY_1).encrypt("t", SOURCE), SOURCE));
    }

    @ParameterizedTest
    @ValueSource(strings = { "k1", ":KEY", "k 1:KEY", "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk:KEY", "k/1:KEY" })
    void malformedEntriesStopStartUp(String entry) {
        String keys = entry.replace("KEY", KEY_1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher(keys));
        assertTrue(e.getMessage().startsWith("plexsrc.token-encryption-keys: entry 1 "), e.getMessage());
        assertFalse(e.getMessage().contains(KEY_1), "the message holds the key: " + e.getMessage());
    }

    @Test
    void badKeysStopStartUpWithAClearMessage() {
        assertStartUpRefused("plexsrc.token-encryption-keys: key \"k1\" is not valid base64", "k1:not base64!", null);
        assertStartUpRefused("plexsrc.token-encryption-keys: key \"k1\" must decode to 16, 24 or 32 bytes",
                "k1:c2hvcnQ=", null);
        assertStartUpRefused("plexsrc.token-encryption-keys: key id \"k1\" appears twice",
                "k1:" + KEY_1 + ",k1:" + KEY_2, null);
        assertStartUpRefused("plexsrc.token-encryption-key is not valid base64", null, "REPLACE_ME_with_openssl_rand_base64_32");
        assertStartUpRefused("plexsrc.token-encryption-key must decode to 16, 24 or 32 bytes", null, "c2hvcnQ=");
        assertStartUpRefused("plexsrc.token-encryption-key and the key \"default\" of plexsrc.token-encryption-keys differ",
                "k2:" + KEY_2 + ",default:" + KEY_1, KEY_2);
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> new TokenCipher(Optional.empty(), Optional.empty()));
        assertTrue(none.getMessage().startsWith("No encryption key for Plex tokens: set PLEXSRC_TOKEN_ENCRYPTION_KEYS"),
                none.getMessage());
        assertThrows(IllegalStateException.class, () -> new TokenCipher(Optional.of(" , "), Optional.empty()));
    }

    private static void assertStartUpRefused(String expectedStart, String keys, String legacyKey) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TokenCipher(Optional.ofNullable(keys), Optional.ofNullable(legacyKey)));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertFalse(e.getMessage().contains(KEY_1) || e.getMessage().contains(KEY_2), "the message holds a key");
    }

    private static void assertUndecryptable(TokenCipher cipher, String stored, TokenRow row, String reason) {
        UndecryptableTokenException e = assertThrows(UndecryptableTokenException.class, () -> cipher.decrypt(stored, row));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static TokenCipher cipher(String keys) {
        return new TokenCipher(Optional.of(keys), Optional.empty());
    }

    /** The base64 text with one character changed (valid base64 still, other bytes). */
    private static String altered(String base64) {
        char[] chars = base64.toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        return new String(chars);
    }
}
