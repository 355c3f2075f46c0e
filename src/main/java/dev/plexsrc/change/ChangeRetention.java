package dev.plexsrc.change;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Keeps the change log to {@code plexsrc.changes.retention}: at start and every hour, on every
 * instance (a delete that finds nothing costs an index lookup; two at once only wait for each other).
 */
@Singleton
public class ChangeRetention {

    private static final Logger LOG = Logger.getLogger(ChangeRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final ChangeLogRepository log;
    private final Duration retention;

    public ChangeRetention(ChangeLogRepository log, @ConfigProperty(name = "plexsrc.changes.retention") Duration retention) {
        this.log = log;
        this.retention = retention;
    }

    void schedule(@Observes StartupEvent start, Vertx vertx) {
        purge().subscribe().with(ignored -> { }, ignored -> { });
        vertx.setPeriodic(EVERY.toMillis(), timer -> purge().subscribe().with(ignored -> { }, ignored -> { }));
    }

    /** Removes the records older than the retention; the highest id removed so far. */
    public Uni<Long> purge() {
        return log.purge(retention)
                .onFailure().invoke(e -> LOG.debugf("the change log could not be cut to its retention: %s", e));
    }
}
