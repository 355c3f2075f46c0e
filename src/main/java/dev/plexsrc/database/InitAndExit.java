package dev.plexsrc.database;

import java.util.Locale;
import java.util.Set;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The application's entry point. Quarkus' own init-and-exit ({@code QUARKUS_INIT_AND_EXIT=true})
 * exits before the start-up event, on which the migrations ({@link MigrationAtStart}) and what
 * follows them run. So where it is asked for (the system property {@code quarkus.init-and-exit} or
 * the environment variable {@code QUARKUS_INIT_AND_EXIT}), Quarkus starts with it off and no HTTP
 * listener, runs the start-up as always, and stops right after: exit code 0 once every start-up
 * task succeeded, Quarkus' failed start (1) as soon as one fails. Otherwise it is Quarkus' own main.
 */
@QuarkusMain
public final class InitAndExit {

    private static final String SETTING = "quarkus.init-and-exit";
    /** What SmallRye Config, and so Quarkus, reads as true. */
    private static final Set<String> TRUE = Set.of("TRUE", "1", "YES", "Y", "ON", "JA", "J", "SI", "SIM", "OUI");

    public static void main(String... args) {
        if (!asked(System.getProperty(SETTING, System.getenv("QUARKUS_INIT_AND_EXIT")))) {
            Quarkus.run(args);
            return;
        }
        // System properties outrank the environment: Quarkus reads these instead of QUARKUS_INIT_AND_EXIT.
        System.setProperty(SETTING, "false");
        System.setProperty("quarkus.http.host-enabled", "false");
        // Nothing was served, so the shutdown has nothing to wait out.
        System.setProperty("plexsrc.shutdown.delay", "0s");
        Quarkus.run(StartedOnce.class, args);
    }

    static boolean asked(String value) {
        return value != null && TRUE.contains(value.strip().toUpperCase(Locale.ROOT));
    }

    /** Runs once the start-up, with its tasks, is over: Quarkus then stops, with exit code 0. */
    public static final class StartedOnce implements QuarkusApplication {

        @Override
        public int run(String... args) {
            return 0;
        }
    }
}
