package dev.plexsrc.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The API and its migrations use one database: the one {@code plexsrc.db.host}, {@code port} and
 * {@code name} name, from which application.properties derives the reactive pool's URL; the
 * migrations run over that pool. Quarkus' own URL settings would point the pool elsewhere (the API
 * and its migrations on another database) or name a database this build never uses (the JDBC and
 * Flyway URLs of releases that migrated with Flyway over JDBC, so a deployment still setting them
 * meant its migrations to go there), so a start with any of them is refused, first thing at
 * start-up, before anything is migrated ({@link MigrationAtStart} runs next).
 */
@Singleton
public class OneDatabase {

    /** The start-up event's first observer. */
    static final int AT_START = Interceptor.Priority.PLATFORM_BEFORE;

    private static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    /** URLs this build never uses: it has no JDBC datasource, and no Flyway. */
    private static final List<String> UNUSED_URLS = List.of("quarkus.datasource.jdbc.url",
            "quarkus.datasource.migrations.jdbc.url", "quarkus.flyway.jdbc-url", "quarkus.flyway.migrations.jdbc-url");

    private final Config config;

    public OneDatabase(Config config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(AT_START) StartupEvent event) {
        String database = "postgresql://" + config.getValue("plexsrc.db.host", String.class) + ":"
                + config.getValue("plexsrc.db.port", String.class) + "/" + config.getValue("plexsrc.db.name", String.class);
        List<String> elsewhere = new ArrayList<>();
        if (!value(REACTIVE_URL).equals(Optional.of(database))) {
            elsewhere.add(REACTIVE_URL);
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
