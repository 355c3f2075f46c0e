package dev.plexsrc.database;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * With {@code plexsrc.migrate-at-start}, applies this build's migrations ({@link SchemaMigrator}) on
 * the start-up thread, before the HTTP server listens and before any other start-up work but
 * {@link OneDatabase}'s check, then fires {@link SchemaMigrated}. A failure fails the start. The
 * migration Job runs the same start with init-and-exit ({@link InitAndExit}).
 */
@Singleton
public class MigrationAtStart {

    private final SchemaMigrator migrator;
    private final Event<SchemaMigrated> migrated;
    private final boolean migrateAtStart;

    public MigrationAtStart(SchemaMigrator migrator, Event<SchemaMigrated> migrated,
            @ConfigProperty(name = "plexsrc.migrate-at-start") boolean migrateAtStart) {
        this.migrator = migrator;
        this.migrated = migrated;
        this.migrateAtStart = migrateAtStart;
    }

    void migrate(@Observes @Priority(OneDatabase.AT_START + 1) StartupEvent event) {
        if (migrateAtStart) {
            migrated.fire(new SchemaMigrated(migrator.migrate(MigrationScript.ofThisBuild())));
        }
    }
}
