package dev.plexsrc.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.plexsrc.error.ApiException;

/** {@code page} and {@code page_size} as DRF's PageNumberPagination reads them, and authentik's pagination block. */
class PageRequestTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = { "NULL, 1", "'', 1", "1, 1", "2, 2", "007, 7", "999999999, 999999999" })
    void pageIsOneBasedAndDefaultsToTheFirst(String page, int expected) {
        assertEquals(expected, PageRequest.of(page, null).page());
    }

    @ParameterizedTest
    @ValueSource(strings = { "last" })
    void lastIsTheLastPage(String page) {
        assertNull(PageRequest.of(page, null).page());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "00", "-1", "+1", " 1", "1 ", "1.0", "one", "LAST", "Last", "1000000000", "99999999999999999999" })
    void anyOtherPageIsInvalid(String page) {
        ApiException e = assertThrows(ApiException.class, () -> PageRequest.of(page, null), page);
        assertEquals(404, e.status());
        assertEquals("Invalid page.", e.detail());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "NULL, 20", "'', 20", "'  ', 20", "0, 20", "-1, 20", "-20, 20", "abc, 20", "2.5, 20", "0x10, 20",
            "1, 1", "' 30 ', 30", "020, 20", "99, 99", "100, 100", "101, 100", "999999999, 100",
    })
    void pageSizeDefaultsTo20AndIsCappedAt100(String pageSize, int expected) {
        assertEquals(expected, PageRequest.of(null, pageSize).size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // page | size | count | next | previous | current | total_pages | start_index | end_index
            "1     | 20   | 0     | 0    | 0        | 1       | 1           | 0           | 0",
            "NULL  | 20   | 0     | 0    | 0        | 1       | 1           | 0           | 0",
            "1     | 20   | 1     | 0    | 0        | 1       | 1           | 1           | 1",
            "1     | 20   | 20    | 0    | 0        | 1       | 1           | 1           | 20",
            "1     | 20   | 21    | 2    | 0        | 1       | 2           | 1           | 20",
            "2     | 20   | 21    | 0    | 1        | 2       | 2           | 21          | 21",
            "1     | 20   | 45    | 2    | 0        | 1       | 3           | 1           | 20",
            "2     | 20   | 45    | 3    | 1        | 2       | 3           | 21          | 40",
            "3     | 20   | 45    | 0    | 2        | 3       | 3           | 41          | 45",
            "NULL  | 20   | 45    | 0    | 2        | 3       | 3           | 41          | 45",
            "2     | 20   | 40    | 0    | 1        | 2       | 2           | 21          | 40",
            "NULL  | 1    | 5     | 0    | 4        | 5       | 5           | 5           | 5",
            "3     | 100  | 1000  | 4    | 2        | 3       | 10          | 201         | 300",
    })
    void paginationNumbers(Integer page, int size, long count, long next, long previous, long current, long totalPages,
            long startIndex, long endIndex) {
        assertEquals(new Pagination(next, previous, count, current, totalPages, startIndex, endIndex),
                new PageRequest(page, size).paginate(count));
    }

    @ParameterizedTest
    @CsvSource({ "2, 20, 0", "2, 20, 20", "3, 20, 40", "4, 20, 45", "6, 1, 5" })
    void aPagePastTheEndIsInvalid(int page, int size, long count) {
        ApiException e = assertThrows(ApiException.class, () -> new PageRequest(page, size).paginate(count));
        assertEquals(404, e.status());
        assertEquals("Invalid page.", e.detail());
    }
}
