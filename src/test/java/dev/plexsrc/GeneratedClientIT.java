package dev.plexsrc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.plexsrc.testing.PackagedApp;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * A client generated from the packaged application's OpenAPI document is the client generated
 * from authentik's (cut to the operations served), except for the deliberate differences, in each
 * version served: the difference of the two generated trees must be exactly
 * {@code reference/typescript-fetch-client.diff} for 2024.8 and
 * {@code reference/typescript-fetch-client-2026.8.diff} for 2026.8 (served by a second packaged
 * application started in that mode). The generator is openapi-generator's typescript-fetch, the
 * one authentik's own web client uses; all four clients come from one run of it.
 */
@QuarkusIntegrationTest
class GeneratedClientIT {

    private static final Path WORK = Path.of("target/generated-clients");
    private static final Path GENERATOR = Path.of("target/tools/openapi-generator-cli.jar");

    @Test
    void typescriptClientsDifferOnlyWhereTheDocumentsMeanTo() throws Exception {
        JsonNode ours2024 = served(RestAssured.port);
        JsonNode ours2026;
        try (PackagedApp app = PackagedApp.start("GeneratedClientIT-2026.8", Map.of("PLEXSRC_AUTHENTIK_API_VERSION", "2026.8"))) {
            ours2026 = served(app.port());
        }
        Map<String, JsonNode> documents = Map.of(
                "plexsrc-2024.8", ours2024, "authentik-2024.8", authentiks("2024.8", ours2024),
                "plexsrc-2026.8", ours2026, "authentik-2026.8", authentiks("2026.8", ours2026));
        generate(documents);

        assertGeneratedDiff("2024.8", "reference/typescript-fetch-client.diff");
        assertGeneratedDiff("2026.8", "reference/typescript-fetch-client-2026.8.diff");
    }

    private static JsonNode served(int port) throws IOException {
        return new ObjectMapper().readTree(given().port(port).queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    /** authentik's document of a version, cut to what is served; title, version and contact only reach comments. */
    private static JsonNode authentiks(String version, JsonNode ours) {
        ObjectNode theirs = (ObjectNode) OpenApiDocumentTest.servedPartOf(OpenApiDocumentTest.reference(version));
        theirs.set("info", ours.get("info"));
        return theirs;
    }

    private static void assertGeneratedDiff(String version, String expected) throws IOException {
        String actual = TreeDiff.between(WORK.resolve("authentik-" + version), WORK.resolve("plexsrc-" + version));
        Path written = WORK.resolve("typescript-fetch-client-" + version + ".diff");
        Files.writeString(written, actual);
        assertEquals(resource(expected), actual, "generated " + version + " clients differ in a way not recorded in "
                + "src/test/resources/" + expected + " (the actual difference is in " + written + ")");
    }

    /** Generates a client into each directory from its document, in one run of the generator (its batch mode). */
    private static void generate(Map<String, JsonNode> documents) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        ObjectMapper mapper = new ObjectMapper();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", GENERATOR.toString(), "batch", "--fail-fast", "--threads", "1"));
        for (Map.Entry<String, JsonNode> document : documents.entrySet()) {
            Path output = WORK.resolve(document.getKey());
            Path input = WORK.resolve(output.getFileName() + ".json");
            Path config = WORK.resolve(output.getFileName() + ".config.json");
            Files.writeString(input, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document.getValue()));
            Files.writeString(config, mapper.writeValueAsString(Map.of("generatorName", "typescript-fetch",
                    "inputSpec", input.toAbsolutePath().toString(), "outputDir", output.toAbsolutePath().toString())));
            deleteTree(output);
            command.add(config.toString());
        }
        Path log = WORK.resolve("generator.log");
        Process generator = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!generator.waitFor(3, TimeUnit.MINUTES)) {
            generator.destroyForcibly();
            throw new AssertionError("generator still running after 3 minutes; see " + log);
        }
        assertEquals(0, generator.exitValue(), () -> "generator failed; see " + log);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GeneratedClientIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** A line difference of two directory trees, without line numbers, so that it reads as a list of changes. */
    static final class TreeDiff {

        static String between(Path left, Path right) throws IOException {
            Set<String> files = new TreeSet<>(files(left));
            files.addAll(files(right));
            StringBuilder diff = new StringBuilder();
            for (String file : files) {
                Path a = left.resolve(file);
                Path b = right.resolve(file);
                if (!Files.exists(b)) {
                    diff.append("only in authentik's: ").append(file).append('\n');
                } else if (!Files.exists(a)) {
                    diff.append("only in plexsrc's: ").append(file).append('\n');
                } else {
                    List<String> changes = lines(Files.readAllLines(a), Files.readAllLines(b));
                    if (!changes.isEmpty()) {
                        diff.append("--- ").append(file).append('\n');
                        changes.forEach(line -> diff.append(line).append('\n'));
                    }
                }
            }
            return diff.toString();
        }

        private static List<String> files(Path root) throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                return paths.filter(Files::isRegularFile).map(path -> root.relativize(path).toString()).toList();
            }
        }

        /** Removed lines as "-", added as "+", each run of changes opened by "@@" (longest common subsequence). */
        private static List<String> lines(List<String> a, List<String> b) {
            int[][] common = new int[a.size() + 1][b.size() + 1];
            for (int i = a.size() - 1; i >= 0; i--) {
                for (int j = b.size() - 1; j >= 0; j--) {
                    common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                            : Math.max(common[i + 1][j], common[i][j + 1]);
                }
            }
            List<String> changes = new ArrayList<>();
            boolean inRun = false;
            int i = 0;
            int j = 0;
            while (i < a.size() || j < b.size()) {
                if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                    inRun = false;
                    i++;
                    j++;
                    continue;
                }
                if (!inRun) {
                    changes.add("@@");
                    inRun = true;
                }
                if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                    changes.add("+" + b.get(j++));
                } else {
                    changes.add("-" + a.get(i++));
                }
            }
            return changes;
        }
    }
}
