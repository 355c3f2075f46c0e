package dev.plexsrc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The docs stand on their own: no page points at files outside the repository or at the work that made it. */
class DocsStandAloneTest {

    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|\\bSPEC\\b|seed page|\\bissue #?\\d+",
            Pattern.CASE_INSENSITIVE);

    @Test
    void noPageRefersOutsideTheRepository() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("bench/README.md"),
                Path.of("deploy/README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> references = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                if (OUTSIDE.matcher(lines.get(i)).find()) {
                    references.add(page + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), references);
    }
}
