package dev.plexsrc.connection.user;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.logging.Logger;

import dev.plexsrc.connection.DuplicateConnection;
import dev.plexsrc.connection.SourceReference;
import dev.plexsrc.encryption.TokenCipher;
import dev.plexsrc.encryption.TokenTable;
import dev.plexsrc.encryption.UndecryptableTokenException;
import dev.plexsrc.error.ApiException;
import dev.plexsrc.error.FieldErrors;
import dev.plexsrc.error.ValidationException;
import dev.plexsrc.http.RepeatedFailures;
import dev.plexsrc.input.Validated;
import dev.plexsrc.plextv.PlexAccess;
import dev.plexsrc.plextv.PlexAccessDecision;
import dev.plexsrc.plextv.PlexAccessRules;
import dev.plexsrc.source.PlexSourceRepository;
import dev.plexsrc.source.PlexSourceRow;
import io.smallrye.mutiny.Uni;

/**
 * {@code redeem_token_authenticated}: links the caller's Plex account to an enabled
 * source when plex.tv says the source allows it. plex.tv is asked with no transaction open; the
 * connection is then written in a short one of its own.
 */
@Singleton
public class PlexAccountLinking {

    private static final Logger LOG = Logger.getLogger(PlexAccountLinking.class);

    static final String ACCESS_DENIED = "Access denied.";
    static final String TOKEN_INVALID = "Token invalid/expired";
    static final String PLEX_TV_UNAVAILABLE = "plex.tv could not be asked whether this account may link; try again shortly.";

    // What a header can carry to plex.tv (whose tokens are 20 characters): printable ASCII, a bounded length.
    private static final Pattern SENDABLE_TOKEN = Pattern.compile("^[\\x21-\\x7e]{1,1024}$");
    // Every redeem of such a source meets its token: one WARN per source an hour, not one per redeem.
    private static final RepeatedFailures UNDECRYPTABLE = new RepeatedFailures(Duration.ofHours(1));

    private final PlexSourceRepository sources;
    private final PlexAccess access;
    private final UserConnectionService connections;
    private final TokenCipher cipher;

    public PlexAccountLinking(PlexSourceRepository sources, PlexAccess access, UserConnectionService connections,
            TokenCipher cipher) {
        this.sources = sources;
        this.access = access;
        this.connections = connections;
        this.cipher = cipher;
    }

    /** 404 for an unknown or disabled source before the body's errors, as DRF looks the object up first. */
    public Uni<Void> link(String slug, Validated<PlexTokenRedeemRequest> input, int userId) {
        return sources.read(slug)
                .invoke(source -> {
                    if (source == null || !source.base().enabled()) {
                        throw ApiException.notFound();
                    }
                    input.errors().throwIfAny();
                    if (!SENDABLE_TOKEN.matcher(input.value().plexToken()).matches()) {
                        throw FieldErrors.single(PlexTokenRedeemRequest.PLEX_TOKEN, TOKEN_INVALID);
                    }
                })
                .flatMap(source -> access.decide(rules(source), input.value().plexToken())
                        .flatMap(decision -> answer(decision, source, input.value().plexToken(), userId)));
    }

    private Uni<Void> answer(PlexAccessDecision decision, PlexSourceRow source, String plexToken, int userId) {
        return switch (decision.verdict()) {
            case ALLOWED -> connect(userId, source, decision.accountId(), plexToken);
            case DENIED -> Uni.createFrom().failure(new ApiException(Status.FORBIDDEN.getStatusCode(), ACCESS_DENIED));
            case TOKEN_REJECTED -> Uni.createFrom().failure(FieldErrors.single(PlexTokenRedeemRequest.PLEX_TOKEN, TOKEN_INVALID));
            case PLEX_TV_UNAVAILABLE -> Uni.createFrom().failure(
                    new ApiException(Status.BAD_GATEWAY.getStatusCode(), PLEX_TV_UNAVAILABLE));
        };
    }

    /**
     * Created or refreshed; the loser of two concurrent first links runs once more, as an update. A
     * source deleted meanwhile is reported by the create path as a bad {@code source}: here a 404.
     */
    private Uni<Void> connect(int userId, PlexSourceRow source, String accountId, String plexToken) {
        return connections.link(userId, source.base().id(), accountId, plexToken)
                .onFailure(DuplicateConnection.class)
                .recoverWithUni(() -> connections.link(userId, source.base().id(), accountId, plexToken))
                .onFailure(e -> e instanceof ValidationException invalid && invalid.errors().has(SourceReference.FIELD))
                .transform(e -> ApiException.notFound())
                .replaceWithVoid();
    }

    private PlexAccessRules rules(PlexSourceRow source) {
        return new PlexAccessRules(source.clientId(), ownerToken(source), source.allowFriends(),
                source.allowedServers());
    }

    /** The source's own token; none when no configured key decrypts it, so the checks that need it deny. */
    private Optional<String> ownerToken(PlexSourceRow source) {
        try {
            return Optional.of(cipher.decrypt(source.plexToken(), TokenTable.PLEX_SOURCE.row(source.base().id())));
        } catch (UndecryptableTokenException e) {
            if (UNDECRYPTABLE.fullReportDue(source.base().id().toString())) {
                LOG.warnf("source \"%s\": the checks that need its own token deny: %s", source.base().slug(), e.getMessage());
            }
            return Optional.empty();
        }
    }
}
