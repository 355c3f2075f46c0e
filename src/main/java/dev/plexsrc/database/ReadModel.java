package dev.plexsrc.database;

import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A read-model record's columns, derived once from its components so that no column is listed
 * twice: each component is the column of its snake_case name ({@code userMatchingMode} is
 * {@code user_matching_mode}), selected as {@code alias.column AS alias_column} so that records
 * of two tables fit in one row; a component that is itself a record contributes its own columns.
 * The record and the entity it reads must be registered for reflection.
 */
public final class ReadModel<R extends Record> {

    private final Constructor<R> constructor;
    private final Part[] parts;
    private final String columns;

    /** One component: either a column (its alias and how it is read) or a nested record's model. */
    private record Part(String name, String alias, Class<?> readType, ReadModel<?> nested) {
    }

    public ReadModel(Class<R> type, String alias) {
        RecordComponent[] components = type.getRecordComponents();
        this.constructor = canonicalConstructor(type, components);
        this.parts = Arrays.stream(components).map(component -> part(component, alias)).toArray(Part[]::new);
        List<String> selected = new ArrayList<>();
        for (Part part : parts) {
            selected.add(part.nested() != null ? part.nested().columns()
                    : alias + "." + part.alias().substring(alias.length() + 1) + " AS " + part.alias());
        }
        this.columns = String.join(", ", selected);
    }

    /** The select list. */
    public String columns() {
        return columns;
    }

    /** The record from a row selected with {@link #columns()}. */
    public R from(Row row) {
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Part part = parts[i];
            values[i] = part.nested() != null ? part.nested().from(row) : listIfArray(row.get(part.readType(), part.alias()));
        }
        return create(values);
    }

    /** The record of an entity just written: each component from the entity's field of the same name. */
    public R of(Object entity) {
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Part part = parts[i];
            values[i] = part.nested() != null ? part.nested().of(entity) : listIfArray(field(entity, part.name()));
        }
        return create(values);
    }

    /** A component's column: {@code userMatchingMode} is {@code user_matching_mode}. */
    public static String column(String component) {
        return component.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static Part part(RecordComponent component, String alias) {
        Class<?> type = component.getType();
        if (type.isRecord()) {
            return new Part(component.getName(), null, null, new ReadModel<>(type.asSubclass(Record.class), alias));
        }
        return new Part(component.getName(), alias + "_" + column(component.getName()), readType(component), null);
    }

    /** How the client reads a component's column: a list as an array of its elements, a primitive boxed. */
    private static Class<?> readType(RecordComponent component) {
        Class<?> type = component.getType();
        if (type == List.class) {
            Class<?> element = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            return Array.newInstance(element, 0).getClass();
        }
        return MethodType.methodType(type).wrap().returnType();
    }

    private static Object listIfArray(Object value) {
        return value != null && value.getClass().isArray() ? List.of((Object[]) value) : value;
    }

    private static Object field(Object entity, String name) {
        try {
            // Quarkus turns an entity's public fields into private ones behind generated accessors.
            Field field = entity.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(entity);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(entity.getClass().getSimpleName() + " lacks the field " + name, e);
        }
    }

    private static <R> Constructor<R> canonicalConstructor(Class<R> type, RecordComponent[] components) {
        try {
            return type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private R create(Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
