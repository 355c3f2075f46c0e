package dev.plexsrc.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A read model's columns and values come from its components: snake_case names, nested records flattened. */
class ReadModelTest {

    record Base(int id, String userMatchingMode) {
    }

    record Wide(Base base, List<String> allowedServers, boolean allowFriends) {
    }

    /** Stands for an entity: public fields named as the components. */
    static class Entity {
        public int id;
        public String userMatchingMode;
        public String[] allowedServers;
        public boolean allowFriends;
    }

    @ParameterizedTest
    @CsvSource({ "id, id", "userMatchingMode, user_matching_mode", "allowFriends, allow_friends", "plexToken, plex_token" })
    void aComponentIsTheColumnOfItsSnakeCaseName(String component, String column) {
        assertEquals(column, ReadModel.column(component));
    }

    @Test
    void theSelectListAliasesEachColumnAndFlattensANestedRecord() {
        assertEquals("s.id AS s_id, s.user_matching_mode AS s_user_matching_mode, "
                + "s.allowed_servers AS s_allowed_servers, s.allow_friends AS s_allow_friends",
                new ReadModel<>(Wide.class, "s").columns());
    }

    @Test
    void anEntityBecomesTheRecordFieldByFieldWithArraysAsLists() {
        Entity entity = new Entity();
        entity.id = 7;
        entity.userMatchingMode = "identifier";
        entity.allowedServers = new String[] { "a", "b" };
        entity.allowFriends = true;

        assertEquals(new Wide(new Base(7, "identifier"), List.of("a", "b"), true),
                new ReadModel<>(Wide.class, "s").of(entity));
    }

    @Test
    void anEntityLackingAComponentsFieldIsRefused() {
        record Other(int id, String missing) {
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new ReadModel<>(Other.class, "s").of(new Entity()));
        assertEquals("Entity lacks the field missing", refused.getMessage());
    }
}
