package dev.plexsrc.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The API and its migrations use one database: the one {@code plexsrc.db.host}, {@code port} and
 * {@code name} name, from which application.properties derives the reactive pool's URL and the
 * migrations' JDBC URL. Quarkus' own URL settings would each move only one of the two (the
 * migrations on one database, the API on another with no tables), so a start with any of them
 * pointing elsewhere is refused, before anything is migrated: where Flyway is set up, and at
 * start-up for an instance that does not migrate.
 */
@Singleton
@FlywayDataSource("migrations")
public class OneDatabase implements FlywayConfigurationCustomizer {

    private static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    private static final String MIGRATIONS_URL = "quarkus.datasource.migrations.jdbc.url";
    /** URLs this build never uses as they are meant: the default datasource has no JDBC pool, Flyway has the migrations'. */
    private static final List<String> UNUSED_URLS = List.of("quarkus.datasource.jdbc.url", "quarkus.flyway.jdbc-url",
            "quarkus.flyway.migrations.jdbc-url");

    private final Config config;

    public OneDatabase(Config config) {
        this.config = config;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        refuseSplitSettings();
    }

    void onStart(@Observes StartupEvent event) {
        refuseSplitSettings();
    }

    private void refuseSplitSettings() {
        String database = "postgresql://" + config.getValue("plexsrc.db.host", String.class) + ":"
                + config.getValue("plexsrc.db.port", String.class) + "/" + config.getValue("plexsrc.db.name", String.class);
        List<String> elsewhere = new ArrayList<>();
        if (!value(REACTIVE_URL).equals(Optional.of(database))) {
            elsewhere.add(REACTIVE_URL);
        }
        if (!value(MIGRATIONS_URL).equals(Optional.of("jdbc:" + database))) {
            elsewhere.add(MIGRATIONS_URL);
        }
        UNUSED_URLS.stream().filter(setting -> value(setting).isPresent()).forEach(elsewhere::add);
        if (!elsewhere.isEmpty()) {
            // The values are left out: a URL may hold a password. Quarkus prints this one's message alone.
            throw new ConfigurationException("Refusing to start: " + String.join(", ", elsewhere.stream()
                    .map(setting -> envVar(setting) + " (" + setting + ")").toList())
                    + (elsewhere.size() == 1 ? " is" : " are") + " set, which would point the API or its migrations at"
                    + " another database than the one PLEXSRC_DB_HOST, PLEXSRC_DB_PORT and PLEXSRC_DB_NAME name. The API"
                    + " and its migrations use one database: remove " + (elsewhere.size() == 1 ? "it" : "them") + " and set"
                    + " PLEXSRC_DB_HOST, PLEXSRC_DB_PORT and PLEXSRC_DB_NAME instead (the credentials:"
                    + " QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD).");
        }
    }

    private Optional<String> value(String setting) {
        return config.getOptionalValue(setting, String.class);
    }

    private static String envVar(String setting) {
        return setting.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
