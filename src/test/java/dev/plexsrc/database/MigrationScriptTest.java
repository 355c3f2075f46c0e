package dev.plexsrc.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scripts are found, named, ordered and checksummed as Flyway did it. The expected checksums are
 * Flyway 12.0.0's own ({@code ChecksumCalculator}, run on the same text while the build still had it),
 * and for this build's scripts what the last Flyway-based build wrote to flyway_schema_history.
 */
class MigrationScriptTest {

    @Test
    void thisBuildsScriptsComeFromTheBuildsListInVersionOrder() {
        List<MigrationScript> scripts = MigrationScript.ofThisBuild();
        assertEquals(List.of("db/migration/V1__plex_source.sql", "db/migration/V2__plex_connections.sql",
                "db/migration/V3__change_log.sql", "db/migration/V4__change_log_without_commit_lock.sql",
                "db/migration/V5__plex_source_2026_fields.sql"), scripts.stream().map(MigrationScript::script).toList());
        assertEquals(List.of("plex source", "plex connections", "change log", "change log without commit lock",
                "plex source 2026 fields"), scripts.stream().map(MigrationScript::description).toList());
        assertEquals(List.of("1", "2", "3", "4", "5"), scripts.stream().map(script -> script.version().toString()).toList());
    }

    @Test
    void thisBuildsChecksumsAreTheOnesFlywayRecorded() {
        Map<String, Integer> checksums = MigrationScript.ofThisBuild().stream()
                .collect(Collectors.toMap(MigrationScript::fileName, MigrationScript::checksum));
        assertEquals(Map.of(
                "V1__plex_source.sql", -208857887,
                "V2__plex_connections.sql", -1197978335,
                "V3__change_log.sql", 336019765,
                "V4__change_log_without_commit_lock.sql", 1988092953,
                "V5__plex_source_2026_fields.sql", 2052857070), checksums);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "LF                    | 'SELECT 1;\\nSELECT 2;\\n'        | -1665099012",
        "CRLF                  | 'SELECT 1;\\r\\nSELECT 2;\\r\\n'    | -1665099012",
        "no final newline      | 'SELECT 1;\\nSELECT 2;'          | -1665099012",
        "byte order mark       | '\\uFEFFSELECT 1;\\nSELECT 2;\\n'  | -1665099012",
        "CR                    | 'SELECT 1;\\rSELECT 2;\\n'        | -1665099012",
        "blank line            | 'SELECT 1;\\n\\nSELECT 2;\\n'      | -1665099012",
        "empty                 | ''                              | 0",
        "one newline           | '\\n'                            | 0",
        "UTF-8                 | '-- é ü\\nSELECT ''ß'';\\n'       | -948302927",
    })
    void checksumIsFlywaysCrc32OfTheLinesWithoutTerminators(String kind, String text, int flywayChecksum) {
        String unescaped = text.replace("\\n", "\n").replace("\\r", "\r").replace("\\uFEFF", "\uFEFF");
        assertEquals(flywayChecksum, MigrationScript.of("V1__x.sql", unescaped).checksum());
    }

    @Test
    void theByteOrderMarkIsNotPartOfTheStatements() {
        assertEquals("SELECT 1;\n", MigrationScript.of("V1__x.sql", "\uFEFFSELECT 1;\n").sql());
    }

    @Test
    void aNameGivesVersionDescriptionAndPath() {
        MigrationScript script = MigrationScript.of("V2_1__add_an_index_to_plex_source.sql", "");
        assertEquals(SchemaVersion.parse("2.1"), script.version());
        assertEquals("2.1", script.version().toString());
        assertEquals("add an index to plex source", script.description());
        assertEquals("db/migration/V2_1__add_an_index_to_plex_source.sql", script.script());
        assertEquals("V2_1__add_an_index_to_plex_source.sql", script.fileName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"V1_plex.sql", "V1__plex.SQL", "R__view.sql", "U1__undo.sql", "Vx__plex.sql", "V1__.sql", "1__plex.sql"})
    void otherNamesAreRefused(String fileName) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> MigrationScript.of(fileName, ""));
        assertEquals("\"" + fileName + "\" is not a migration's name: V<version>__<description>.sql", refused.getMessage());
    }

    @Test
    void scriptsAreOrderedByVersionNotByName() {
        List<MigrationScript> ordered = MigrationScript.inOrder(List.of(MigrationScript.of("V10__ten.sql", ""),
                MigrationScript.of("V9__nine.sql", ""), MigrationScript.of("V1_1__one_one.sql", ""),
                MigrationScript.of("V2__two.sql", ""), MigrationScript.of("V1__one.sql", "")));
        assertEquals(List.of("V1__one.sql", "V1_1__one_one.sql", "V2__two.sql", "V9__nine.sql", "V10__ten.sql"),
                ordered.stream().map(MigrationScript::fileName).toList());
    }

    @Test
    void twoScriptsOfOneVersionAreRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> MigrationScript.inOrder(
                List.of(MigrationScript.of("V2__two.sql", ""), MigrationScript.of("V2_0__also_two.sql", ""))));
        assertEquals("Two migrations of version 2.0: V2__two.sql and V2_0__also_two.sql", refused.getMessage());
    }
}
