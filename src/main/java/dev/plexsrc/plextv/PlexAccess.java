package dev.plexsrc.plextv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import dev.plexsrc.plextv.PlexAccessDecision.Verdict;
import io.smallrye.mutiny.Uni;

/**
 * Decides whether the account of a plex.tv token may link itself to a source.
 * plex.tv first says whose token it is; then, at once, each check of the source's rules runs and
 * fails closed on its own: a check that cannot answer never allows, and never stops another from
 * allowing.
 * <ul>
 * <li>owner or friend, when {@code allow_friends}: the account is the owner's ({@code /user} with the
 * source's token) or among the owner's friends ({@code /friends} with the source's token);</li>
 * <li>server member: the account's {@code /resources} list a server in {@code allowed_servers}, or,
 * when that is empty, one the owner owns ({@code /resources} with the source's token, {@code owned}).</li>
 * </ul>
 * Allowed when a check allows. Denied when every check answered and none allows; a check the source
 * cannot run (no usable token of its own, or plex.tv refusing it) answers "no". Otherwise plex.tv is
 * unavailable: a denial must not be claimed that a check which did not answer might have overturned.
 */
@Singleton
public class PlexAccess {

    private final PlexTvClient plexTv;

    public PlexAccess(PlexTvClient plexTv) {
        this.plexTv = plexTv;
    }

    public Uni<PlexAccessDecision> decide(PlexAccessRules rules, String token) {
        PlexTvClient.Conversation conversation = plexTv.converse(rules.clientIdentifier());
        return conversation.account(token).onItemOrFailure().transformToUni((account, failure) -> {
            if (failure instanceof PlexTvException plex) {
                return Uni.createFrom().item(new PlexAccessDecision(
                        plex.outcome() == PlexTvOutcome.UNAUTHORIZED ? Verdict.TOKEN_REJECTED : Verdict.PLEX_TV_UNAVAILABLE, null));
            }
            if (failure != null) {
                return Uni.createFrom().failure(failure);
            }
            if (account.id() == null) {
                return Uni.createFrom().item(new PlexAccessDecision(Verdict.PLEX_TV_UNAVAILABLE, null));
            }
            return checks(conversation, rules, token, account.id()).map(check -> new PlexAccessDecision(
                    check.verdict(), Long.toString(account.id())));
        });
    }

    private Uni<Check> checks(PlexTvClient.Conversation conversation, PlexAccessRules rules, String token, long accountId) {
        List<Uni<Check>> checks = new ArrayList<>();
        if (rules.allowFriends()) {
            checks.add(ownerOrFriend(conversation, rules.ownerToken(), accountId));
        }
        checks.add(serverMember(conversation, rules, token));
        return Uni.combine().all().unis(checks).with(Check.class, Check::anyOf);
    }

    private static Uni<Check> ownerOrFriend(PlexTvClient.Conversation conversation, Optional<String> ownerToken,
            long accountId) {
        if (ownerToken.isEmpty()) {
            return Uni.createFrom().item(Check.DENIES);
        }
        Uni<Check> owner = conversation.account(ownerToken.get())
                .map(account -> Check.allowsIf(Objects.equals(account.id(), accountId)))
                .onFailure(PlexTvException.class).recoverWithItem(Check::failed);
        Uni<Check> friend = conversation.friends(ownerToken.get())
                .map(friends -> Check.allowsIf(friends.stream().anyMatch(f -> f != null && Objects.equals(f.id(), accountId))))
                .onFailure(PlexTvException.class).recoverWithItem(Check::failed);
        return Uni.combine().all().unis(owner, friend).with(Check.class, Check::anyOf);
    }

    private static Uni<Check> serverMember(PlexTvClient.Conversation conversation, PlexAccessRules rules, String token) {
        Uni<Servers> member = servers(conversation.resources(token), PlexResource::isServer);
        if (!rules.allowedServers().isEmpty()) {
            Set<String> allowed = Set.copyOf(rules.allowedServers());
            return member.map(servers -> servers.overlap(new Servers(allowed, null)));
        }
        if (rules.ownerToken().isEmpty()) {
            return Uni.createFrom().item(Check.DENIES);
        }
        Uni<Servers> owned = servers(conversation.resources(rules.ownerToken().get()), PlexResource::isOwnedServer);
        return Uni.combine().all().unis(member, owned).with((servers, ownerServers) -> servers.overlap(ownerServers));
    }

    private static Uni<Servers> servers(Uni<List<PlexResource>> resources, Predicate<PlexResource> kind) {
        return resources
                .map(list -> new Servers(list.stream().filter(Objects::nonNull).filter(kind).map(PlexResource::clientIdentifier)
                        .filter(Objects::nonNull).collect(Collectors.toSet()), null))
                .onFailure(PlexTvException.class).recoverWithItem(failure -> new Servers(null, Check.failed(failure)));
    }

    /** The client identifiers of servers one list names, or ({@code ids} null) why that list is unknown. */
    private record Servers(Set<String> ids, Check failure) {

        /** Allows when both lists share a server; an empty or refused list denies even when the other is unknown. */
        Check overlap(Servers other) {
            if (ids != null && other.ids != null) {
                return Check.allowsIf(ids.stream().anyMatch(other.ids::contains));
            }
            return cannotOverlap() || other.cannotOverlap() ? Check.DENIES : Check.UNANSWERED;
        }

        private boolean cannotOverlap() {
            return ids != null ? ids.isEmpty() : failure == Check.DENIES;
        }
    }

    /** What one check says. */
    enum Check {
        ALLOWS,
        DENIES,
        /** plex.tv could not answer it (unreachable, timeout, 5xx, an unexpected answer). */
        UNANSWERED;

        static Check allowsIf(boolean allows) {
            return allows ? ALLOWS : DENIES;
        }

        /** A call that failed: plex.tv refusing the token is an answer ("no"); anything else is none. */
        static Check failed(Throwable failure) {
            return ((PlexTvException) failure).outcome() == PlexTvOutcome.UNAUTHORIZED ? DENIES : UNANSWERED;
        }

        /** Allows if one allows; otherwise denies only if every one answered. */
        static Check anyOf(List<Check> checks) {
            return checks.contains(ALLOWS) ? ALLOWS : checks.contains(UNANSWERED) ? UNANSWERED : DENIES;
        }

        Verdict verdict() {
            return switch (this) {
                case ALLOWS -> Verdict.ALLOWED;
                case DENIES -> Verdict.DENIED;
                case UNANSWERED -> Verdict.PLEX_TV_UNAVAILABLE;
            };
        }
    }
}
