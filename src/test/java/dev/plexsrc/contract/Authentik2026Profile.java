package dev.plexsrc.contract;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service as a 2026.8 deployment runs it. */
public class Authentik2026Profile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("plexsrc.authentik-api-version", "2026.8");
    }
}
