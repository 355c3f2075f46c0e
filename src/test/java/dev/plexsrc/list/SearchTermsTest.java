package dev.plexsrc.list;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code search=} into terms, whitespace and commas separate, quotes keep a phrase. */
class SearchTermsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                   | ''",
            "''                     | ''",
            "'   '                  | ''",
            "', ,\t'                | ''",
            "plex                   | plex",
            "'  plex  '             | plex",
            "'plex media'           | plex/media",
            "'plex,media'           | plex/media",
            "'plex , media,,server' | plex/media/server",
            "'a\tb\u2003c'           | a/b/c",
            "'\"plex media\" server' | plex media/server",
            "'\"plex, media\"'      | plex, media",
            "'\" plex \"'           | plex",
            "'x\"y z\"w'            | x/y z/w",
            "'\"unclosed phrase'    | unclosed phrase",
            "'\"\"'                 | ''",
            "'50% off_x'            | 50%/off_x",
            "'Ünïcödé ümlaut'       | Ünïcödé/ümlaut",
    })
    void splitsIntoTerms(String search, String terms) {
        List<String> expected = terms.isEmpty() ? List.of() : Arrays.asList(terms.split("/"));
        assertEquals(expected, SearchTerms.split(search), search);
    }
}
