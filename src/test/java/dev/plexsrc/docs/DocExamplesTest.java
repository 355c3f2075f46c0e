package dev.plexsrc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plexsrc.docs.DocExamples.Example;

/** How a page's examples are read: which blocks run, which answer each shows, how answers compare. */
class DocExamplesTest {

    private static final String PAGE = """
            # A page

            ```sh
            echo one
            ```

            ```text
            {"a": 1,
             "b": …}
            ```

            <!-- not run: needs Docker -->
            ```sh
            docker build .
            ```

            ```sh
            echo two
            echo three
            ```

            Some prose.

            ```text
            not the answer of the block above: prose stands between
            ```
            """;

    @Test
    void blocksRunInOrderButThoseMarkedNotRun() {
        List<Example> examples = DocExamples.of(PAGE);
        assertEquals(List.of(3, 17), examples.stream().map(Example::line).toList());
        assertEquals("echo one\n", examples.get(0).commands());
        assertEquals("echo two\necho three\n", examples.get(1).commands());
    }

    @Test
    void aTextBlockRightAfterIsTheAnswerShown() {
        List<Example> examples = DocExamples.of(PAGE);
        assertEquals("{\"a\": 1,\n \"b\": …}\n", examples.get(0).shown());
        assertNull(examples.get(1).shown());
    }

    @Test
    void theEllipsisMatchesAnythingAndWhitespaceDoesNotCount() {
        Example example = DocExamples.of(PAGE).get(0);
        assertTrue(example.shows("{\"a\":1,\"b\":{\"c\":[1,2]}}\n"));
        assertTrue(example.shows("{\"a\":1,\"b\":2}"));
        assertFalse(example.shows("{\"a\":2,\"b\":2}"));
        assertFalse(example.shows("{\"a\":1,\"b\":2} and more"));
    }
}
