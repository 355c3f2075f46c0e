package dev.plexsrc;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small checker of JSON values against the schemas of an OpenAPI 3.0 document: {@code $ref},
 * {@code allOf}, {@code type}, {@code format} (uuid, date-time), {@code nullable}, {@code enum},
 * {@code required}, {@code properties} (no others allowed), {@code items}, {@code maxLength},
 * {@code pattern}. Enough for the response shapes of this service; not a general validator.
 */
final class SchemaChecker {

    private static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final String REF_PREFIX = "#/components/schemas/";

    private final JsonNode document;

    SchemaChecker(JsonNode document) {
        this.document = document;
    }

    static SchemaChecker fromClasspath(String resource) {
        try (InputStream in = SchemaChecker.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new SchemaChecker(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode schema(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("no schema " + name);
        }
        return schema;
    }

    /** Every way {@code value} breaks the named schema, as {@code path: problem} lines; empty when it conforms. */
    List<String> check(JsonNode value, String schemaName) {
        List<String> problems = new ArrayList<>();
        check(value, schema(schemaName), "$", problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (value.isNull()) {
            if (!nullable(schema)) {
                problems.add(path + ": null but not nullable");
            }
            return;
        }
        if (schema.has("$ref")) {
            check(value, resolve(schema.get("$ref").asText()), path, problems);
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, path, problems);
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        String type = schema.path("type").asText(null);
        if (type == null) {
            return;
        }
        switch (type) {
            case "object" -> checkObject(value, schema, path, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": expected an array, got " + value);
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.path("items"), path + "[" + i + "]", problems);
                }
            }
            case "string" -> checkString(value, schema, path, problems);
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected a boolean, got " + value);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": expected an integer, got " + value);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": expected a number, got " + value);
                }
            }
            default -> problems.add(path + ": schema type " + type + " not supported by this checker");
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (!value.isObject()) {
            problems.add(path + ": expected an object, got " + value);
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(path + ": required property " + required.asText() + " is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<String> names = value.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (properties.has(name)) {
                check(value.get(name), properties.get(name), path + "." + name, problems);
            } else {
                problems.add(path + ": unexpected property " + name);
            }
        }
    }

    private static void checkString(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(path + ": expected a string, got " + value);
            return;
        }
        String text = value.asText();
        String format = schema.path("format").asText("");
        if (format.equals("uuid") && !UUID.matcher(text).matches()) {
            problems.add(path + ": not a lower-case uuid: " + text);
        }
        if (format.equals("date-time")) {
            try {
                Instant.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(path + ": not an ISO-8601 UTC date-time: " + text);
            }
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            problems.add(path + ": longer than " + schema.get("maxLength").asInt());
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(path + ": does not match " + schema.get("pattern").asText());
        }
    }

    /** OpenAPI 3.0: {@code nullable} on the schema itself, or on a {@code $ref}/{@code allOf} target. */
    private boolean nullable(JsonNode schema) {
        if (schema.path("nullable").asBoolean(false)) {
            return true;
        }
        if (schema.has("$ref") && nullable(resolve(schema.get("$ref").asText()))) {
            return true;
        }
        for (JsonNode part : schema.path("allOf")) {
            if (nullable(part)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith(REF_PREFIX)) {
            throw new IllegalArgumentException("unsupported $ref " + ref);
        }
        return schema(ref.substring(REF_PREFIX.length()));
    }
}
