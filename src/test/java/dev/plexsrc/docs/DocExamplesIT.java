package dev.plexsrc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.plexsrc.docs.DocExamples.Example;
import dev.plexsrc.testing.PackagedApp;

/**
 * The shell examples of the README and of docs/ run as a reader runs them, in order and in one
 * shell (a page goes on from the one before: the README's token, its source), against the
 * packaged application on a fresh database (trusting the development key of dev/, as the dev
 * profile does) and the stand-in for plex.tv in dev/, and each shows what it prints (see
 * {@link DocExamples} for how a page marks its blocks).
 */
class DocExamplesIT {

    private static final Path WORK = Path.of("target/doc-examples");
    private static final String SEPARATOR = "@@@ example @@@";

    @Test
    void everyExampleShowsWhatItPrints() throws Exception {
        Files.createDirectories(WORK);
        List<String> problems = new ArrayList<>();
        int plexTvPort = PackagedApp.freePort();
        Process plexTv = new ProcessBuilder(java(), "dev/FakePlexTv.java", Integer.toString(plexTvPort))
                .redirectErrorStream(true).redirectOutput(WORK.resolve("fake-plex-tv.log").toFile()).start();
        try (PackagedApp app = PackagedApp.start("DocExamplesIT", Map.of(
                "MP_JWT_VERIFY_PUBLICKEY", Files.readString(Path.of("dev/publicKey.pem")),
                "MP_JWT_VERIFY_ISSUER", "plexsrc-dev",
                "PLEXSRC_PLEX_BASE_URL", "http://localhost:" + plexTvPort))) {
            Awaitility.await().until(() -> Files.readString(WORK.resolve("fake-plex-tv.log")).contains("fake plex.tv on"));
            problems.addAll(run(pages(), app.port(), plexTvPort));
        } finally {
            plexTv.destroy();
        }
        assertEquals(List.of(), problems);
    }

    /** Runs the pages' examples in one shell, as one reader going through them would, and compares what each printed. */
    private static List<String> run(List<Path> pages, int port, int plexTvPort) throws IOException, InterruptedException {
        List<String> places = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        for (Path page : pages) {
            for (Example example : DocExamples.of(Files.readString(page))) {
                places.add(page + ":" + example.line());
                examples.add(example);
                script.append("echo '").append(SEPARATOR).append("'\n").append(example.commands()
                        .replace("http://localhost:8080", "http://localhost:" + port)
                        .replace("http://localhost:8099", "http://localhost:" + plexTvPort));
            }
        }
        Path output = WORK.resolve("examples.out");
        Process shell = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!shell.waitFor(2, TimeUnit.MINUTES)) {
            shell.destroyForcibly();
            return List.of("the examples still run after 2 minutes; see " + output);
        }
        String[] printed = Files.readString(output).split(SEPARATOR + "\n", -1);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            String answer = i + 1 < printed.length ? printed[i + 1] : "";
            if (!examples.get(i).shows(answer)) {
                problems.add(places.get(i) + " printed\n" + answer + "\nbut shows\n" + examples.get(i).shown());
            }
        }
        return problems;
    }

    /** The README, then the pages of docs/ by name. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
