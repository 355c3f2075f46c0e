package dev.plexsrc.plextv;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * plex.tv, non-blocking, at {@code plexsrc.plex.base-url}. The calls of one redeem form a
 * {@link Conversation} that ends within {@code plexsrc.plex.timeout} as a whole, however many calls
 * it makes. Each call is timed ({@code plexsrc_plextv_requests_seconds}, tagged by endpoint and
 * outcome), and a call that fails becomes a {@link PlexTvException}.
 */
@Singleton
public class PlexTvClient {

    private static final Logger LOG = Logger.getLogger(PlexTvClient.class);
    private static final String METRIC = "plexsrc.plextv.requests";

    private final PlexTvApi api;
    private final Duration timeout;
    private final MeterRegistry registry;

    public PlexTvClient(@ConfigProperty(name = "plexsrc.plex.base-url") URI baseUrl,
            @ConfigProperty(name = "plexsrc.plex.timeout") Duration timeout, MeterRegistry registry) {
        this.timeout = timeout;
        this.registry = registry;
        // Connect and read timeouts only back up the conversation's own bound.
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUrl)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(PlexTvApi.class);
    }

    /** The calls of one redeem, as the plex.tv client {@code clientIdentifier}; it ends within the timeout from now. */
    public Conversation converse(String clientIdentifier) {
        return new Conversation(clientIdentifier, System.nanoTime() + timeout.toNanos());
    }

    /** The calls of one redeem, bounded together by one deadline. */
    public final class Conversation {

        private final String clientIdentifier;
        private final long deadlineNanos;

        private Conversation(String clientIdentifier, long deadlineNanos) {
            this.clientIdentifier = clientIdentifier;
            this.deadlineNanos = deadlineNanos;
        }

        /** {@code GET /api/v2/user}: the token's own account. */
        public Uni<PlexAccount> account(String token) {
            return call("user", () -> api.user(token, clientIdentifier));
        }

        /** {@code GET /api/v2/friends}: the accounts the token's account shares with. */
        public Uni<List<PlexAccount>> friends(String token) {
            return call("friends", () -> api.friends(token, clientIdentifier));
        }

        /** {@code GET /api/v2/resources}: the devices the token's account owns or has access to. */
        public Uni<List<PlexResource>> resources(String token) {
            return call("resources", () -> api.resources(token, clientIdentifier));
        }

        private <T> Uni<T> call(String endpoint, Supplier<Uni<T>> request) {
            return Uni.createFrom().deferred(() -> {
                long started = System.nanoTime();
                Duration left = Duration.ofNanos(Math.max(1, deadlineNanos - started));
                return request.get()
                        .ifNoItem().after(left).fail()
                        .onItemOrFailure().transformToUni((answer, failure) -> {
                            PlexTvOutcome outcome = failure == null
                                    ? answer == null ? PlexTvOutcome.INVALID_RESPONSE : PlexTvOutcome.SUCCESS
                                    : PlexTvOutcome.of(failure);
                            record(endpoint, outcome, started);
                            if (outcome != PlexTvOutcome.SUCCESS) {
                                // Only the classes of the failure: a client's messages may hold the URL or headers.
                                LOG.infof("plex.tv %s: %s%s", endpoint, outcome.tag(), causes(failure));
                                return Uni.createFrom().failure(new PlexTvException(endpoint, outcome));
                            }
                            return Uni.createFrom().item(answer);
                        });
            });
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder classes = new StringBuilder();
        for (Throwable t = failure; t != null && classes.length() < 500; t = t.getCause()) {
            classes.append(classes.length() == 0 ? " (" : " < ").append(t.getClass().getName());
        }
        return classes.length() == 0 ? "" : classes.append(')').toString();
    }

    private void record(String endpoint, PlexTvOutcome outcome, long startedNanos) {
        Timer.builder(METRIC)
                .description("Calls to plex.tv by endpoint and outcome")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome.tag())
                .register(registry)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
