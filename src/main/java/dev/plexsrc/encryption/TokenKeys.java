package dev.plexsrc.encryption;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

/**
 * The configured AES keys by id, and which one encrypts new values. Error messages name the
 * setting and the key id, never key material.
 *
 * @param currentId the id of the key that encrypts new values
 * @param byId every key that decrypts, the current one first
 */
record TokenKeys(String currentId, Map<String, SecretKeySpec> byId) {

    static final String KEYS = "plexsrc.token-encryption-keys";
    static final String KEY = "plexsrc.token-encryption-key";
    /** The id of {@value #KEY}, the one key of the days before key ids; it decrypts {@code v1:} values. */
    static final String LEGACY_ID = "default";

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /**
     * {@code keys} is {@code id:base64,id:base64,...}, the first one current; {@code legacyKey} is one
     * base64 key, which joins them as key {@value #LEGACY_ID} (the current key when {@code keys} is unset).
     */
    static TokenKeys parse(Optional<String> keys, Optional<String> legacyKey) {
        Map<String, SecretKeySpec> byId = new LinkedHashMap<>();
        String[] entries = keys.map(list -> list.split(",")).orElse(new String[0]);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalStateException(KEYS + ": entry " + (i + 1) + " is not <key id>:<base64 key>");
            }
            String id = entry.substring(0, colon).strip();
            if (!ID.matcher(id).matches()) {
                throw new IllegalStateException(KEYS + ": entry " + (i + 1)
                        + " has no valid key id (1 to 32 of A-Z, a-z, 0-9, '_' and '-')");
            }
            if (byId.containsKey(id)) {
                throw new IllegalStateException(KEYS + ": key id \"" + id + "\" appears twice");
            }
            byId.put(id, aesKey(entry.substring(colon + 1), KEYS + ": key \"" + id + "\""));
        }
        if (legacyKey.isPresent()) {
            SecretKeySpec legacy = aesKey(legacyKey.get(), KEY);
            SecretKeySpec listed = byId.putIfAbsent(LEGACY_ID, legacy);
            if (listed != null && !MessageDigest.isEqual(listed.getEncoded(), legacy.getEncoded())) {
                throw new IllegalStateException(KEY + " and the key \"" + LEGACY_ID + "\" of " + KEYS
                        + " differ; they are the same key, so set it once");
            }
        }
        if (byId.isEmpty()) {
            throw new IllegalStateException("No encryption key for Plex tokens: set PLEXSRC_TOKEN_ENCRYPTION_KEYS "
                    + "(<key id>:<base64 key>, comma-separated, the first one current) or PLEXSRC_TOKEN_ENCRYPTION_KEY "
                    + "(one base64 key); make a key with `openssl rand -base64 32`");
        }
        return new TokenKeys(byId.keySet().iterator().next(), Collections.unmodifiableMap(byId));
    }

    private static SecretKeySpec aesKey(String base64, String name) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not valid base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalStateException(name + " must decode to 16, 24 or 32 bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }
}
