package dev.plexsrc.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vertx.mutiny.sqlclient.Tuple;

/** The where-clause of a list: clauses joined by AND, every value a positional parameter, LIKE metacharacters escaped. */
class CriteriaTest {

    @Test
    void noCriteriaMatchEveryRow() {
        Criteria criteria = new Criteria();
        assertTrue(criteria.isEmpty());
        assertEquals("true", criteria.where());
        assertEquals(List.of(), values(criteria.parameters()));
    }

    @Test
    void equalitiesAreBoundInOrder() {
        UUID id = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
        Criteria criteria = new Criteria().equal("s.slug", "plex").equal("s.enabled", true).equal("s.id", id);
        assertFalse(criteria.isEmpty());
        assertEquals("s.slug = $1 AND s.enabled = $2 AND s.id = $3", criteria.where());
        assertEquals(List.of("plex", true, id), values(criteria.parameters()));
    }

    @Test
    void noneMatchesNothingBesideTheOthers() {
        Criteria criteria = new Criteria().none();
        assertFalse(criteria.isEmpty());
        assertEquals("false", criteria.where());
        assertEquals("c.user_id = $1 AND false", new Criteria().equal("c.user_id", 7).none().where());
    }

    @Test
    void eachSearchTermMustOccurInOneOfTheColumnsLowerCased() {
        Criteria criteria = new Criteria().equal("s.enabled", true).search(List.of("Plex", "MEDIA"), List.of("s.name", "s.slug"));
        assertEquals("s.enabled = $1"
                + " AND (lower(s.name) LIKE $2 ESCAPE '\\' OR lower(s.slug) LIKE $2 ESCAPE '\\')"
                + " AND (lower(s.name) LIKE $3 ESCAPE '\\' OR lower(s.slug) LIKE $3 ESCAPE '\\')", criteria.where());
        assertEquals(List.of(true, "%plex%", "%media%"), values(criteria.parameters()));
    }

    @Test
    void likeMetacharactersInATermMatchThemselves() {
        Criteria criteria = new Criteria().search(List.of("50%", "a_b", "c\\d", "'; DROP TABLE plex_source; --"),
                List.of("s.name"));
        assertEquals(List.of("%50\\%%", "%a\\_b%", "%c\\\\d%", "%'; drop table plex\\_source; --%"),
                values(criteria.parameters()));
        assertFalse(criteria.where().contains("DROP"), criteria.where());
    }

    @Test
    void noTermsAddNothing() {
        Criteria criteria = new Criteria().search(List.of(), List.of("s.name"));
        assertTrue(criteria.isEmpty());
        assertEquals("true", criteria.where());
    }

    private static List<Object> values(Tuple tuple) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < tuple.size(); i++) {
            values.add(tuple.getValue(i));
        }
        return values;
    }
}
