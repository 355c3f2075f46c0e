package dev.plexsrc.encryption;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Mid-rotation: key {@code k2} is current, {@code k1} still decrypts, and the tests' single key is
 * key {@code default} as always. Re-encryption runs after the migrations at start-up (on the run's
 * new, empty database) and in batches of 100.
 */
public class KeyRotationProfile implements QuarkusTestProfile {

    public static final String OLD_KEY = "GV/Wfka3YRddDOjbnIMimqmRSdyKaEzCfGq3pmw+lIY=";
    public static final String NEW_KEY = "TjBjtVHWj8xKo5NgFG+yXlsOd37HRATObh8kYgdZq2U=";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "plexsrc.token-encryption-keys", "k2:" + NEW_KEY + ",k1:" + OLD_KEY,
                "plexsrc.token-encryption.reencrypt-at-start", "true",
                "plexsrc.token-encryption.reencrypt-batch-size", "100");
    }
}
