package dev.plexsrc.encryption;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.plexsrc.database.SchemaMigrated;
import io.quarkus.runtime.StartupEvent;

/**
 * With {@code plexsrc.token-encryption.reencrypt-at-start}, runs {@link TokenReencryption} right
 * after the migrations at start-up, on the start-up thread: a failure fails the start, and the
 * migration Job ({@code QUARKUS_INIT_AND_EXIT}) exits only once it is done.
 */
@Singleton
public class TokenReencryptionAtStart {

    private final TokenReencryption reencryption;
    private final boolean atStart;
    private final boolean migrateAtStart;

    public TokenReencryptionAtStart(TokenReencryption reencryption,
            @ConfigProperty(name = "plexsrc.token-encryption.reencrypt-at-start") boolean atStart,
            @ConfigProperty(name = "plexsrc.migrate-at-start") boolean migrateAtStart) {
        this.reencryption = reencryption;
        this.atStart = atStart;
        this.migrateAtStart = migrateAtStart;
    }

    void afterMigrations(@Observes SchemaMigrated migrated) {
        if (atStart) {
            reencryption.run();
        }
    }

    // Without migrations at start-up there is nothing to run after: say so instead of doing nothing.
    void refuseWithoutMigrations(@Observes StartupEvent event) {
        if (atStart && !migrateAtStart) {
            throw new IllegalStateException("PLEXSRC_TOKEN_ENCRYPTION_REENCRYPT_AT_START=true needs "
                    + "PLEXSRC_MIGRATE_AT_START=true: the re-encryption runs right after the migrations");
        }
    }
}
