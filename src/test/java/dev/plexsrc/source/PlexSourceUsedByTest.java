package dev.plexsrc.source;

import static dev.plexsrc.connection.Connections.GROUPS;
import static dev.plexsrc.connection.Connections.USERS;
import static dev.plexsrc.connection.Connections.createGroup;
import static dev.plexsrc.connection.Connections.createUser;
import static dev.plexsrc.connection.Connections.fetch;
import static dev.plexsrc.connection.Connections.group;
import static dev.plexsrc.connection.Connections.ok;
import static dev.plexsrc.connection.Connections.pk;
import static dev.plexsrc.connection.Connections.pks;
import static dev.plexsrc.connection.Connections.user;
import static dev.plexsrc.testing.Api.NOT_FOUND;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.json;
import static dev.plexsrc.testing.Api.parse;
import static dev.plexsrc.testing.Api.sameJson;
import static dev.plexsrc.testing.Api.source;
import static dev.plexsrc.testing.Api.toJson;
import static dev.plexsrc.testing.Api.usedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.testing.Tables;
import io.quarkus.test.junit.QuarkusTest;

/** A source's used_by lists its connections, which deleting the source deletes too. */
@QuarkusTest
class PlexSourceUsedByTest {

    private static final String GROUP = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

    private int user5;
    private int user6;
    private int groupConnection;
    private int otherUser5;
    private int otherGroup;

    @BeforeEach
    void fixture() {
        Connections.truncate();
        createSource("plex");
        createSource("other");
        user5 = pk(createUser("plex", 5, "five", "t5"));
        user6 = pk(createUser("plex", 6, "six", "t6"));
        groupConnection = pk(createGroup("plex", GROUP, "admins"));
        otherUser5 = pk(createUser("other", 5, "five-elsewhere", "t"));
        otherGroup = pk(createGroup("other", GROUP, "admins-elsewhere"));
    }

    private static Map<String, String> userRow(int pk, int user, String slug) {
        return Map.of("app", "authentik_sources_plex", "model_name", "userplexsourceconnection", "pk",
                Integer.toString(pk), "name", "User-source connection (user=" + user + ", source=" + slug + ")",
                "action", "cascade");
    }

    private static Map<String, String> groupRow(int pk, String group, String slug) {
        return Map.of("app", "authentik_sources_plex", "model_name", "groupplexsourceconnection", "pk",
                Integer.toString(pk), "name", "Group-source connection (group=" + group + ", source=" + slug + ")",
                "action", "cascade");
    }

    /** used_by rows of a source, in a fixed order (the API's order is not part of the contract). */
    private static List<JsonNode> usedByRows(String slug) {
        JsonNode body = parse(asAdmin().get(usedBy(slug)).then().log().ifValidationFails().statusCode(200)
                .extract().asString());
        List<JsonNode> rows = new ArrayList<>();
        body.forEach(rows::add);
        rows.sort(Comparator.comparing((JsonNode row) -> row.path("model_name").asText())
                .reversed().thenComparing(row -> row.path("pk").asInt()));
        return rows;
    }

    private static List<JsonNode> expected(Object... rows) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Object row : rows) {
            nodes.add(parse(toJson(row)));
        }
        return nodes;
    }

    @Test
    void usedByListsEveryConnectionOfTheSourceAndNoOther() {
        assertEquals(expected(userRow(user5, 5, "plex"), userRow(user6, 6, "plex"), groupRow(groupConnection, GROUP, "plex")),
                usedByRows("plex"));
        assertEquals(expected(userRow(otherUser5, 5, "other"), groupRow(otherGroup, GROUP, "other")),
                usedByRows("other"));
    }

    @Test
    void usedByFollowsDeletedConnections() {
        asAdmin().delete(user(user6)).then().statusCode(204);
        asAdmin().delete(group(groupConnection)).then().statusCode(204);
        assertEquals(expected(userRow(user5, 5, "plex")), usedByRows("plex"));
        asAdmin().delete(user(user5)).then().statusCode(204);
        asAdmin().get(usedBy("plex")).then().statusCode(200).body(sameJson("[]"));
    }

    @Test
    void usedByNamesTheCurrentSlug() {
        asAdmin().body(json("{'slug':'renamed'}")).patch(source("plex")).then().statusCode(200);
        assertEquals(expected(userRow(user5, 5, "renamed"), userRow(user6, 6, "renamed"),
                groupRow(groupConnection, GROUP, "renamed")), usedByRows("renamed"));
    }

    @Test
    void deletingTheSourceDeletesItsConnections() {
        JsonNode keptUser = fetch(user(otherUser5));
        JsonNode keptGroup = fetch(group(otherGroup));
        assertEquals(3, ok(asAdmin().get(USERS)).get("pagination").get("count").asInt());
        assertEquals(2, ok(asAdmin().get(GROUPS)).get("pagination").get("count").asInt());

        asAdmin().delete(source("plex")).then().statusCode(204);

        for (int id : new int[] { user5, user6 }) {
            asAdmin().get(user(id)).then().statusCode(404).body(sameJson(NOT_FOUND));
        }
        asAdmin().get(group(groupConnection)).then().statusCode(404).body(sameJson(NOT_FOUND));

        JsonNode users = ok(asAdmin().get(USERS));
        assertEquals(1, users.get("pagination").get("count").asInt(), users::toString);
        assertEquals(List.of(otherUser5), pks(users));
        JsonNode groups = ok(asAdmin().get(GROUPS));
        assertEquals(1, groups.get("pagination").get("count").asInt(), groups::toString);
        assertEquals(List.of(otherGroup), pks(groups));
        assertEquals(keptUser, fetch(user(otherUser5)));
        assertEquals(keptGroup, fetch(group(otherGroup)));
        assertEquals("1", Tables.queryString("SELECT count(*) FROM user_plex_source_connection"));
        assertEquals("1", Tables.queryString("SELECT count(*) FROM group_plex_source_connection"));
    }
}
