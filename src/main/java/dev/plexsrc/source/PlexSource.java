package dev.plexsrc.source;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicInsert;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.plexsrc.database.ReadModel;

/**
 * A Plex source as written; {@code plexToken} holds ciphertext, never the plain token. Each field
 * is the column of its snake_case name (the naming strategy in application.properties), and of the
 * component of the same name in {@link PlexSourceRow} or {@link SourceRow}.
 */
@Entity
// A create leaves out the columns it did not set, so that they take their defaults from the schema.
@DynamicInsert
@Table(name = "plex_source")
public class PlexSource {

    @Id
    public UUID id;

    public String name;

    public String slug;

    public Boolean enabled;

    public Boolean promoted;

    public UUID authenticationFlow;

    public UUID enrollmentFlow;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public UUID[] userPropertyMappings;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public UUID[] groupPropertyMappings;

    public String policyEngineMode;

    public String userMatchingMode;

    public String managed;

    public String userPathTemplate;

    public String icon;

    public String groupMatchingMode;

    public String clientId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] allowedServers;

    public Boolean allowFriends;

    public String plexToken;

    private static final Map<String, Field> FIELDS_BY_COLUMN = Arrays.stream(PlexSource.class.getDeclaredFields())
            // Hibernate's enhancement adds transient fields of its own.
            .filter(field -> (field.getModifiers() & (Modifier.STATIC | Modifier.TRANSIENT)) == 0)
            .peek(field -> field.setAccessible(true))
            .collect(Collectors.toMap(field -> ReadModel.column(field.getName()), Function.identity()));

    /** Sets the field of a column, so that a request's columns need no code of their own. */
    void set(String column, Object value) {
        Field field = FIELDS_BY_COLUMN.get(column);
        if (field == null) {
            throw new IllegalArgumentException("plex_source has no column " + column);
        }
        try {
            field.set(this, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
