package dev.plexsrc.source;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A source as reads answer it: every column of {@code plex_source}, in the order of the response.
 * The components are the one list of the table's columns: each is the column of its snake_case
 * name, selected as {@code s.column AS s_column} so that a source can sit beside a connection's
 * columns in one row. {@code plexToken} holds ciphertext.
 */
@RegisterForReflection
public record PlexSourceRow(
        UUID id,
        String name,
        String slug,
        boolean enabled,
        UUID authenticationFlow,
        UUID enrollmentFlow,
        List<UUID> userPropertyMappings,
        List<UUID> groupPropertyMappings,
        String policyEngineMode,
        String userMatchingMode,
        String managed,
        String userPathTemplate,
        String groupMatchingMode,
        String clientId,
        List<String> allowedServers,
        boolean allowFriends,
        String plexToken) {

    private static final RecordComponent[] COMPONENTS = PlexSourceRow.class.getRecordComponents();
    private static final String[] ALIASES = Arrays.stream(COMPONENTS).map(c -> "s_" + column(c.getName()))
            .toArray(String[]::new);
    private static final Class<?>[] READ_TYPES = Arrays.stream(COMPONENTS).map(PlexSourceRow::readType)
            .toArray(Class<?>[]::new);
    private static final Constructor<PlexSourceRow> CONSTRUCTOR = canonicalConstructor();
    private static final Field[] ENTITY_FIELDS = Arrays.stream(COMPONENTS).map(PlexSourceRow::entityField)
            .toArray(Field[]::new);

    /** The select list for a source aliased {@code s}. */
    public static final String COLUMNS = Arrays.stream(COMPONENTS)
            .map(c -> "s." + column(c.getName()) + " AS s_" + column(c.getName()))
            .collect(Collectors.joining(", "));

    /** A source from a row selected with {@link #COLUMNS}. */
    public static PlexSourceRow from(Row row) {
        Object[] values = new Object[COMPONENTS.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = listIfArray(row.get(READ_TYPES[i], ALIASES[i]));
        }
        return create(values);
    }

    /** A source just written, from its entity: each component from the entity's field of the same name. */
    public static PlexSourceRow of(PlexSource source) {
        Object[] values = new Object[COMPONENTS.length];
        try {
            for (int i = 0; i < values.length; i++) {
                values[i] = listIfArray(ENTITY_FIELDS[i].get(source));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return create(values);
    }

    /** Sets the entity's field of this column, for a source about to be written. */
    static void set(PlexSource source, String column, Object value) {
        for (int i = 0; i < COMPONENTS.length; i++) {
            if (ALIASES[i].equals("s_" + column)) {
                try {
                    ENTITY_FIELDS[i].set(source, value);
                    return;
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no column " + column);
    }

    /** A component's column: {@code userMatchingMode} is {@code user_matching_mode}. */
    static String column(String component) {
        return component.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static Object listIfArray(Object value) {
        return value != null && value.getClass().isArray() ? List.of((Object[]) value) : value;
    }

    /** How the client reads a component's column: a list as an array of its elements, a primitive boxed. */
    private static Class<?> readType(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == List.class) {
            Class<?> element = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            return Array.newInstance(element, 0).getClass();
        }
        return type == boolean.class ? Boolean.class : type;
    }

    private static Field entityField(RecordComponent component) {
        try {
            // Quarkus turns an entity's public fields into private ones behind generated accessors.
            Field field = PlexSource.class.getDeclaredField(component.getName());
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("PlexSource lacks the field of the column " + column(component.getName()), e);
        }
    }

    private static Constructor<PlexSourceRow> canonicalConstructor() {
        try {
            return PlexSourceRow.class.getDeclaredConstructor(
                    Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PlexSourceRow create(Object[] values) {
        try {
            return CONSTRUCTOR.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
