package dev.plexsrc.connection;

import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.parse;
import static dev.plexsrc.testing.Api.toJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.plexsrc.testing.Api;
import dev.plexsrc.testing.Tables;
import io.restassured.response.Response;

/** Shared helpers for the user and group connection tests; JSON and requests come from {@link Api}. */
public final class Connections {

    public static final String USERS = "/api/v3/sources/user_connections/plex/";
    public static final String GROUPS = "/api/v3/sources/group_connections/plex/";
    public static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    public static final String NOT_PROVIDED = "{\"detail\":\"Authentication credentials were not provided.\"}";
    public static final String USER_DUPLICATE = "{\"non_field_errors\":[\"The fields user, source must make a unique set.\"]}";
    public static final String GROUP_DUPLICATE = "{\"non_field_errors\":[\"The fields group, source must make a unique set.\"]}";

    public static final String VIEW_USER = "authentik_sources_plex.view_userplexsourceconnection";
    public static final String ADD_USER = "authentik_sources_plex.add_userplexsourceconnection";
    public static final String CHANGE_USER = "authentik_sources_plex.change_userplexsourceconnection";
    public static final String DELETE_USER = "authentik_sources_plex.delete_userplexsourceconnection";
    public static final String VIEW_GROUP = "authentik_sources_plex.view_groupplexsourceconnection";
    public static final String ADD_GROUP = "authentik_sources_plex.add_groupplexsourceconnection";
    public static final String CHANGE_GROUP = "authentik_sources_plex.change_groupplexsourceconnection";
    public static final String DELETE_GROUP = "authentik_sources_plex.delete_groupplexsourceconnection";

    /** Response keys in the order authentik answers them. */
    public static final List<String> USER_KEYS = List.of("pk", "user", "source", "created", "identifier", "last_updated");
    public static final List<String> GROUP_KEYS = List.of("pk", "group", "source", "identifier", "created", "last_updated");
    /** The nested Source: the PlexSource fields from pk through icon. */
    public static final List<String> SOURCE_KEYS = List.of("pk", "name", "slug", "enabled", "authentication_flow",
            "enrollment_flow", "user_property_mappings", "group_property_mappings", "component", "verbose_name",
            "verbose_name_plural", "meta_model_name", "policy_engine_mode", "user_matching_mode", "managed",
            "user_path_template", "icon");
    /** ISO-8601 UTC ending in Z. */
    public static final String DATETIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$";

    private Connections() {
    }

    /** Empties the connection tables and the sources. */
    public static void truncate() {
        Tables.truncate("user_plex_source_connection", "group_plex_source_connection", "plex_source");
    }

    public static String user(Object id) {
        return USERS + id + "/";
    }

    public static String userUsedBy(Object id) {
        return user(id) + "used_by/";
    }

    public static String group(Object id) {
        return GROUPS + id + "/";
    }

    public static String groupUsedBy(Object id) {
        return group(id) + "used_by/";
    }

    /** A JSON object from key/value pairs, in order; values may be null. */
    public static String body(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return toJson(map);
    }

    /** The nested Source a connection of {@code plexSource} (a PlexSource response) must carry. */
    public static JsonNode nested(JsonNode plexSource) {
        ObjectNode nested = parse("{}").deepCopy();
        for (String key : SOURCE_KEYS) {
            nested.set(key, plexSource.get(key));
        }
        return nested;
    }

    /** Creates a user connection as admin; {@code source} is the source's pk or slug. Returns the 201 body. */
    public static JsonNode createUser(String source, int user, String identifier, String plexToken) {
        Response response = asAdmin()
                .body(body("source", source, "user", user, "identifier", identifier, "plex_token", plexToken))
                .post(USERS);
        assertEquals(201, response.statusCode(), () -> "create user connection: " + response.asString());
        return parse(response.asString());
    }

    /** Creates a group connection as admin; {@code source} is the source's pk or slug. Returns the 201 body. */
    public static JsonNode createGroup(String source, String group, String identifier) {
        Response response = asAdmin().body(body("source", source, "group", group, "identifier", identifier)).post(GROUPS);
        assertEquals(201, response.statusCode(), () -> "create group connection: " + response.asString());
        return parse(response.asString());
    }

    /** GET as admin, asserting 200. */
    public static JsonNode fetch(String path) {
        Response response = asAdmin().get(path);
        assertEquals(200, response.statusCode(), () -> "GET " + path + ": " + response.asString());
        return parse(response.asString());
    }

    /** A 200 list body, asserting status. */
    public static JsonNode ok(Response response) {
        assertEquals(200, response.statusCode(), response::asString);
        return parse(response.asString());
    }

    /** The {@code pk}s of a list page, in order. */
    public static List<Integer> pks(JsonNode page) {
        List<Integer> pks = new ArrayList<>();
        page.get("results").forEach(row -> pks.add(row.get("pk").asInt()));
        return pks;
    }

    public static int pk(JsonNode connection) {
        return connection.get("pk").asInt();
    }

    /** A copy of {@code object} with the fields of the JSON object {@code changes} replaced. */
    public static JsonNode with(JsonNode object, String changes) {
        ObjectNode copy = object.deepCopy();
        copy.setAll((ObjectNode) parse(changes));
        return copy;
    }

    /** A copy of {@code object} without the named keys. */
    public static JsonNode without(JsonNode object, String... names) {
        ObjectNode copy = object.deepCopy();
        copy.remove(List.of(names));
        return copy;
    }

    /** Sets created/last_updated of a stored connection to a fixed past instant, so a later change is visible. */
    public static void backdate(String table, int pk) {
        String updated = Tables.queryString("UPDATE " + table + " SET created = '2020-01-02T03:04:05Z', "
                + "last_updated = '2020-01-02T03:04:05Z' WHERE id = " + pk + " RETURNING id");
        assertEquals(Integer.toString(pk), updated, "backdated row");
    }
}
