package dev.plexsrc.source;

import static dev.plexsrc.testing.Api.assertJsonBody;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.listSources;
import static dev.plexsrc.testing.Api.listSourcesOk;
import static dev.plexsrc.testing.Api.listSourcesQuery;
import static dev.plexsrc.testing.Api.names;
import static dev.plexsrc.testing.Api.ok;
import static dev.plexsrc.testing.Api.pks;
import static dev.plexsrc.testing.Api.slugs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.testing.Tables;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

/** The source list's filters, search and ordering, as authentik clients use them. */
@QuarkusTest
class PlexSourceListTest {

    private static final String FLOW_1 = "11111111-1111-4111-8111-111111111111";
    private static final String FLOW_2 = "22222222-2222-4222-8222-222222222222";
    private static final String ENROLL_1 = "33333333-3333-4333-8333-333333333333";
    private static final String ENROLL_2 = "44444444-4444-4444-8444-444444444444";
    private static final String UNUSED = "55555555-5555-4555-8555-555555555555";

    @BeforeEach
    void clean() {
        Tables.truncate("plex_source");
    }

    /** Four sources whose attributes differ so that every filter value picks a distinct subset. */
    private static void filterFixture() {
        createSource("alpha", "one", "enabled", true, "authentication_flow", FLOW_1, "enrollment_flow", ENROLL_1,
                "policy_engine_mode", "any", "user_matching_mode", "identifier", "group_matching_mode", "identifier",
                "client_id", "client-a", "allow_friends", true);
        createSource("alpha two", "one-more", "enabled", false, "authentication_flow", FLOW_2,
                "policy_engine_mode", "all", "user_matching_mode", "email_link", "group_matching_mode", "name_link",
                "client_id", "client-b", "allow_friends", false);
        createSource("beta", "two", "enabled", true, "enrollment_flow", ENROLL_2,
                "policy_engine_mode", "all", "user_matching_mode", "username_deny", "group_matching_mode", "name_deny",
                "client_id", "client-c", "allow_friends", false);
        createSource("alphabet", "three", "enabled", false, "authentication_flow", FLOW_1, "enrollment_flow", ENROLL_1,
                "policy_engine_mode", "any", "user_matching_mode", "email_link", "group_matching_mode", "identifier",
                "client_id", "client-ab", "allow_friends", true);
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("name=alpha", List.of("one")),
                Arguments.of("name=alpha two", List.of("one-more")),
                Arguments.of("name=alph", List.of()),
                Arguments.of("slug=one", List.of("one")),
                Arguments.of("slug=one-more", List.of("one-more")),
                Arguments.of("slug=on", List.of()),
                Arguments.of("enabled=true", List.of("one", "two")),
                Arguments.of("enabled=false", List.of("one-more", "three")),
                Arguments.of("authentication_flow=" + FLOW_1, List.of("one", "three")),
                Arguments.of("authentication_flow=" + FLOW_2, List.of("one-more")),
                Arguments.of("authentication_flow=" + UNUSED, List.of()),
                Arguments.of("enrollment_flow=" + ENROLL_1, List.of("one", "three")),
                Arguments.of("enrollment_flow=" + ENROLL_2, List.of("two")),
                Arguments.of("enrollment_flow=" + UNUSED, List.of()),
                Arguments.of("policy_engine_mode=all", List.of("one-more", "two")),
                Arguments.of("policy_engine_mode=any", List.of("one", "three")),
                Arguments.of("user_matching_mode=identifier", List.of("one")),
                Arguments.of("user_matching_mode=email_link", List.of("one-more", "three")),
                Arguments.of("user_matching_mode=username_deny", List.of("two")),
                Arguments.of("user_matching_mode=email_deny", List.of()),
                Arguments.of("group_matching_mode=identifier", List.of("one", "three")),
                Arguments.of("group_matching_mode=name_link", List.of("one-more")),
                Arguments.of("group_matching_mode=name_deny", List.of("two")),
                Arguments.of("client_id=client-a", List.of("one")),
                Arguments.of("client_id=client-ab", List.of("three")),
                Arguments.of("client_id=client", List.of()),
                Arguments.of("allow_friends=true", List.of("one", "three")),
                Arguments.of("allow_friends=false", List.of("one-more", "two")),
                // combined filters are ANDed
                Arguments.of("enabled=true&policy_engine_mode=all", List.of("two")),
                Arguments.of("enabled=false&allow_friends=true&authentication_flow=" + FLOW_1, List.of("three")),
                Arguments.of("authentication_flow=" + FLOW_1 + "&group_matching_mode=name_link", List.of()),
                Arguments.of("user_matching_mode=email_link&client_id=client-b", List.of("one-more")),
                Arguments.of("search=alpha&enabled=false", List.of("one-more", "three")),
                Arguments.of("search=alpha&allow_friends=false&policy_engine_mode=all", List.of("one-more")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void filterSelectsExactlyTheMatchingRows(String query, List<String> expected) {
        filterFixture();
        assertSelects(expected, listSourcesQuery(query));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "true", "TRUE", "True", "tRuE", "1" })
    void booleanFiltersAcceptTrueSpellings(String value) {
        filterFixture();
        assertSelects(List.of("one", "two"), listSources("enabled", value));
        assertSelects(List.of("one", "three"), listSources("allow_friends", value));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "false", "FALSE", "False", "fAlSe", "0" })
    void booleanFiltersAcceptFalseSpellings(String value) {
        filterFixture();
        assertSelects(List.of("one-more", "three"), listSources("enabled", value));
        assertSelects(List.of("one-more", "two"), listSources("allow_friends", value));
    }

    @Test
    void pbmUuidSelectsOneSource() {
        filterFixture();
        String pk = listSourcesOk("slug", "two").get("results").get(0).get("pk").asText();
        assertSelects(List.of("two"), listSources("pbm_uuid", pk));
        assertSelects(List.of(), listSources("pbm_uuid", UNUSED));
        assertSelects(List.of("two"), listSources("pbm_uuid", pk, "enabled", "true"));
        assertSelects(List.of(), listSources("pbm_uuid", pk, "enabled", "false"));
    }

    static Stream<Arguments> malformedFilters() {
        String choice = "[\"Select a valid choice. %s is not one of the available choices.\"]";
        return Stream.of(
                Arguments.of("pbm_uuid=x", "{\"pbm_uuid\":[\"Enter a valid UUID.\"]}"),
                Arguments.of("pbm_uuid=1234", "{\"pbm_uuid\":[\"Enter a valid UUID.\"]}"),
                Arguments.of("authentication_flow=x", "{\"authentication_flow\":[\"Enter a valid UUID.\"]}"),
                Arguments.of("enrollment_flow=not-a-uuid", "{\"enrollment_flow\":[\"Enter a valid UUID.\"]}"),
                Arguments.of("policy_engine_mode=x", "{\"policy_engine_mode\":" + choice.formatted("x") + "}"),
                Arguments.of("policy_engine_mode=ALL", "{\"policy_engine_mode\":" + choice.formatted("ALL") + "}"),
                Arguments.of("user_matching_mode=x", "{\"user_matching_mode\":" + choice.formatted("x") + "}"),
                Arguments.of("group_matching_mode=x", "{\"group_matching_mode\":" + choice.formatted("x") + "}"),
                Arguments.of("enabled=maybe", "{\"enabled\":[\"Must be a valid boolean.\"]}"),
                Arguments.of("enabled=2", "{\"enabled\":[\"Must be a valid boolean.\"]}"),
                Arguments.of("allow_friends=maybe", "{\"allow_friends\":[\"Must be a valid boolean.\"]}"),
                // a valid filter next to a malformed one does not rescue the request
                Arguments.of("enabled=true&pbm_uuid=x", "{\"pbm_uuid\":[\"Enter a valid UUID.\"]}"),
                // every malformed filter is reported at once, so a client fixes them in one go
                Arguments.of("pbm_uuid=x&group_matching_mode=x&enabled=maybe",
                        "{\"pbm_uuid\":[\"Enter a valid UUID.\"],\"group_matching_mode\":" + choice.formatted("x")
                                + ",\"enabled\":[\"Must be a valid boolean.\"]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFilters")
    void malformedFilterAnswers400WithFieldError(String query, String expectedBody) {
        createSource("alpha", "one");
        assertJsonBody(400, expectedBody, listSourcesQuery(query));
    }

    // --- search -----------------------------------------------------------------------------

    private static void searchFixture() {
        createSource("red apple", "fruit-one");
        createSource("green apple", "fruit-two");
        createSource("red car", "vehicle");
    }

    static Stream<Arguments> searches() {
        return Stream.of(
                Arguments.of("red", List.of("fruit-one", "vehicle")),
                Arguments.of("RED", List.of("fruit-one", "vehicle")),
                Arguments.of("ApPlE", List.of("fruit-one", "fruit-two")),
                Arguments.of("red apple", List.of("fruit-one")),
                Arguments.of("apple red", List.of("fruit-one")),
                Arguments.of("apple,red", List.of("fruit-one")),
                Arguments.of("  red ,, apple\t", List.of("fruit-one")),
                Arguments.of("apple fruit-two", List.of("fruit-two")),
                Arguments.of("vehicle", List.of("vehicle")),
                Arguments.of("VEHI red", List.of("vehicle")),
                Arguments.of("red blue", List.of()),
                Arguments.of("\"red apple\"", List.of("fruit-one")),
                Arguments.of("\"apple red\"", List.of()),
                Arguments.of("\"d a\"", List.of("fruit-one")),
                Arguments.of("\"n a\",\"een\"", List.of("fruit-two")),
                Arguments.of("\"red car\" vehicle", List.of("vehicle")),
                Arguments.of("ruit-", List.of("fruit-one", "fruit-two")),
                Arguments.of("", List.of("fruit-one", "fruit-two", "vehicle")));
    }

    @ParameterizedTest(name = "search={0}")
    @MethodSource("searches")
    void searchRequiresEveryTermInNameOrSlug(String search, List<String> expected) {
        searchFixture();
        assertSelects(expected, listSources("search", search));
    }

    private static void wildcardFixture() {
        createSource("50% off", "fifty");
        createSource("500 items", "five-hundred");
        createSource("a_b", "underscore");
        createSource("axb", "axb");
        createSource("back\\slash", "backslash");
        createSource("plain", "plain");
    }

    static Stream<Arguments> literalSearches() {
        return Stream.of(
                Arguments.of("50%", List.of("fifty")),
                Arguments.of("%", List.of("fifty")),
                Arguments.of("%%", List.of()),
                Arguments.of("_", List.of("underscore")),
                Arguments.of("a_b", List.of("underscore")),
                Arguments.of("x_", List.of()),
                Arguments.of("\\", List.of("backslash")),
                Arguments.of("k\\s", List.of("backslash")),
                Arguments.of("\\%", List.of()),
                Arguments.of("\\_", List.of()));
    }

    @ParameterizedTest(name = "search={0}")
    @MethodSource("literalSearches")
    void searchTreatsLikeMetacharactersLiterally(String search, List<String> expected) {
        wildcardFixture();
        assertSelects(expected, listSources("search", search));
    }

    // --- ordering ---------------------------------------------------------------------------

    /** Names, slugs and enabled flags each in a different order. */
    private static void orderingFixture() {
        createSource("charlie", "a-slug", "enabled", false);
        createSource("alpha", "z-slug", "enabled", false);
        createSource("delta", "c-slug", "enabled", true);
        createSource("bravo", "m-slug", "enabled", true);
    }

    static Stream<Arguments> orderings() {
        List<String> byName = List.of("alpha", "bravo", "charlie", "delta");
        return Stream.of(
                Arguments.of(null, byName),
                Arguments.of("name", byName),
                Arguments.of("-name", List.of("delta", "charlie", "bravo", "alpha")),
                Arguments.of("slug", List.of("charlie", "delta", "bravo", "alpha")),
                Arguments.of("-slug", List.of("alpha", "bravo", "delta", "charlie")),
                Arguments.of("-enabled,name", List.of("bravo", "delta", "alpha", "charlie")),
                Arguments.of("enabled,-name", List.of("charlie", "alpha", "delta", "bravo")),
                Arguments.of("bogus", byName),
                Arguments.of("plex_token", byName),
                Arguments.of("bogus,-slug", List.of("alpha", "bravo", "delta", "charlie")),
                Arguments.of("-slug,bogus", List.of("alpha", "bravo", "delta", "charlie")));
    }

    @ParameterizedTest(name = "ordering={0}")
    @MethodSource("orderings")
    void orderingSortsByTheNamedFields(String ordering, List<String> expectedNames) {
        orderingFixture();
        JsonNode page = ordering == null ? listSourcesOk() : listSourcesOk("ordering", ordering);
        assertEquals(expectedNames, names(page));
    }

    @Test
    void orderingByPk() {
        orderingFixture();
        List<String> ascending = sorted(pks(listSourcesOk()));
        assertEquals(ascending, pks(listSourcesOk("ordering", "pk")));
        List<String> descending = new ArrayList<>(ascending);
        descending.sort(Comparator.reverseOrder());
        assertEquals(descending, pks(listSourcesOk("ordering", "-pk")));
    }

    /** Seven sources share a name, between two others; returns the shared-name pks in ascending order. */
    private static List<String> tieFixture() {
        createSource("zzz", "last");
        List<String> pks = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            pks.add(createSource("same", "same-" + i).get("pk").asText());
        }
        createSource("aaa", "first");
        return sorted(pks);
    }

    @Test
    void tiesAreBrokenByAscendingPk() {
        List<String> samePks = tieFixture();
        for (JsonNode page : List.of(listSourcesOk(), listSourcesOk("ordering", "name"), listSourcesOk("ordering", "bogus"))) {
            List<String> pks = pks(page);
            assertEquals(List.of("aaa", "same", "same", "same", "same", "same", "same", "same", "zzz"), names(page));
            assertEquals(samePks, pks.subList(1, 8));
        }
    }

    @ParameterizedTest(name = "ordering={0}")
    @ValueSource(strings = { "name", "-name", "enabled", "-allow_friends" })
    void pagingThroughTiesNeverRepeatsOrSkips(String ordering) {
        tieFixture();
        List<String> whole = pks(listSourcesOk("ordering", ordering));
        assertEquals(9, whole.size());
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= 5; page++) {
            paged.addAll(pks(listSourcesOk("ordering", ordering, "page_size", 2, "page", page)));
        }
        assertEquals(whole, paged);
        assertEquals(9, new HashSet<>(paged).size());
    }

    @Test
    void tiesUnderANonNameOrderingAreInAscendingPk() {
        List<String> samePks = tieFixture();
        List<String> all = new ArrayList<>(samePks);
        all.addAll(pks(listSourcesOk("name", "aaa")));
        all.addAll(pks(listSourcesOk("name", "zzz")));
        // every source is enabled, so ordering by enabled is one big tie
        assertEquals(sorted(all), pks(listSourcesOk("ordering", "enabled")));
    }

    // --- helpers ----------------------------------------------------------------------------

    private static void assertSelects(List<String> expectedSlugs, Response response) {
        JsonNode page = ok(response);
        assertEquals(sorted(expectedSlugs), sorted(slugs(page)), response::asString);
        assertEquals(expectedSlugs.size(), page.get("pagination").get("count").asInt(), response::asString);
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(Comparator.naturalOrder());
        return copy;
    }
}
