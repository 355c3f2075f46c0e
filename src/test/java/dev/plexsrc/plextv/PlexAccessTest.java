package dev.plexsrc.plextv;

import static dev.plexsrc.testing.FakePlexTv.player;
import static dev.plexsrc.testing.FakePlexTv.server;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.plexsrc.plextv.PlexAccessDecision.Verdict;
import dev.plexsrc.testing.FakePlexTv;
import dev.plexsrc.testing.FakePlexTv.Answer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;

/**
 * The redeem decision table of docs/api.md ("Linking a Plex account") against plex.tv on loopback,
 * without Quarkus: a check that allows wins even while others fail, a denial only when every check
 * answered, and a source token plex.tv refuses (or none) is a "no", never "unavailable".
 */
class PlexAccessTest {

    private static final String CALLER = "caller-token";
    private static final String OWNER = "owner-token";

    private static FakePlexTv plexTv;
    private static Vertx vertx;
    private static PlexAccess access;

    @BeforeAll
    static void start() {
        plexTv = new FakePlexTv();
        plexTv.start();
        vertx = Vertx.vertx();
        // No answer here is delayed: the timeout only has to outlast a cold first call on a loaded machine.
        access = new PlexAccess(new PlexTvClient(URI.create(plexTv.baseUrl()), Duration.ofSeconds(10),
                new MemorySize(BigInteger.valueOf(1024 * 1024)), vertx, new ObjectMapper(), new SimpleMeterRegistry()));
        // The first call loads the HTTP client and JSON classes (seconds on a loaded machine), here rather than in a case.
        access.decide(new PlexAccessRules("client-id", Optional.empty(), false, List.of()), "warm-up")
                .await().atMost(Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        plexTv.close();
    }

    @BeforeEach
    void reset() {
        plexTv.reset();
    }

    /*
     * Accounts: an id, "noid" (an account without one) or a status. Friends: ids separated by ";", "-" for none, or a
     * status. Resources: "server:x" (the caller's), "owned:x" / "shared:x" (the owner's, owned or not), "player:x",
     * "-" for none, or a status. The caller's account is 7, the owner's 1.
     */
    @ParameterizedTest(name = "friends={0} servers={1} owner token={2}: user {3}, owner {4}, friends {5}, "
            + "resources {6} / {7} -> {8}")
    @CsvSource(delimiter = '|', value = {
            // friends | servers | owner token | caller /user | owner /user | friends | caller resources | owner resources | verdict | account
            // Whose token it is comes first: refused is a token error, anything else unavailable.
            "true  | ''  | true  | 401  | 1   | -    | server:a | owned:a  | TOKEN_REJECTED      | ''",
            "true  | ''  | true  | 500  | 1   | -    | server:a | owned:a  | PLEX_TV_UNAVAILABLE | ''",
            "true  | ''  | true  | 404  | 1   | -    | server:a | owned:a  | PLEX_TV_UNAVAILABLE | ''",
            "true  | ''  | true  | noid | 1   | -    | server:a | owned:a  | PLEX_TV_UNAVAILABLE | ''",
            // allow_friends on, allowed_servers []: owner, friend, or a server the owner owns.
            "true  | ''  | true  | 7    | 7   | 500  | 500      | 500      | ALLOWED             | 7",
            "true  | ''  | true  | 7    | 500 | 8;7  | 500      | 500      | ALLOWED             | 7",
            "true  | ''  | true  | 7    | 1   | 8    | server:a | owned:a  | ALLOWED             | 7",
            "true  | ''  | true  | 7    | 1   | 8    | server:b | owned:a  | DENIED              | 7",
            "true  | ''  | true  | 7    | 1   | -    | -        | owned:a  | DENIED              | 7",
            "true  | ''  | true  | 7    | 1   | 8    | server:a | shared:a | DENIED              | 7",
            "true  | ''  | true  | 7    | 1   | 8    | player:a | owned:a  | DENIED              | 7",
            "true  | ''  | true  | 7    | 500 | 8    | server:b | owned:a  | PLEX_TV_UNAVAILABLE | 7",
            "true  | ''  | true  | 7    | 1   | 502  | server:b | owned:a  | PLEX_TV_UNAVAILABLE | 7",
            "true  | ''  | true  | 7    | 1   | 8    | 500      | owned:a  | PLEX_TV_UNAVAILABLE | 7",
            "true  | ''  | true  | 7    | 1   | 8    | server:a | 500      | PLEX_TV_UNAVAILABLE | 7",
            // A list that cannot overlap (empty, or refused 401) denies even while the other is unknown.
            "true  | ''  | true  | 7    | 1   | 8    | -        | 500      | DENIED              | 7",
            "true  | ''  | true  | 7    | 1   | 8    | 401      | 500      | DENIED              | 7",
            "true  | ''  | true  | 7    | 1   | 8    | 500      | -        | DENIED              | 7",
            // The source's token refused by plex.tv: every check needing it says no (403, not 502).
            "true  | ''  | true  | 7    | 401 | 401  | server:a | 401      | DENIED              | 7",
            "true  | ''  | true  | 7    | 401 | 401  | 500      | 401      | DENIED              | 7",
            // allow_friends off: owner and friends are not asked.
            "false | a   | true  | 7    | 7   | 7    | server:a | -        | ALLOWED             | 7",
            "false | a   | true  | 7    | 7   | 7    | server:b | owned:b  | DENIED              | 7",
            "false | a   | true  | 7    | 7   | 7    | 500      | owned:a  | PLEX_TV_UNAVAILABLE | 7",
            "false | ''  | true  | 7    | 7   | 7    | server:a | owned:a  | ALLOWED             | 7",
            "false | ''  | true  | 7    | 7   | 7    | server:b | owned:a  | DENIED              | 7",
            // allow_friends on with allowed_servers: friend or a listed server; the owner's own servers do not count.
            "true  | a   | true  | 7    | 1   | 7    | server:b | -        | ALLOWED             | 7",
            "true  | a   | true  | 7    | 1   | 8    | server:a | -        | ALLOWED             | 7",
            "true  | a   | true  | 7    | 1   | 8    | server:b | owned:b  | DENIED              | 7",
            "true  | a   | true  | 7    | 1   | 500  | server:b | -        | PLEX_TV_UNAVAILABLE | 7",
            // No usable source token (none decrypts): its checks say no; a listed server still allows.
            "true  | ''  | false | 7    | 7   | 7    | server:a | owned:a  | DENIED              | 7",
            "true  | ''  | false | 7    | 7   | 7    | 500      | owned:a  | DENIED              | 7",
            "false | a   | false | 7    | 7   | 7    | server:a | -        | ALLOWED             | 7",
            "true  | a   | false | 7    | 7   | 7    | 500      | -        | PLEX_TV_UNAVAILABLE | 7",
    })
    void decides(boolean allowFriends, String servers, boolean hasOwnerToken, String callerAccount, String ownerAccount,
            String friends, String callerResources, String ownerResources, Verdict verdict, String accountId) {
        account(CALLER, callerAccount);
        account(OWNER, ownerAccount);
        friends(friends);
        resources(CALLER, callerResources);
        resources(OWNER, ownerResources);
        PlexAccessRules rules = new PlexAccessRules("client-id", hasOwnerToken ? Optional.of(OWNER) : Optional.empty(),
                allowFriends, servers.isEmpty() ? List.of() : List.of(servers.split(";")));

        PlexAccessDecision decision = access.decide(rules, CALLER).await().atMost(Duration.ofSeconds(15));

        assertEquals(new PlexAccessDecision(verdict, accountId.isEmpty() ? null : accountId), decision);
    }

    @Test
    void withoutFriendsAndWithListedServersTheOwnersTokenIsNeverSent() {
        account(CALLER, "7");
        resources(CALLER, "server:a");
        PlexAccessRules rules = new PlexAccessRules("client-id", Optional.of(OWNER), false, List.of("a", "b"));

        assertEquals(Verdict.ALLOWED, access.decide(rules, CALLER).await().atMost(Duration.ofSeconds(15)).verdict());
        List<String> calls = plexTv.requests().stream().map(r -> r.path() + " " + r.header("X-Plex-Token")).toList();
        assertEquals(List.of(FakePlexTv.USER + " " + CALLER, FakePlexTv.RESOURCES + " " + CALLER), calls);
        System.out.println("PlexAccessTest: friends off, servers [a, b]: " + calls.size() + " calls, none with the owner's token");
    }

    private static void account(String token, String code) {
        if (code.equals("noid")) {
            plexTv.answer(FakePlexTv.USER, token, Answer.json("{\"username\":\"no-id\"}"));
        } else if (isStatus(code)) {
            plexTv.answer(FakePlexTv.USER, token, Answer.status(Integer.parseInt(code)));
        } else {
            plexTv.account(token, Long.parseLong(code));
        }
    }

    private static void friends(String code) {
        if (isStatus(code)) {
            plexTv.answer(FakePlexTv.FRIENDS, OWNER, Answer.status(Integer.parseInt(code)));
        } else if (code.equals("-")) {
            plexTv.friends(OWNER);
        } else {
            plexTv.friends(OWNER, Arrays.stream(code.split(";")).mapToLong(Long::parseLong).toArray());
        }
    }

    private static void resources(String token, String code) {
        if (isStatus(code)) {
            plexTv.answer(FakePlexTv.RESOURCES, token, Answer.status(Integer.parseInt(code)));
        } else if (code.equals("-")) {
            plexTv.resources(token);
        } else {
            String id = code.substring(code.indexOf(':') + 1);
            plexTv.resources(token, switch (code.substring(0, code.indexOf(':'))) {
                case "server", "owned" -> server(id, true);
                case "shared" -> server(id, false);
                case "player" -> player(id);
                default -> throw new IllegalArgumentException(code);
            });
        }
    }

    /** A 4xx or 5xx answer, told from account ids (one digit) and id lists. */
    private static boolean isStatus(String code) {
        return code.matches("[45]\\d\\d");
    }
}
