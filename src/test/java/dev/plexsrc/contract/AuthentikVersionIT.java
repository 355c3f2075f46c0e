package dev.plexsrc.contract;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.plexsrc.testing.PackagedApp;
import dev.plexsrc.testing.TestDatabase;

/** The packaged application refuses to start on a version it does not serve, and says which it does. */
class AuthentikVersionIT {

    private static final Path WORK = Path.of("target/authentik-version-it");

    @Test
    void anUnknownVersionRefusesToStartNamingTheAllowedValues() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Path output = WORK.resolve("start.log");
        ProcessBuilder start = new ProcessBuilder(PackagedApp.command()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = start.environment();
        env.put("PLEXSRC_AUTHENTIK_API_VERSION", "2025.1");
        env.put("PLEXSRC_MIGRATE_AT_START", "false");
        env.put("PLEXSRC_TOKEN_ENCRYPTION_KEY", TestDatabase.TOKEN_ENCRYPTION_KEY);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("target/test-classes/jwt/publicKey.pem").toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_ISSUER", "plexsrc-test");
        env.put("QUARKUS_HTTP_PORT", "0");
        Process process = start.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 2 minutes; see " + output);
        }
        String log = Files.readString(output);
        assertNotEquals(0, process.exitValue(), log);
        assertTrue(log.contains("plexsrc.authentik-api-version must be one of 2024.8, 2026.8, not \"2025.1\""), log);
    }
}
