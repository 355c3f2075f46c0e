package dev.plexsrc.encryption;

import java.util.Arrays;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * With {@code plexsrc.token-encryption.reencrypt-at-start}, runs {@link TokenReencryption} right
 * after the migrations at start-up, as a Flyway callback: the migration Job
 * ({@code QUARKUS_INIT_AND_EXIT}) runs the migrations and exits before any {@link StartupEvent}.
 */
@Singleton
@FlywayDataSource("migrations")
public class TokenReencryptionAtStart implements FlywayConfigurationCustomizer {

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

    @Override
    public void customize(FluentConfiguration configuration) {
        if (atStart) {
            Callback[] callbacks = Arrays.copyOf(configuration.getCallbacks(), configuration.getCallbacks().length + 1);
            callbacks[callbacks.length - 1] = new AfterMigrate();
            configuration.callbacks(callbacks);
        }
    }

    // Without migrations at start-up there is nothing to run after: say so instead of doing nothing.
    void refuseWithoutMigrations(@Observes StartupEvent event) {
        if (atStart && !migrateAtStart) {
            throw new IllegalStateException("PLEXSRC_TOKEN_ENCRYPTION_REENCRYPT_AT_START=true needs "
                    + "PLEXSRC_MIGRATE_AT_START=true: the re-encryption runs right after the migrations");
        }
    }

    private final class AfterMigrate implements Callback {

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_MIGRATE;
        }

        // It works on connections of its own, so Flyway's needs no transaction open meanwhile.
        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return false;
        }

        @Override
        public void handle(Event event, Context context) {
            reencryption.run();
        }

        @Override
        public String getCallbackName() {
            return "re-encrypt Plex tokens";
        }
    }
}
