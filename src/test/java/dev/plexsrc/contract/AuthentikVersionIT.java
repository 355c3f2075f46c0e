package dev.plexsrc.contract;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.PackagedApp;

/** The packaged application refuses to start on a version it does not serve, and says which it does. */
class AuthentikVersionIT {

    @Test
    void anUnknownVersionRefusesToStartNamingTheAllowedValues() {
        PackagedApp.Run start = PackagedApp.runToExit("AuthentikVersionIT",
                Map.of("PLEXSRC_AUTHENTIK_API_VERSION", "2025.1", "PLEXSRC_MIGRATE_AT_START", "false"));

        assertNotEquals(0, start.exitValue(), start.log());
        assertTrue(start.log().contains("plexsrc.authentik-api-version must be one of 2024.8, 2026.8, not \"2025.1\""),
                start.log());
    }
}
