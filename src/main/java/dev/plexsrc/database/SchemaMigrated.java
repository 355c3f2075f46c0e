package dev.plexsrc.database;

/**
 * Fired once the migrations at start-up have run ({@link MigrationAtStart}), before anything else
 * of the start-up: what must follow them observes it (the token re-encryption), and a failure there
 * fails the start as a failed migration does.
 */
public record SchemaMigrated(SchemaMigrator.Outcome outcome) {
}
