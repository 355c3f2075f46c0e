package dev.plexsrc.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every invalid field of one request so they are all reported at once, in the
 * shape authentik (Django REST framework) uses: {@code {"field": ["message", ...]}}, and for
 * items of a list {@code {"field": {"2": ["message"]}}}.
 */
public final class FieldErrors {

    public static final String NON_FIELD_ERRORS = "non_field_errors";

    private final Map<String, Object> errors = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        messages(errors, field).add(message);
        return this;
    }

    @SuppressWarnings("unchecked")
    public FieldErrors addItem(String field, int index, String message) {
        Object items = errors.computeIfAbsent(field, k -> new LinkedHashMap<String, Object>());
        messages((Map<String, Object>) items, Integer.toString(index)).add(message);
        return this;
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a {@link ValidationException} when anything was collected. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(this);
        }
    }

    public Map<String, Object> asMap() {
        return errors;
    }

    public static ValidationException single(String field, String message) {
        return new ValidationException(new FieldErrors().add(field, message));
    }

    @SuppressWarnings("unchecked")
    private static List<String> messages(Map<String, Object> target, String key) {
        return (List<String>) target.computeIfAbsent(key, k -> new ArrayList<String>());
    }
}
