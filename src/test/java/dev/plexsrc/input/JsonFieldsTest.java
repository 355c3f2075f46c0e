package dev.plexsrc.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.plexsrc.error.ApiException;
import dev.plexsrc.error.ValidationException;

/**
 * Each field kind of a JSON body on its own: the values it accepts (and what they become) and the
 * DRF message it answers for each one it refuses, keyed by the field.
 */
class JsonFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    @Test
    void anAbsentBodyIsAnEmptyObjectAndAnythingButAnObjectIsAParseError() {
        JsonFields absent = JsonFields.of(null);
        absent.require("name");
        assertEquals(Map.of("name", List.of("This field is required.")), absent.errors().asMap());
        assertFalse(JsonFields.of(MissingNode.getInstance()).present("name"));

        for (String body : List.of("[]", "\"name\"", "1", "true", "null")) {
            ApiException e = assertThrows(ApiException.class, () -> JsonFields.of(json(body)), body);
            assertEquals(400, e.status(), body);
            assertEquals("JSON parse error - Expected a JSON object.", e.detail(), body);
        }
        System.out.println("JsonFieldsTest body: absent and missing are {}, 5 non-objects refused");
    }

    @Test
    void requireReportsEachAbsentFieldOnlyAndAnExplicitNullIsPresent() {
        JsonFields fields = fields("{\"name\":\"n\",\"slug\":null}");
        fields.require("name", "slug", "plex_token", "client_id");
        assertEquals(Map.of("plex_token", List.of("This field is required."),
                "client_id", List.of("This field is required.")), fields.errors().asMap());
        assertTrue(fields.present("slug"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"plex\"           | plex",
            "\"  plex \\t\\n\"  | plex",
            "\"a  b\"           | a  b",
            "42                 | 42",
            "-7                 | -7",
            "1.5                | 1.5",
            "\"ü€😀\"           | ü€😀",
    })
    void stringAcceptsTextAndNumbersStripped(String value, String expected) {
        assertEquals(expected, accept(value, JsonFields::string));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "null        | This field may not be null.",
            "\"\"        | This field may not be blank.",
            "\"   \\t \"  | This field may not be blank.",
            "true        | Not a valid string.",
            "false       | Not a valid string.",
            "[\"a\"]     | Not a valid string.",
            "{\"a\":1}   | Not a valid string.",
            "\"a\\u0000b\" | Null characters are not allowed.",
            "\"a\\ud800\"  | Surrogate characters are not allowed: U+D800.",
            "\"\\udfff\"  | Surrogate characters are not allowed: U+DFFF.",
    })
    void stringRefusals(String value, String message) {
        assertRefused(List.of(message), value, JsonFields::string);
    }

    @Test
    void stringAbsentIsNullWithoutAnError() {
        JsonFields fields = fields("{}");
        assertNull(fields.string("name"));
        assertTrue(fields.errors().isEmpty());
    }

    @Test
    void aBlankableStringTakesBlanksAsEmptyButRefusesNullAndNonText() {
        assertEquals("", accept("\"   \"", JsonFields::blankableString));
        assertEquals("x", accept("\" x \"", JsonFields::blankableString));
        assertRefused(List.of("This field may not be null."), "null", JsonFields::blankableString);
        assertRefused(List.of("Not a valid string."), "{}", JsonFields::blankableString);
    }

    @Test
    void maxLengthCountsCharactersAfterStrippingAndComesBeforeOtherProblems() {
        assertEquals("aaaa", accept("\"  aaaa  \"", (f, field) -> f.string(field, 4)), "surrounding blanks do not count");
        assertEquals("😀😀😀😀", accept("\"😀😀😀😀\"", (f, field) -> f.string(field, 4)),
                "4 characters, 8 UTF-16 units: as DRF counts");
        assertRefused(List.of("Ensure this field has no more than 4 characters."), "\"aaaaa\"",
                (f, field) -> f.string(field, 4));
        assertRefused(List.of("Ensure this field has no more than 4 characters."), "\"😀😀😀😀😀\"",
                (f, field) -> f.string(field, 4));
        assertRefused(List.of("Ensure this field has no more than 4 characters.", "Null characters are not allowed."),
                "\"aaaa\\u0000\"", (f, field) -> f.string(field, 4));
        assertEquals("a".repeat(512), accept("\"" + "a".repeat(512) + "\"", (f, field) -> f.string(field, 512)));
        assertRefused(List.of("Ensure this field has no more than 512 characters."), "\"" + "a".repeat(513) + "\"",
                (f, field) -> f.string(field, 512));
    }

    @ParameterizedTest
    @ValueSource(strings = { "plex", "Plex-Source_2", "-", "_", "0" })
    void slugAcceptsLettersDigitsUnderscoresHyphens(String slug) {
        assertEquals(slug, accept("\" " + slug + " \"", (f, field) -> f.slug(field, 50)));
    }

    @Test
    void slugRefusals() {
        String invalid = "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.";
        String tooLong = "Ensure this field has no more than 50 characters.";
        assertEquals("a".repeat(50), accept("\"" + "a".repeat(50) + "\"", (f, field) -> f.slug(field, 50)));
        assertRefused(List.of(tooLong), "\"" + "a".repeat(51) + "\"", (f, field) -> f.slug(field, 50));
        assertRefused(List.of(invalid), "\"a b\"", (f, field) -> f.slug(field, 50));
        assertRefused(List.of(invalid), "\"a/b\"", (f, field) -> f.slug(field, 50));
        assertRefused(List.of(invalid), "\"plüx\"", (f, field) -> f.slug(field, 50));
        assertRefused(List.of(tooLong, invalid), "\"" + "a".repeat(50) + ".\"", (f, field) -> f.slug(field, 50));
        assertRefused(List.of("This field may not be blank."), "\"  \"", (f, field) -> f.slug(field, 50));
        assertRefused(List.of("This field may not be null."), "null", (f, field) -> f.slug(field, 50));
        assertRefused(List.of("Not a valid string."), "true", (f, field) -> f.slug(field, 50));
        assertRefused(List.of("Null characters are not allowed."), "\"a\\u0000\"", (f, field) -> f.slug(field, 50));
        System.out.println("JsonFieldsTest slug: 50 characters accepted, 51 refused, 9 refusals checked");
    }

    @Test
    void slugMaxLengthCountsCharactersAsStringDoes() {
        // 26 characters, 52 UTF-16 units: DRF's SlugField(max_length=50) finds only the alphabet wrong.
        assertRefused(List.of("Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."),
                "\"" + "😀".repeat(26) + "\"", (f, field) -> f.slug(field, 50));
        assertRefused(List.of("Ensure this field has no more than 50 characters.",
                "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."),
                "\"" + "😀".repeat(51) + "\"", (f, field) -> f.slug(field, 50));
    }

    @Test
    void choiceAcceptsOnlyAListedValueAsGiven() {
        Set<String> modes = Set.of("all", "any", "1");
        BiFunction<JsonFields, String, Object> choice = (f, field) -> f.choice(field, modes);
        assertEquals("any", accept("\"any\"", choice));
        assertEquals("1", accept("1", choice), "a number is matched by its text, as DRF's str(data)");
        assertRefused(List.of("\"ANY\" is not a valid choice."), "\"ANY\"", choice);
        assertRefused(List.of("\" any\" is not a valid choice."), "\" any\"", choice);
        assertRefused(List.of("\"\" is not a valid choice."), "\"\"", choice);
        assertRefused(List.of("\"2\" is not a valid choice."), "2", choice);
        assertRefused(List.of("This field may not be null."), "null", choice);
    }

    @ParameterizedTest
    @CsvSource({
            "true, true", "false, false", "1, true", "0, false",
            "'\"t\"', true", "'\"y\"', true", "'\"yes\"', true", "'\"true\"', true", "'\"on\"', true", "'\"1\"', true",
            "'\"True\"', true", "'\"TRUE\"', true", "'\"ON\"', true",
            "'\"f\"', false", "'\"n\"', false", "'\"no\"', false", "'\"false\"', false", "'\"off\"', false",
            "'\"0\"', false", "'\"False\"', false", "'\"NO\"', false",
    })
    void boolAcceptsDrfsTrueAndFalseValues(String value, boolean expected) {
        assertEquals(expected, accept(value, JsonFields::bool));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2", "-1", "1.0", "0.5", "\"\"", "\"maybe\"", "\" true\"", "\"2\"", "\"yes!\"", "[true]", "{}" })
    void boolRefusals(String value) {
        assertRefused(List.of("Must be a valid boolean."), value, JsonFields::bool);
    }

    @Test
    void boolNullIsNotAllowed() {
        assertRefused(List.of("This field may not be null."), "null", JsonFields::bool);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "7                | 7",
            "-7               | -7",
            "0                | 0",
            "2147483647       | 2147483647",
            "-2147483648      | -2147483648",
            "3.0              | 3",
            "1e2              | 100",
            "\"42\"           | 42",
            "\" 42 \"         | 42",
            "\"+42\"          | 42",
            "\"-0042\"        | -42",
            "\"2147483647\"   | 2147483647",
            "\"-2147483648\"  | -2147483648",
    })
    void integerAccepts(String value, int expected) {
        assertEquals(expected, accept(value, JsonFields::integer));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2147483648", "-2147483649", "1.5", "1e10", "true", "\"\"", "\"seven\"", "\"1.0\"",
            "\"1 2\"", "\"2147483648\"", "\"-2147483649\"", "\"12345678901\"", "\"0x10\"", "[1]", "{}" })
    void integerRefusals(String value) {
        assertRefused(List.of("A valid integer is required."), value, JsonFields::integer);
    }

    @Test
    void integerNullIsNotAllowed() {
        assertRefused(List.of("This field may not be null."), "null", JsonFields::integer);
    }

    @ParameterizedTest
    @ValueSource(strings = { ID, "3FA85F64-5717-4562-B3FC-2C963F66AFA6", "3fa85f6457174562b3fc2c963f66afa6", " " + ID + " " })
    void uuidAcceptsTheHyphenatedAndThe32DigitForms(String text) {
        assertEquals(UUID.fromString(ID), accept("\"" + text + "\"", JsonFields::uuid));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"\"", "\"not-a-uuid\"", "\"3fa85f64-5717-4562-b3fc-2c963f66afa\"",
            "\"3fa85f64-5717-4562-b3fc-2c963f66afa6a\"", "\"3fa85f6457174562b3fc2c963f66afa\"",
            "\"3fa85f64-5717-4562-b3fc-2c963f66afag\"", "1", "true",
            "[\"" + ID + "\"]" })
    void uuidRefusals(String value) {
        assertRefused(List.of("Must be a valid UUID."), value, JsonFields::uuid);
    }

    @Test
    void nullableUuidTellsAbsentFromNullFromInvalid() {
        JsonFields fields = fields("{\"flow\":null,\"other\":\"" + ID + "\",\"bad\":\"x\"}");
        assertNull(fields.nullableUuid("absent"));
        assertEquals(Optional.empty(), fields.nullableUuid("flow"));
        assertEquals(Optional.of(UUID.fromString(ID)), fields.nullableUuid("other"));
        assertNull(fields.nullableUuid("bad"));
        assertEquals(Map.of("bad", List.of("Must be a valid UUID.")), fields.errors().asMap());
    }

    @Test
    void uuidListAcceptsAListOfUuidsAndFailsWholeOnOneBadItem() {
        String other = "0f5a6c5e-8d4b-4e0b-9a6b-1a2b3c4d5e6f";
        assertEquals(List.of(UUID.fromString(ID), UUID.fromString(other)),
                accept("[\"" + ID + "\",\"" + other + "\"]", JsonFields::uuidList));
        assertEquals(List.of(), accept("[]", JsonFields::uuidList));
        assertRefused(List.of("Must be a valid UUID."), "[\"" + ID + "\",\"x\",\"y\"]", JsonFields::uuidList);
        assertRefused(List.of("Must be a valid UUID."), "[null]", JsonFields::uuidList);
        assertRefused(List.of("This field may not be null."), "null", JsonFields::uuidList);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"" + ID + "\" | str",
            "true            | bool",
            "7               | int",
            "7.5             | float",
            "{}              | dict",
    })
    void listsNameThePythonTypeTheyGotInstead(String value, String type) {
        List<String> message = List.of("Expected a list of items but got type \"" + type + "\".");
        assertRefused(message, value, JsonFields::uuidList);
        assertRefused(message, value, JsonFields::stringList);
    }

    @Test
    void stringListStripsItemsAndTakesNumbersAsText() {
        assertEquals(List.of("a", "b c", "7"), accept("[\" a \",\"b c\",7]", JsonFields::stringList));
        assertEquals(List.of(), accept("[]", JsonFields::stringList));
    }

    @Test
    void stringListReportsEveryBadItemByIndex() {
        JsonFields fields = fields("{\"servers\":[\"ok\",null,\"\",\"  \",true,{},\"a\\u0000\",\"x\\ud800\",\"fine\"]}");
        assertNull(fields.stringList("servers"));
        assertEquals(Map.of("servers", Map.of(
                "1", List.of("This field may not be null."),
                "2", List.of("This field may not be blank."),
                "3", List.of("This field may not be blank."),
                "4", List.of("Not a valid string."),
                "5", List.of("Not a valid string."),
                "6", List.of("Null characters are not allowed."),
                "7", List.of("Surrogate characters are not allowed: U+D800."))), fields.errors().asMap());
        System.out.println("JsonFieldsTest stringList: 7 bad items of 9 reported by index");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnceInFieldOrder() {
        JsonFields fields = fields("{\"name\":\"\",\"slug\":\"a b\",\"enabled\":\"maybe\",\"user\":\"x\",\"ok\":\"fine\"}");
        fields.require("plex_token");
        assertEquals("fine", fields.string("ok"));
        assertNull(fields.string("name"));
        assertNull(fields.slug("slug", 50));
        assertNull(fields.bool("enabled"));
        assertNull(fields.integer("user"));
        assertEquals(List.of("plex_token", "name", "slug", "enabled", "user"),
                List.copyOf(fields.errors().asMap().keySet()));
        assertEquals(fields.errors(), assertThrows(ValidationException.class, fields.errors()::throwIfAny).errors());
    }

    private static <T> T accept(String value, BiFunction<JsonFields, String, T> read) {
        JsonFields fields = fields("{\"field\":" + value + "}");
        T result = read.apply(fields, "field");
        assertTrue(fields.errors().isEmpty(), value + " refused: " + fields.errors().asMap());
        return result;
    }

    private static void assertRefused(List<String> messages, String value, BiFunction<JsonFields, String, ?> read) {
        JsonFields fields = fields("{\"field\":" + value + "}");
        assertNull(read.apply(fields, "field"), value);
        assertEquals(Map.of("field", messages), fields.errors().asMap(), value);
    }

    private static JsonFields fields(String body) {
        return JsonFields.of(json(body));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
