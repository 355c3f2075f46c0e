package dev.plexsrc.change;

import static dev.plexsrc.connection.Connections.body;
import static dev.plexsrc.connection.Connections.createGroup;
import static dev.plexsrc.connection.Connections.createUser;
import static dev.plexsrc.connection.Connections.group;
import static dev.plexsrc.connection.Connections.pk;
import static dev.plexsrc.connection.Connections.user;
import static dev.plexsrc.testing.Api.SOURCES;
import static dev.plexsrc.testing.Api.as;
import static dev.plexsrc.testing.Api.asAdmin;
import static dev.plexsrc.testing.Api.createSource;
import static dev.plexsrc.testing.Api.minimalSource;
import static dev.plexsrc.testing.Api.source;
import static dev.plexsrc.testing.Api.toJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.junit.jupiter.api.Test;

import dev.plexsrc.connection.Connections;
import dev.plexsrc.testing.FakePlexTv;
import dev.plexsrc.testing.Tables;
import dev.plexsrc.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** V3__change_log.sql: one record per committed write, in the write's transaction, and none for a failed one. */
@QuarkusTest
class ChangeLogTest {

    private static final String GROUP = "6a0c8f5e-1b2d-4c3e-8f9a-0b1c2d3e4f50";

    FakePlexTv plexTv;

    @BeforeEach
    void empty() {
        Connections.truncate();
        Tables.truncate("change_log");
    }

    @Test
    void aSourceCreatedUpdatedAndDeletedIsRecordedOnceEach() {
        String id = createSource("plex").get("pk").asText();
        asAdmin().body("{\"name\":\"Renamed\"}").patch(source("plex")).then().statusCode(200);
        asAdmin().delete(source("plex")).then().statusCode(204);

        assertEquals(List.of("plexsource created " + id + " null", "plexsource updated " + id + " null",
                "plexsource deleted " + id + " null"), records());
    }

    @Test
    void userConnectionsAreRecordedWithTheirOwner() {
        createSource("plex");
        Tables.truncate("change_log");
        int id = pk(createUser("plex", 42, "plex-id", "secret-token"));
        asAdmin().body(body("identifier", "other")).patch(user(id)).then().statusCode(200);
        asAdmin().delete(user(id)).then().statusCode(204);

        assertEquals(List.of("userplexsourceconnection created " + id + " 42",
                "userplexsourceconnection updated " + id + " 42", "userplexsourceconnection deleted " + id + " 42"),
                records());
    }

    @Test
    void groupConnectionsAreRecorded() {
        createSource("plex");
        Tables.truncate("change_log");
        int id = pk(createGroup("plex", GROUP, "plex-group"));
        asAdmin().body(body("identifier", "other")).patch(group(id)).then().statusCode(200);
        asAdmin().delete(group(id)).then().statusCode(204);

        assertEquals(List.of("groupplexsourceconnection created " + id + " null",
                "groupplexsourceconnection updated " + id + " null", "groupplexsourceconnection deleted " + id + " null"),
                records());
    }

    @Test
    void deletingASourceRecordsTheConnectionsDeletedWithIt() {
        String source = createSource("plex").get("pk").asText();
        int userConnection = pk(createUser("plex", 42, "plex-id", "secret-token"));
        int groupConnection = pk(createGroup("plex", GROUP, "plex-group"));
        Tables.truncate("change_log");

        asAdmin().delete(source("plex")).then().statusCode(204);

        assertEquals(List.of("plexsource deleted " + source + " null",
                "userplexsourceconnection deleted " + userConnection + " 42",
                "groupplexsourceconnection deleted " + groupConnection + " null"), records());
    }

    @Test
    void aFailedWriteRecordsNothing() {
        createSource("plex");
        createSource("other");
        Tables.truncate("change_log");

        asAdmin().body(minimalSource("Again", "plex", "t")).post(SOURCES).then().statusCode(400);
        asAdmin().body("{\"slug\":\"plex\"}").patch(source("other")).then().statusCode(400);
        asAdmin().body(body("source", "plex", "user", 42, "identifier", "i", "plex_token", "t")).post(Connections.USERS)
                .then().statusCode(201);
        asAdmin().body(body("source", "plex", "user", 42, "identifier", "i", "plex_token", "t")).post(Connections.USERS)
                .then().statusCode(400);

        assertEquals(1, records().size(), () -> "only the one connection created: " + records());
    }

    @Test
    void aLinkRecordsItsCreateThenItsUpdate() {
        plexTv.reset();
        plexTv.account("owner-token", 1000).account("caller-token", 2000).friends("owner-token", 2000)
                .resources("owner-token").resources("caller-token");
        asAdmin().body(toJson(Map.of("name", "Plex", "slug", "plex", "plex_token", "owner-token"))).post(SOURCES)
                .then().statusCode(201);
        Tables.truncate("change_log");

        for (int i = 0; i < 2; i++) {
            as(Tokens.user(7)).queryParam("slug", "plex").body(toJson(Map.of("plex_token", "caller-token")))
                    .post(SOURCES + "redeem_token_authenticated/").then().statusCode(204);
        }

        String id = Tables.queryString("SELECT id::text FROM user_plex_source_connection");
        assertEquals(List.of("userplexsourceconnection created " + id + " 7",
                "userplexsourceconnection updated " + id + " 7"), records());
    }

    @Test
    void noRecordHoldsAToken() {
        String columns = Tables.queryString("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) "
                + "FROM information_schema.columns WHERE table_name = 'change_log'");
        assertEquals("id,model,action,pk,owner_user_id,changed_at", columns);
    }

    @Test
    void aRolledBackWriteRecordsAndNotifiesNothingAndACommittedOneNotifiesItsId() throws SQLException {
        try (Connection listener = Tables.connect(); Connection writer = Tables.connect();
                Statement listen = listener.createStatement(); Statement write = writer.createStatement()) {
            listen.execute("LISTEN plexsrc_changes");
            writer.setAutoCommit(false);
            String insert = "INSERT INTO plex_source (id, name, slug, client_id, plex_token) "
                    + "VALUES (gen_random_uuid(), 'n', '%s', 'c', 't')";
            write.execute(insert.formatted("rolled-back"));
            writer.rollback();
            write.execute(insert.formatted("committed"));
            writer.commit();

            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertEquals(1, records().size(), () -> "only the committed insert: " + records());
            String id = Tables.queryString("SELECT id::text FROM change_log");
            assertEquals(1, notifications.length);
            assertEquals(id, notifications[0].getParameter());
        }
    }

    /** The change log in id order, one "model action pk owner" line a record. */
    private static List<String> records() {
        List<String> records = new ArrayList<>();
        try (Connection connection = Tables.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT model, action, pk, owner_user_id FROM change_log ORDER BY id")) {
            while (rows.next()) {
                records.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " " + rows.getString(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return records;
    }
}
