package dev.plexsrc.encryption;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

/**
 * Encrypts Plex tokens at rest with AES-GCM under one of several keys, each with an id:
 * <ol>
 * <li>Stored form: {@code v2:<key id>:} + base64(iv || ciphertext), with associated data
 * {@code v2:<key id>:<table>:<row id>}, so a value decrypts only on the row it was written for.</li>
 * <li>New values use the current key; a value names the key that decrypts it.</li>
 * <li>Values from before key ids, {@code v1:} + base64(iv || ciphertext) without associated data,
 * decrypt with key {@value TokenKeys#LEGACY_ID}.</li>
 * </ol>
 */
// Started eagerly so that a bad key stops the service at start-up, not at the first request.
@Startup
@Singleton
public class TokenCipher {

    private static final String V1 = "v1:";
    private static final String V2 = "v2:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    // A cipher per thread, initialised for each use: Cipher.getInstance looks the provider up every time.
    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is required of every Java runtime", e);
        }
    });

    private final TokenKeys keys;
    private final String currentPrefix;
    private final SecureRandom random = new SecureRandom();

    public TokenCipher(@ConfigProperty(name = TokenKeys.KEYS) Optional<String> keys,
            @ConfigProperty(name = TokenKeys.KEY) Optional<String> legacyKey) {
        this.keys = TokenKeys.parse(keys, legacyKey);
        this.currentPrefix = V2 + this.keys.currentId() + ":";
    }

    /** The id of the key that encrypts new values. */
    public String currentKeyId() {
        return keys.currentId();
    }

    /** How every value under the current key begins: a stored value without it needs re-encryption. */
    public String currentPrefix() {
        return currentPrefix;
    }

    public String encrypt(String token, TokenRow row) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = AES_GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.byId().get(keys.currentId()), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(keys.currentId(), row));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return currentPrefix + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token encryption failed", e);
        }
    }

    /** The token stored in {@code row}; {@link UndecryptableTokenException} if no configured key decrypts it there. */
    public String decrypt(String stored, TokenRow row) {
        if (stored.startsWith(V2)) {
            int end = stored.indexOf(':', V2.length());
            String keyId = end < 0 ? "" : stored.substring(V2.length(), end);
            if (!TokenKeys.ID.matcher(keyId).matches()) {
                throw new UndecryptableTokenException(row, "it names no valid key id");
            }
            SecretKeySpec key = keys.byId().get(keyId);
            if (key == null) {
                throw new UndecryptableTokenException(row, "it was encrypted with key \"" + keyId
                        + "\", which is not configured");
            }
            return open(stored.substring(end + 1), key, associatedData(keyId, row), row);
        }
        if (stored.startsWith(V1)) {
            SecretKeySpec key = keys.byId().get(TokenKeys.LEGACY_ID);
            if (key == null) {
                throw new UndecryptableTokenException(row, "a v1 value needs key \"" + TokenKeys.LEGACY_ID
                        + "\" (PLEXSRC_TOKEN_ENCRYPTION_KEY), which is not configured");
            }
            return open(stored.substring(V1.length()), key, null, row);
        }
        throw new UndecryptableTokenException(row, "it is in no known format");
    }

    private static String open(String base64, SecretKeySpec key, byte[] associatedData, TokenRow row) {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new UndecryptableTokenException(row, "it is not valid base64");
        }
        if (data.length < IV_BYTES + TAG_BITS / 8) {
            throw new UndecryptableTokenException(row, "it is too short");
        }
        try {
            Cipher cipher = AES_GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UndecryptableTokenException(row, "it fails authentication (written for another row, "
                    + "encrypted with another key of that id, or altered)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token decryption failed", e);
        }
    }

    private static byte[] associatedData(String keyId, TokenRow row) {
        return (V2 + keyId + ":" + row.table().tableName() + ":" + row.id()).getBytes(StandardCharsets.UTF_8);
    }
}
