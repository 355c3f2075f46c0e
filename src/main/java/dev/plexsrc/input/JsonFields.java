package dev.plexsrc.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.plexsrc.error.ApiException;
import dev.plexsrc.error.FieldErrors;

/**
 * Reads the fields of a JSON request body the way authentik's serializers do: each accessor
 * checks one field, records what is wrong in {@link FieldErrors} and returns {@code null} when
 * the field is absent or invalid, so a request reports every invalid field at once.
 */
public final class JsonFields {

    static final String REQUIRED = "This field is required.";
    static final String BLANK = "This field may not be blank.";
    static final String NULL = "This field may not be null.";

    /**
     * The longest text a column under a b-tree index takes (source name and client_id, connection
     * identifier): PostgreSQL refuses an index entry over ~2,700 bytes, and 512 characters of up to
     * four UTF-8 bytes each stay below it.
     */
    public static final int INDEXED_TEXT_MAX_LENGTH = 512;

    private static final Set<String> TRUE_TEXT = Set.of("t", "y", "yes", "true", "on", "1");
    private static final Set<String> FALSE_TEXT = Set.of("f", "n", "no", "false", "off", "0");

    /** The slug alphabet, for bodies and (PathIds) paths alike. */
    static final Pattern SLUG = Pattern.compile("^[-a-zA-Z0-9_]+$");
    private static final Pattern INTEGER = Pattern.compile("^[-+]?\\d{1,10}$");
    private static final Pattern HEX_UUID = Pattern.compile("^[0-9a-fA-F]{32}$");
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final JsonNode body;
    private final FieldErrors errors = new FieldErrors();

    private JsonFields(JsonNode body) {
        this.body = body;
    }

    /** An absent body counts as an empty object; anything but an object is a parse error. */
    /**
     * Parses a body the route took as bytes, as the JSON reader would: invalid JSON becomes the
     * same 400 (a {@link WebApplicationException} around the parse error), an empty body no fields.
     */
    public static JsonFields parse(ObjectMapper json, byte[] body) {
        try {
            return of(body == null || body.length == 0 ? null : json.readTree(body));
        } catch (JsonProcessingException e) {
            throw new WebApplicationException(e, 400);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonFields of(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            return new JsonFields(JsonNodeFactory.instance.objectNode());
        }
        if (!body.isObject()) {
            throw new ApiException(400, "JSON parse error - Expected a JSON object.");
        }
        return new JsonFields(body);
    }

    public FieldErrors errors() {
        return errors;
    }

    public boolean present(String field) {
        return body.has(field);
    }

    /** Reports each of the fields that is absent. */
    public void require(String... fields) {
        for (String field : fields) {
            if (!present(field)) {
                errors.add(field, REQUIRED);
            }
        }
    }

    /** A non-blank string, trimmed; numbers are accepted as their text, like DRF's CharField. */
    public String string(String field) {
        return string(field, Integer.MAX_VALUE);
    }

    /** {@link #string(String)} of at most {@code maxLength} characters, as DRF's {@code max_length} counts them. */
    public String string(String field, int maxLength) {
        return string(field, maxLength, false);
    }

    /** A string that may be blank (DRF's {@code allow_blank}), trimmed. */
    public String blankableString(String field) {
        return string(field, Integer.MAX_VALUE, true);
    }

    private String string(String field, int maxLength, boolean blankAllowed) {
        JsonNode node = nonNull(field);
        if (node == null) {
            return null;
        }
        String value = text(node);
        if (value == null) {
            errors.add(field, "Not a valid string.");
            return null;
        }
        value = value.strip();
        if (value.isEmpty() && !blankAllowed) {
            errors.add(field, BLANK);
            return null;
        }
        List<String> problems = new ArrayList<>(StorableText.problems(value));
        if (value.codePointCount(0, value.length()) > maxLength) {
            problems.add(0, tooLong(maxLength));
        }
        problems.forEach(problem -> errors.add(field, problem));
        return problems.isEmpty() ? value : null;
    }

    /** A string that must match a slug: 1..maxLength of letters, digits, underscores, hyphens. */
    public String slug(String field, int maxLength) {
        String value = string(field);
        if (value == null) {
            return null;
        }
        boolean valid = true;
        if (value.codePointCount(0, value.length()) > maxLength) {
            errors.add(field, tooLong(maxLength));
            valid = false;
        }
        if (!SLUG.matcher(value).matches()) {
            errors.add(field, "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.");
            valid = false;
        }
        return valid ? value : null;
    }

    public String choice(String field, Set<String> choices) {
        JsonNode node = nonNull(field);
        if (node == null) {
            return null;
        }
        String value = text(node);
        if (value == null || !choices.contains(value)) {
            errors.add(field, "\"" + (value == null ? node.toString() : value) + "\" is not a valid choice.");
            return null;
        }
        return value;
    }

    public Boolean bool(String field) {
        JsonNode node = nonNull(field);
        if (node == null) {
            return null;
        }
        Boolean value = toBoolean(node);
        if (value == null) {
            errors.add(field, "Must be a valid boolean.");
        }
        return value;
    }

    public Integer integer(String field) {
        JsonNode node = nonNull(field);
        if (node == null) {
            return null;
        }
        Integer value = toInteger(node);
        if (value == null) {
            errors.add(field, "A valid integer is required.");
        }
        return value;
    }

    public UUID uuid(String field) {
        JsonNode node = nonNull(field);
        if (node == null) {
            return null;
        }
        UUID value = toUuid(node);
        if (value == null) {
            errors.add(field, "Must be a valid UUID.");
        }
        return value;
    }

    /**
     * A uuid that may be null: {@code null} when absent or invalid, {@code Optional.empty()} for
     * an explicit JSON null.
     */
    public Optional<UUID> nullableUuid(String field) {
        JsonNode node = body.get(field);
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            return Optional.empty();
        }
        UUID value = uuid(field);
        return value == null ? null : Optional.of(value);
    }

    /** A list of uuids; any bad item fails the whole field, as DRF's many-related fields do. */
    public List<UUID> uuidList(String field) {
        JsonNode node = list(field);
        if (node == null) {
            return null;
        }
        List<UUID> values = new ArrayList<>();
        for (JsonNode item : node) {
            UUID value = toUuid(item);
            if (value == null) {
                errors.add(field, "Must be a valid UUID.");
                return null;
            }
            values.add(value);
        }
        return values;
    }

    /** A list of non-blank strings; bad items are reported by index, as DRF's ListField does. */
    public List<String> stringList(String field) {
        JsonNode node = list(field);
        if (node == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        int index = 0;
        for (JsonNode item : node) {
            String value = item.isNull() ? null : text(item);
            if (item.isNull()) {
                errors.addItem(field, index, NULL);
            } else if (value == null) {
                errors.addItem(field, index, "Not a valid string.");
            } else if (value.isBlank()) {
                errors.addItem(field, index, BLANK);
            } else {
                int position = index;
                List<String> problems = StorableText.problems(value);
                problems.forEach(problem -> errors.addItem(field, position, problem));
                values.add(value.strip());
            }
            index++;
        }
        return errors.has(field) ? null : values;
    }


    public static Boolean toBoolean(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && (node.asInt() == 0 || node.asInt() == 1)) {
            return node.asInt() == 1;
        }
        if (node.isTextual()) {
            String text = node.textValue().toLowerCase(java.util.Locale.ROOT);
            if (TRUE_TEXT.contains(text)) {
                return true;
            }
            if (FALSE_TEXT.contains(text)) {
                return false;
            }
        }
        return null;
    }

    public static Integer toInteger(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isFloatingPointNumber() && node.canConvertToInt() && node.doubleValue() == Math.rint(node.doubleValue())) {
            return node.intValue();
        }
        if (node.isTextual() && INTEGER.matcher(node.textValue().strip()).matches()) {
            try {
                return Integer.valueOf(node.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static UUID toUuid(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String text = node.textValue().strip();
        // Accept the hyphenated form and the 32-hex-digit form, as Python's uuid.UUID does.
        if (HEX_UUID.matcher(text).matches()) {
            text = text.substring(0, 8) + "-" + text.substring(8, 12) + "-" + text.substring(12, 16)
                    + "-" + text.substring(16, 20) + "-" + text.substring(20);
        }
        if (!UUID_TEXT.matcher(text).matches()) {
            return null;
        }
        return UUID.fromString(text);
    }

    private static String tooLong(int maxLength) {
        return "Ensure this field has no more than " + maxLength + " characters.";
    }

    private JsonNode nonNull(String field) {
        JsonNode node = body.get(field);
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            errors.add(field, NULL);
            return null;
        }
        return node;
    }

    private JsonNode list(String field) {
        JsonNode node = nonNull(field);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(field, "Expected a list of items but got type \"" + pythonType(node) + "\".");
            return null;
        }
        return node;
    }

    private static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.asText();
        }
        return null;
    }

    /** The Python type name authentik would print for this JSON value. */
    private static String pythonType(JsonNode node) {
        if (node.isTextual()) {
            return "str";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isIntegralNumber()) {
            return "int";
        }
        if (node.isNumber()) {
            return "float";
        }
        return "dict";
    }
}
