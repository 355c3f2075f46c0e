package dev.plexsrc.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shell examples of a Markdown page, as a reader runs them, in order:
 * 1. every {@code ```sh} block runs, unless the line before it is {@code <!-- not run: why -->};
 * 2. a {@code ```text} block right after a block that runs (blank lines between at most) is the
 *    answer it shows, where {@code …} stands for anything;
 * 3. whitespace does not count when answers are compared (JSON is shown wrapped, curl prints it flat).
 */
public final class DocExamples {

    private static final String NOT_RUN = "<!-- not run:";

    /** One block that runs: where it starts, its commands, and the answer it shows (null when none). */
    public record Example(int line, String commands, String shown) {

        /** Whether {@code printed} is the answer shown, {@code …} matching anything. */
        public boolean shows(String printed) {
            return shown == null || pattern(shown).matcher(withoutWhitespace(printed)).matches();
        }
    }

    private DocExamples() {
    }

    public static List<Example> of(String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("```sh")) {
                continue;
            }
            int start = i;
            boolean runs = !previousNonBlank(lines, start).startsWith(NOT_RUN);
            StringBuilder commands = new StringBuilder();
            for (i = i + 1; i < lines.length && !lines[i].strip().equals("```"); i++) {
                commands.append(lines[i]).append('\n');
            }
            if (!runs) {
                continue;
            }
            String shown = null;
            int next = i + 1;
            while (next < lines.length && lines[next].isBlank()) {
                next++;
            }
            if (next < lines.length && lines[next].strip().equals("```text")) {
                StringBuilder text = new StringBuilder();
                for (i = next + 1; i < lines.length && !lines[i].strip().equals("```"); i++) {
                    text.append(lines[i]).append('\n');
                }
                shown = text.toString();
            }
            examples.add(new Example(start + 1, commands.toString(), shown));
        }
        return examples;
    }

    private static String previousNonBlank(String[] lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].strip();
            }
        }
        return "";
    }

    private static Pattern pattern(String shown) {
        String[] parts = withoutWhitespace(shown).split("…", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i > 0 ? ".*?" : "").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }
}
